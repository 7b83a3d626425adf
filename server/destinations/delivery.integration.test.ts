/**
 * Delivery through the webhook connector to a real receiver on 127.0.0.1 that enforces the
 * contract: batching, retries (429 + Retry-After, 500, timeout), splitting around a poison record,
 * partial failures, a wrong secret, a rate limit shared by two deliveries, and cancellation.
 * Backoff waits run on a manual clock where the test is not about real time.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { manualClock } from "@/test/fakes/clock";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/fakes/webhook-receiver";
import { useLoopbackGuard } from "@/test/loopback";
import { DeliveryCancelledError, deliver, type DeliveryOptions, type FinalOutcome } from "./delivery";
import { DestinationRefusedError, type DestinationRecord } from "./types";
import { type TWebhookConfig, webhookDestination, ZWebhookConfig } from "./webhook";

const secret = "receiver-secret-0123456789";
let receiver: WebhookReceiver;

useLoopbackGuard();

beforeEach(async () => {
  receiver = await startWebhookReceiver({ secret });
});

afterEach(async () => {
  await receiver.close();
});

function config(overrides: Partial<Record<keyof TWebhookConfig, unknown>> = {}): TWebhookConfig {
  return ZWebhookConfig.parse({ url: receiver.url, signingSecret: secret, ...overrides });
}

const TARGET = { object: "records", identifier: "id" };

function records(n: number): DestinationRecord[] {
  return Array.from({ length: n }, (_, i) => ({ key: `k${i}`, operation: "upsert", payload: { id: i, email: `user${i}@example.com` } }));
}

async function run(settings: TWebhookConfig, input: Iterable<DestinationRecord>, options: Partial<DeliveryOptions> = {}) {
  const outcomes: FinalOutcome[] = [];
  const counters = await deliver(webhookDestination, settings, input, {
    target: TARGET,
    random: () => 0.5,
    ...options,
    onOutcomes: (batch) => {
      outcomes.push(...batch);
    },
  });
  return { outcomes, counters, byKey: new Map(outcomes.map((outcome) => [outcome.key, outcome])) };
}

/** Every key was accepted by the receiver exactly once. */
function expectExactlyOnce(keys: string[]) {
  expect(keys.filter((key) => receiver.accepted.get(key) !== 1)).toEqual([]);
}

