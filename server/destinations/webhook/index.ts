/**
 * Webhook destination: sends batches of records as JSON to an HTTP(S) endpoint the user runs.
 *
 * Request. `POST` (or `PUT`) to the URL with `content-type: application/json`, the custom and
 * secret headers, and
 *     { "batch_id": "<run id>.<n>", "records": [{ "key": "…", "operation": "upsert", "payload": { … } }] }
 * at most `batchSize` records. A retry of the same records carries the same `batch_id` (an
 * idempotency key): delivery is at-least-once, so a receiver that must not apply a batch twice
 * remembers the ids it applied. `check` sends the same request with `"records": []`.
 *
 * Signature (the scheme of Stripe's webhooks). Every request has
 *     X-Sluice-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
 * keyed with the signing secret. The receiver recomputes the HMAC over the raw bytes of the
 * body (before parsing JSON), compares it in constant time with each `v1` value, and refuses
 * a timestamp more than 5 minutes from its clock (replays); `verifySignature` in ./transform.ts
 * is the reference. Each attempt is signed afresh, so a retry has a new `t`.
 *
 * Outcome contract (how the answer becomes per-record outcomes):
 *   2xx               every record accepted, except the keys listed in an optional JSON body
 *                     `{ "rejected": [{ "key": "…", "reason": "…" }] }` (partial failure):
 *                     those are rejected with the receiver's reason and never sent again.
 *   429, 503          every record `retry` after the Retry-After (delta-seconds or HTTP date),
 *                     or after 1 s without one; the wait also pauses the endpoint's other batches.
 *   408, 425, 5xx,    every record `retry`, after exponential backoff with jitter.
 *   timeout, network
 *   3xx, 401, 403,    the configuration is wrong (redirect, signature or credentials, no such
 *   404, 405, 410     endpoint): `write` throws `DestinationRefusedError` and the delivery stops.
 *   other 4xx         the batch is rejected as a whole (e.g. 400, 413, 422); the delivery layer
 *                     splits it in halves until the bad record stands alone, and sends the rest.
 * Reasons quote the receiver's JSON `error`/`message`/`reason` or the start of its text.
 *
 * Rate limits apply per endpoint (origin and path): every delivery to the same URL shares
 * `concurrency` and `requestsPerSecond`.
 */
import { randomUUID } from "node:crypto";
import { CHECK_TIMEOUT_MS, defineDestination, DestinationRefusedError, OPERATIONS, type DestinationCheckResult } from "../types";
import { sendRequest } from "./api";
import { type TWebhookConfig, ZWebhookConfig } from "./config";
import { checkResultFor, outcomesFor, requestBody, requestHeaders } from "./transform";

export { ZWebhookConfig, type TWebhookConfig } from "./config";

function context(config: TWebhookConfig) {
  return { host: new URL(config.url).host, method: config.method, nowMs: Date.now() };
}

async function post(config: TWebhookConfig, body: string, timeoutMs: number, signal?: AbortSignal) {
  const headers = requestHeaders(config, body, Math.floor(Date.now() / 1000));
  return sendRequest({ url: config.url, method: config.method, headers, body, timeoutMs, signal });
}

/**
 * `check` with an explicit time limit (tests use a short one). Never throws: sends a signed
 * batch with no records, which a receiver that follows the contract answers with 2xx.
 */
export async function checkWebhook(input: unknown, timeoutMs: number = CHECK_TIMEOUT_MS): Promise<DestinationCheckResult> {
  const parsed = ZWebhookConfig.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".");
    return { ok: false, code: "invalid_config", message: `${field ? `${field}: ` : ""}${issue?.message ?? "Invalid settings"}` };
  }
  const config = parsed.data;
  try {
    const result = await post(config, requestBody(`check-${randomUUID()}`, []), Math.min(timeoutMs, config.timeoutSeconds * 1000));
    return checkResultFor(result, context(config));
  } catch (error) {
    return { ok: false, code: "unknown", message: `The test request failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export const webhookDestination = defineDestination<TWebhookConfig>({
  type: "webhook",
  label: "Webhook",
  configSchema: ZWebhookConfig,
  secretFields: ["signingSecret", "secretHeaders"],

  limits: (config) => ({
    batchSize: config.batchSize,
    concurrency: config.concurrency,
    requestsPerSecond: config.requestsPerSecond ?? null,
    supportedOperations: OPERATIONS,
  }),

  accountKey: (config) => {
    const url = new URL(config.url);
    return `${url.origin}${url.pathname}`;
  },

  check: (config) => checkWebhook(config),

  discover: () =>
    Promise.resolve([
      { name: "records", label: "Records", operations: OPERATIONS, fields: [], acceptsCustomFields: true },
    ]),

  async write(config, batch, { signal, batchId }) {
    const result = await post(config, requestBody(batchId, batch), config.timeoutSeconds * 1000, signal);
    const verdict = outcomesFor(result, batch, context(config));
    if (verdict.kind === "refused") throw new DestinationRefusedError(verdict.message, verdict.code);
    return verdict.outcomes;
  },

  close: () => Promise.resolve(),
});
