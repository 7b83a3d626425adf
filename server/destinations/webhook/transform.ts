/**
 * Pure parts of the webhook destination: the request body, the signature, and what an HTTP
 * result means for each record of the batch (the outcome contract in ./index.ts).
 * Messages name the host only: paths and queries of webhook URLs often carry tokens.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { parseRetryAfter } from "../retry";
import type { DestinationCheckErrorCode, DestinationCheckResult, DestinationRecord, RecordOutcome } from "../types";
import type { HttpResult } from "./api";
import type { TWebhookConfig } from "./config";

export const SIGNATURE_HEADER = "x-sluice-signature";
export const USER_AGENT = "Sluice-Webhook/1";
/** A receiver rejects a signature whose timestamp is further than this from its own clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** The wait for a 429 or 503 without a readable Retry-After. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;
const MAX_REASON_LENGTH = 500;

export function requestBody(batchId: string, records: readonly DestinationRecord[]): string {
  return JSON.stringify({
    batch_id: batchId,
    records: records.map(({ key, operation, payload }) => ({ key, operation, payload })),
  });
}

/** Fed in two parts: joining `${timestamp}.${body}` first copies the body into a new string, which costs ten times the hash. */
function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body, "utf8").digest("hex");
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed by the signing secret>`. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * What a receiver does with the header (reference implementation): the timestamp is within the
 * tolerance of its clock and one of the `v1` values equals the HMAC it computes over the raw body,
 * compared in constant time.
 */
export function verifySignature(
  header: string | undefined,
  secret: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  if (header === undefined) return false;
  const parts = header.split(",").map((part) => part.trim().split("="));
  const timestamp = Number(parts.find(([name]) => name === "t")?.[1]);
  if (!Number.isSafeInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, body), "hex");
  return parts.some(([name, value]) => {
    if (name !== "v1" || value === undefined || !/^[0-9a-f]{64}$/.test(value)) return false;
    return timingSafeEqual(Buffer.from(value, "hex"), expected);
  });
}

export function requestHeaders(config: TWebhookConfig, body: string, timestamp: number): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": USER_AGENT };
  for (const { name, value } of [...config.headers, ...config.secretHeaders]) headers[name.toLowerCase()] = value;
  headers[SIGNATURE_HEADER] = signatureHeader(config.signingSecret, timestamp, body);
  return headers;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_REASON_LENGTH ? `${flat.slice(0, MAX_REASON_LENGTH - 1)}…` : flat;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const ZErrorBody = z.union([
  z.object({ error: z.object({ message: z.string() }) }).transform((body) => body.error.message),
  z.object({ error: z.string() }).transform((body) => body.error),
  z.object({ message: z.string() }).transform((body) => body.message),
  z.object({ reason: z.string() }).transform((body) => body.reason),
]);

/** What the endpoint said about a failure: its JSON error message, or the start of its text. */
export function responseDetail(body: string): string {
  const parsed = ZErrorBody.safeParse(parseJson(body));
  return clip(parsed.success ? parsed.data : body);
}

const ZRejected = z.object({
  rejected: z.array(
    z.object({
      key: z.union([z.string(), z.number()]).transform(String),
      reason: z.string().optional(),
    }),
  ),
});

/** The `rejected` list of a 2xx body, by key; empty when the body has none (all accepted). */
export function rejectedKeys(body: string): Map<string, string> {
  const parsed = ZRejected.safeParse(parseJson(body));
  const rejected = new Map<string, string>();
  if (!parsed.success) return rejected;
  for (const item of parsed.data.rejected) rejected.set(item.key, clip(item.reason ?? "") || "Rejected by the endpoint.");
  return rejected;
}

type Refusal = { code: DestinationCheckErrorCode; message: string };

/** Answers that concern the configuration rather than the records. */
function refusal(status: number, headers: Record<string, string>, body: string, host: string, method: string): Refusal | null {
  const detail = responseDetail(body);
  const said = detail ? ` ("${detail}")` : "";
  if (status >= 300 && status < 400) {
    const location = headers.location && URL.canParse(headers.location, "http://x") ? new URL(headers.location, `http://${host}`) : null;
    const to = location === null ? "" : ` to ${location.host === host ? "another path" : location.host}`;
    return {
      code: "invalid_config",
      message: `${host} redirects this URL (HTTP ${status})${to}. Enter the final URL: Sluice does not follow redirects.`,
    };
  }
  if (status === 401) {
    return {
      code: "auth_failed",
      message: `${host} refused the request (HTTP 401)${said}: the signature or the credentials did not verify. Check that the signing secret in Sluice is the one your endpoint verifies with, and any Authorization header.`,
    };
  }
  if (status === 403) {
    return { code: "permission_denied", message: `${host} refused access (HTTP 403)${said}. Check the credentials in the headers.` };
  }
  if (status === 404 || status === 410) {
    return { code: "not_found", message: `${host} has no webhook at this URL (HTTP ${status}). Check the path of the URL.` };
  }
  if (status === 405) {
    return { code: "invalid_config", message: `${host} does not accept ${method} requests at this URL (HTTP 405). Check the URL and the method.` };
  }
  return null;
}