/** The most requests that arrived within any `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe("deliver to a webhook", () => {
  it("delivers 10,000 records in batches of 500, each exactly once, at most 4 requests at a time", async () => {
    const input = records(10_000);
    const { outcomes, counters } = await run(config(), input);
    expect(outcomes).toHaveLength(10_000);
    expect(outcomes.every((outcome) => outcome.status === "accepted" && outcome.attempts === 1)).toBe(true);
    expect(counters).toEqual({
      records: 10_000,
      accepted: 10_000,
      rejected: 0,
      retryExhausted: 0,
      requests: 20,
      retries: 0,
      splits: 0,
      rateLimitedWaits: 0,
      waitedMs: 0,
    });
    expect(receiver.requests.map((request) => request.keys.length)).toEqual(Array(20).fill(500));
    expect(receiver.maxInFlight()).toBeLessThanOrEqual(4);
    expectExactlyOnce(input.map((record) => record.key));
    expect(receiver.payloads.get("k9999")).toEqual({ id: 9999, email: "user9999@example.com" });
  });

  it("waits the Retry-After of a 429 and resends the same batch id", async () => {
    receiver.script({ status: 429, headers: { "retry-after": "3" }, body: { error: "slow down" } });
    const clock = manualClock();
    const { outcomes, counters } = await run(config({ batchSize: 100, concurrency: 1 }), records(300), { clock });
    expect(clock.sleeps).toEqual([3000]);
    expect(counters).toMatchObject({ accepted: 300, requests: 4, retries: 1, rateLimitedWaits: 1, waitedMs: 3000 });
    expect(receiver.requests.map((request) => request.status)).toEqual([429, 200, 200, 200]);
    expect(receiver.requests[1]?.batchId).toBe(receiver.requests[0]?.batchId);
    expect(outcomes.filter((outcome) => outcome.attempts === 2)).toHaveLength(100);
    expectExactlyOnce(records(300).map((record) => record.key));
  });

  it("waits a real Retry-After before sending again", async () => {
    receiver.script({ status: 429, headers: { "retry-after": "1" } });
    const { counters } = await run(config({ batchSize: 10 }), records(10));
    const [limited, retried] = receiver.requests;
    // Timers never fire early by more than clock rounding; no upper bound is asserted.
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(990);
    expect(counters).toMatchObject({ accepted: 10, retries: 1, rateLimitedWaits: 1 });
  });

  it("retries a 500 and then succeeds", async () => {
    receiver.script({ status: 500, body: { error: "database busy" } });
    const clock = manualClock();
    const { byKey, counters } = await run(config({ batchSize: 50 }), records(50), { clock });
    expect(byKey.get("k0")).toEqual({ key: "k0", status: "accepted", attempts: 2 });
    expect(counters).toMatchObject({ accepted: 50, requests: 2, retries: 1, rateLimitedWaits: 0 });
    // Full jitter with random() = 0.5 and the default base of 500 ms.
    expect(clock.sleeps).toEqual([250]);
  });

  it("retries a request that timed out, at least once, under the same batch id", async () => {
    receiver.script("hang");
    const { counters } = await run(config({ batchSize: 20, timeoutSeconds: 1 }), records(20), { clock: manualClock() });
    expect(receiver.requests.map((request) => request.status)).toEqual(["hang", 200]);
    expect([...receiver.batchIds.values()]).toEqual([2]);
    expect(counters).toMatchObject({ accepted: 20, retries: 1 });
    expectExactlyOnce(records(20).map((record) => record.key));
  });

  it("gives up after maxAttempts when the endpoint keeps failing", async () => {
    receiver.always({ status: 502 });
    const { outcomes, counters } = await run(config({ batchSize: 5 }), records(5), { clock: manualClock(), retry: { maxAttempts: 3 } });
    expect(outcomes.every((outcome) => outcome.status === "retry_exhausted" && outcome.attempts === 3)).toBe(true);
    expect(outcomes[0]).toMatchObject({ reason: `HTTP 502 from ${new URL(receiver.url).host} (gave up after 3 attempts)` });
    expect(counters).toMatchObject({ requests: 3, retryExhausted: 5 });
  });

  it("isolates a poison record that fails its whole batch, and delivers all the others once", async () => {
    receiver.poison("k537", "batch", "k537: email is not valid");
    const input = records(1000);
    const { byKey, counters } = await run(config({ batchSize: 100 }), input);
    expect(byKey.get("k537")).toEqual({
      key: "k537",
      status: "rejected",
      reason: `HTTP 400 from ${new URL(receiver.url).host}: k537: email is not valid`,
      // Its batch went out at 100, 50, 25, 13, 6, 3 and 1 records.
      attempts: 7,
    });
    expect(counters).toMatchObject({ records: 1000, accepted: 999, rejected: 1, splits: 6, requests: 10 + 2 * 6 });
    expectExactlyOnce(input.map((record) => record.key).filter((key) => key !== "k537"));
  });

  it("honours a partial `rejected` answer without splitting or resending", async () => {
    receiver.poison("k42", "partial", "unknown plan");
    const { byKey, counters } = await run(config({ batchSize: 100 }), records(1000));
    expect(byKey.get("k42")).toEqual({ key: "k42", status: "rejected", reason: "unknown plan", attempts: 1 });
    expect(counters).toMatchObject({ accepted: 999, rejected: 1, splits: 0, requests: 10 });
  });

  it("splits batches the receiver finds too large (413) until they fit", async () => {
    await receiver.close();
    receiver = await startWebhookReceiver({ secret, maxBatchSize: 200 });
    const input = records(1000);
    const { counters } = await run(config({ batchSize: 500 }), input);
    expect(counters).toMatchObject({ accepted: 1000, requests: 2 + 4 + 8, splits: 6 });
    expectExactlyOnce(input.map((record) => record.key));
  });

  it("stops at the first request when the signing secret is wrong", async () => {
    const failing = run(config({ signingSecret: "not-the-receivers-secret", batchSize: 10 }), records(1000));
    await expect(failing).rejects.toBeInstanceOf(DestinationRefusedError);
    await expect(failing).rejects.toMatchObject({ code: "auth_failed" });
    expect(receiver.requests.length).toBeLessThanOrEqual(4);
    expect(receiver.accepted.size).toBe(0);
  });

  it("shares one rate limit between two deliveries to the same endpoint", async () => {
    const settings = config({ batchSize: 10, requestsPerSecond: 20 });
    const first = records(200);
    const second = records(200).map((record) => ({ ...record, key: `other-${record.key}` }));
    const [a, b] = await Promise.all([run(settings, first), run(settings, second)]);
    expect(a.counters.accepted + b.counters.accepted).toBe(400);
    expect(receiver.requests).toHaveLength(40);
    // 20 per sliding second (separate limiters would let all 40 through at once); the window
    // is trimmed by 150 ms for arrival jitter on a loaded 2-core machine.
    expect(busiestWindow(receiver.requests.map((request) => request.at), 850)).toBeLessThanOrEqual(20);
    expectExactlyOnce([...first, ...second].map((record) => record.key));
  });

  it("stops promptly when cancelled, aborting the requests in flight", async () => {
    receiver.always("hang");
    const controller = new AbortController();
    const pending = run(config({ batchSize: 10, timeoutSeconds: 60 }), records(1000), { signal: controller.signal });
    await receiver.waitFor(() => receiver.requests.length === 4);
    const started = performance.now();
    controller.abort();
    const error: unknown = await pending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeliveryCancelledError);
    expect(error).toMatchObject({ counters: { accepted: 0, records: 40 } });
    expect(performance.now() - started).toBeLessThan(1_000);
    await receiver.waitFor(() => receiver.inFlight() === 0);
    expect(receiver.requests).toHaveLength(4);
  });
});
