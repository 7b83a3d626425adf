/**
 * A webhook receiver that enforces Sluice's webhook contract (server/destinations/webhook/index.ts),
 * as a real HTTP server on 127.0.0.1. It checks the path and method (404/405), verifies the
 * signature over the raw body with its own HMAC code (401), validates the body (400) and the batch
 * size (413), then answers as scripted: one-shot replies (`script`), a standing reply (`always`),
 * a hang (the connection stays open until the client gives up), or a poison key refused either as
 * a partial `rejected` entry or as a whole-batch 400. Everything else is accepted and counted per
 * key, so tests can assert exactly-once or at-least-once delivery.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { performance } from "node:perf_hooks";
import { z } from "zod";

export type ScriptedReply = { status: number; headers?: Record<string, string>; body?: unknown } | "hang";

export type ReceiverOptions = {
  secret: string;
  path?: string;
  method?: "POST" | "PUT";
  /** Batches above this size get 413. */
  maxBatchSize?: number;
  toleranceSeconds?: number;
  /** Delay before each answer, so requests overlap (concurrency measurements). */
  latencyMs?: number;
};

export type ReceivedRequest = {
  /** performance.now() when the request arrived. */
  at: number;
  headers: http.IncomingHttpHeaders;
  batchId: string | null;
  keys: string[];
  /** What the receiver answered; "hang" when it never did. */
  status: number | "hang";
};

const ZBody = z.object({
  batch_id: z.string().min(1),
  records: z.array(
    z.object({
      key: z.string(),
      operation: z.enum(["upsert", "update", "insert", "delete", "add", "remove"]),
      payload: z.record(z.string(), z.unknown()),
    }),
  ),
});

type Body = z.infer<typeof ZBody>;