/** Which statuses are transient: the request may succeed later unchanged. */
function isTransient(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

function networkReason(result: Extract<HttpResult, { kind: "network" }>, host: string): string {
  return `Could not reach ${host}: ${result.message}${result.code ? ` (${result.code})` : ""}.`;
}

export type Verdict = { kind: "outcomes"; outcomes: RecordOutcome[] } | ({ kind: "refused" } & Refusal);

/** The outcome of every record of `batch` for one HTTP result (see the contract in ./index.ts). */
export function outcomesFor(
  result: HttpResult,
  batch: readonly DestinationRecord[],
  context: { host: string; method: string; nowMs: number },
): Verdict {
  const all = (outcome: (key: string) => RecordOutcome): Verdict => ({ kind: "outcomes", outcomes: batch.map(({ key }) => outcome(key)) });
  if (result.kind === "timeout") {
    const reason = `No answer from ${context.host} within ${result.timeoutMs / 1000} s.`;
    return all((key) => ({ key, status: "retry", afterSeconds: null, reason }));
  }
  if (result.kind === "network") {
    const reason = networkReason(result, context.host);
    return all((key) => ({ key, status: "retry", afterSeconds: null, reason }));
  }
  const { status, headers, body } = result;
  if (status >= 200 && status < 300) {
    const rejected = rejectedKeys(body);
    return all((key) => {
      const reason = rejected.get(key);
      return reason === undefined ? { key, status: "accepted" } : { key, status: "rejected", reason, scope: "record" };
    });
  }
  const refused = refusal(status, headers, body, context.host, context.method);
  if (refused !== null) return { kind: "refused", ...refused };
  const detail = responseDetail(body);
  const reason = `HTTP ${status} from ${context.host}${detail ? `: ${detail}` : ""}`;
  if (status === 429 || status === 503) {
    const afterSeconds = parseRetryAfter(headers["retry-after"], context.nowMs) ?? DEFAULT_RETRY_AFTER_SECONDS;
    return all((key) => ({ key, status: "retry", afterSeconds, reason }));
  }
  if (isTransient(status)) return all((key) => ({ key, status: "retry", afterSeconds: null, reason }));
  return all((key) => ({ key, status: "rejected", reason, scope: "batch" }));
}

const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/;

/** What `check` reports for the answer to its empty test batch. */
export function checkResultFor(result: HttpResult, context: { host: string; method: string; nowMs: number }): DestinationCheckResult {
  const { host } = context;
  if (result.kind === "timeout") {
    return { ok: false, code: "timeout", message: `No answer from ${host} within ${result.timeoutMs / 1000} s: check the URL and that the endpoint answers quickly.` };
  }
  if (result.kind === "network") {
    const { code } = result;
    if (code === "ECONNREFUSED") {
      return { ok: false, code: "connection_refused", message: `Nothing accepted the connection on ${host}: check the URL, and that the endpoint is running.` };
    }
    if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") {
      return { ok: false, code: "host_not_found", message: `The host name in the URL (${host}) does not resolve: check the URL.` };
    }
    if (code !== undefined && TLS_CODES.test(code)) {
      return { ok: false, code: "tls_failed", message: `The TLS connection to ${host} failed: ${result.message} (${code}).` };
    }
    return { ok: false, code: "unknown", message: networkReason(result, host) };
  }
  const { status, headers, body } = result;
  if (status >= 200 && status < 300) return { ok: true };
  const refused = refusal(status, headers, body, host, context.method);
  if (refused !== null) return { ok: false, ...refused };
  const detail = responseDetail(body);
  const said = detail ? ` ("${detail}")` : "";
  if (status === 429 || status === 503) {
    const after = parseRetryAfter(headers["retry-after"], context.nowMs);
    const when = after === null ? "later" : `in ${after} s`;
    return { ok: false, code: "rate_limited", message: `${host} is reachable but asked Sluice to slow down (HTTP ${status}); try again ${when}.` };
  }
  if (status >= 500) return { ok: false, code: "unexpected_response", message: `${host} failed with HTTP ${status}${said}.` };
  return {
    ok: false,
    code: "unexpected_response",
    message: `${host} answered HTTP ${status}${said} to a test batch with no records; a receiver should answer 2xx to an empty batch.`,
  };
}