/** Stripe-style verification, written independently of the sender's code. */
function signatureValid(header: string | undefined, secret: string, raw: Buffer, toleranceSeconds: number): boolean {
  if (header === undefined) return false;
  const fields = new Map<string, string[]>();
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    fields.set(name, [...(fields.get(name) ?? []), part.slice(at + 1).trim()]);
  }
  const t = fields.get("t")?.[0] ?? "";
  if (!/^\d+$/.test(t) || Math.abs(Date.now() / 1000 - Number(t)) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(`${t}.`).update(raw).digest();
  return (fields.get("v1") ?? []).some((hex) => {
    const given = Buffer.from(hex, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export type WebhookReceiver = {
  url: string;
  requests: ReceivedRequest[];
  /** Times each key was accepted (answered 2xx and not listed as rejected). */
  accepted: Map<string, number>;
  /** The last accepted payload of each key. */
  payloads: Map<string, Record<string, unknown>>;
  /** The last accepted operation of each key. */
  operations: Map<string, string>;
  /** Times each batch_id arrived with a valid signature. */
  batchIds: Map<string, number>;
  /** Most requests open at the same time. */
  maxInFlight: () => number;
  /** Requests open now (hanging ones included). */
  inFlight: () => number;
  /** One-shot replies for the next valid requests, in order. */
  script: (...replies: ScriptedReply[]) => void;
  /** The reply to every valid request once the script is used up; null to accept again. */
  always: (reply: ScriptedReply | null) => void;
  poison: (key: string, mode: "partial" | "batch", reason?: string) => void;
  /** Resolves once `predicate` holds (checked at each request start and end). */
  waitFor: (predicate: () => boolean) => Promise<void>;
  /** Forgets what arrived (requests, accepted keys, payloads, operations) and accepts again; poisons stay. */
  reset: () => void;
  /** The keys accepted since the last call, in numeric order, forgetting them. */
  takeAccepted: () => string[];
  close: () => Promise<void>;
};

export async function startWebhookReceiver(options: ReceiverOptions): Promise<WebhookReceiver> {
  const path = options.path ?? "/hooks/sluice";
  const method = options.method ?? "POST";
  const tolerance = options.toleranceSeconds ?? 300;
  const requests: ReceivedRequest[] = [];
  const accepted = new Map<string, number>();
  const payloads = new Map<string, Record<string, unknown>>();
  const operations = new Map<string, string>();
  const batchIds = new Map<string, number>();
  const queue: ScriptedReply[] = [];
  const poisons = new Map<string, { mode: "partial" | "batch"; reason: string }>();
  let standing: ScriptedReply | null = null;
  let open = 0;
  let maxOpen = 0;
  const waiters = new Set<{ predicate: () => boolean; resolve: () => void }>();

  const changed = () => {
    for (const waiter of waiters) {
      if (waiter.predicate()) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  };

  /** The answer to a valid batch, accepting what it accepts. */
  const decide = (body: Body): ScriptedReply => {
    const scripted = queue.shift() ?? standing;
    if (scripted !== null) return scripted;
    const poisoned = body.records.filter((record) => poisons.has(record.key));
    const whole = poisoned.find((record) => poisons.get(record.key)?.mode === "batch");
    if (whole) return { status: 400, body: { error: poisons.get(whole.key)?.reason ?? "invalid record" } };
    const rejected = poisoned.map((record) => ({ key: record.key, reason: poisons.get(record.key)?.reason ?? "invalid record" }));
    for (const record of body.records) {
      if (poisons.has(record.key)) continue;
      accepted.set(record.key, (accepted.get(record.key) ?? 0) + 1);
      payloads.set(record.key, record.payload);
      operations.set(record.key, record.operation);
    }
    return { status: 200, body: rejected.length > 0 ? { rejected } : { ok: true } };
  };

  const answer = (request: http.IncomingMessage, raw: Buffer): { reply: ScriptedReply; body: Body | null } => {
    if (new URL(request.url ?? "/", "http://receiver").pathname !== path) return { reply: { status: 404, body: { error: "no such hook" } }, body: null };
    if (request.method !== method) return { reply: { status: 405, headers: { allow: method }, body: { error: "method not allowed" } }, body: null };
    const signature = request.headers["x-sluice-signature"];
    if (!signatureValid(typeof signature === "string" ? signature : undefined, options.secret, raw, tolerance)) {
      return { reply: { status: 401, body: { error: "invalid signature" } }, body: null };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString("utf8"));
    } catch {
      return { reply: { status: 400, body: { error: "body is not JSON" } }, body: null };
    }
    const body = ZBody.safeParse(parsed);
    if (!body.success) return { reply: { status: 400, body: { error: "body does not follow the contract" } }, body: null };
    batchIds.set(body.data.batch_id, (batchIds.get(body.data.batch_id) ?? 0) + 1);
    if (options.maxBatchSize !== undefined && body.data.records.length > options.maxBatchSize) {
      return { reply: { status: 413, body: { error: `at most ${options.maxBatchSize} records per batch` } }, body: body.data };
    }
    return { reply: decide(body.data), body: body.data };
  };

  const server = http.createServer((request, response) => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    let closed = false;
    const done = () => {
      if (closed) return;
      closed = true;
      open--;
      changed();
    };
    response.on("close", done);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const at = performance.now();
      const { reply, body } = answer(request, Buffer.concat(chunks));
      requests.push({ at, headers: request.headers, batchId: body?.batch_id ?? null, keys: body?.records.map((record) => record.key) ?? [], status: reply === "hang" ? "hang" : reply.status });
      changed();
      if (reply === "hang") return;
      const send = () => {
        if (response.destroyed) return;
        response.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        response.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
      };
      if (options.latencyMs) setTimeout(send, options.latencyMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    accepted,
    payloads,
    operations,
    batchIds,
    maxInFlight: () => maxOpen,
    inFlight: () => open,
    script: (...replies) => queue.push(...replies),
    always: (reply) => {
      standing = reply;
    },
    poison: (key, mode, reason) => poisons.set(key, { mode, reason: reason ?? `record ${key} is invalid` }),
    waitFor: (predicate) =>
      new Promise<void>((resolve) => {
        if (predicate()) resolve();
        else waiters.add({ predicate, resolve });
      }),
    reset: () => {
      requests.length = 0;
      accepted.clear();
      payloads.clear();
      operations.clear();
      standing = null;
    },
    takeAccepted: () => {
      const keys = [...accepted.keys()].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
      accepted.clear();
      return keys;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
