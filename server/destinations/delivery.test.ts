/**
 * The delivery layer against an in-memory destination (a real connector that keeps records in a
 * Map, no network) and a manual clock: splitting, retries, budgets and stopping, exactly.
 * The same behaviour over HTTP is in delivery.integration.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { manualClock } from "@/test/fakes/clock";
import { createAccountRegistry } from "./accounts";
import { batches, DeliveryCancelledError, deliver, DestinationContractError, type FinalOutcome } from "./delivery";
import {
  defineDestination,
  DestinationRefusedError,
  OPERATIONS,
  type DestinationLimits,
  type DestinationRecord,
  type Operation,
  type RecordOutcome,
} from "./types";

type Call = { batchId: string; keys: string[]; at: number };

/** A destination whose answer to each batch is `answer`; it records the calls it gets. */
function memory(
  answer: (batch: readonly DestinationRecord[], call: number) => RecordOutcome[],
  limits: Partial<DestinationLimits> = {},
  now: () => number = Date.now,
) {
  const calls: Call[] = [];
  const destination = defineDestination<{ account: string }>({
    type: "webhook",
    label: "Memory",
    configSchema: z.object({ account: z.string() }),
    secretFields: [],
    limits: () => ({ batchSize: 10, concurrency: 2, requestsPerSecond: null, supportedOperations: OPERATIONS, ...limits }),
    accountKey: (config) => config.account,
    check: () => Promise.resolve({ ok: true }),
    discover: () => Promise.resolve([]),
    write: (_config, batch, { batchId }) => {
      calls.push({ batchId, keys: batch.map((record) => record.key), at: now() });
      return Promise.resolve(answer(batch, calls.length));
    },
    close: () => Promise.resolve(),
  });
  return { destination, calls };
}

function records(n: number, operation: Operation = "upsert"): DestinationRecord[] {
  return Array.from({ length: n }, (_, i) => ({ key: `k${i}`, operation, payload: { i } }));
}

async function run(
  destination: ReturnType<typeof memory>["destination"],
  input: DestinationRecord[],
  options: Partial<Parameters<typeof deliver>[3]> = {},
) {
  const outcomes: FinalOutcome[] = [];
  const counters = await deliver(destination, { account: "a" }, input, {
    target: { object: "records", identifier: "i" },
    accounts: createAccountRegistry(),
    runId: "run",
    random: () => 0.5,
    ...options,
    onOutcomes: (batch) => {
      outcomes.push(...batch);
    },
  });
  return { outcomes, counters, byKey: new Map(outcomes.map((outcome) => [outcome.key, outcome])) };
}

const acceptAll = (batch: readonly DestinationRecord[]): RecordOutcome[] => batch.map(({ key }) => ({ key, status: "accepted" }));

describe("batches", () => {
  it("groups records and chunks into batches of exactly the size, the last one shorter", async () => {
    const items: (DestinationRecord | DestinationRecord[])[] = [records(3), { key: "solo", operation: "insert", payload: {} }, records(5)];
    async function* chunks() {
      for (const item of items) yield await Promise.resolve(item);
    }
    const sizes: number[] = [];
    for await (const batch of batches(chunks(), 4)) sizes.push(batch.length);
    expect(sizes).toEqual([4, 4, 1]);
  });
});

describe("deliver", () => {
  it("isolates any set of bad records by splitting, and sends every good record exactly once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (n, batchSize, picks) => {
          const poison = new Set(picks.map((pick) => `k${pick % n}`));
          const sent = new Map<string, number>();
          const { destination } = memory(
            (batch) => {
              if (batch.some((record) => poison.has(record.key))) {
                return batch.map(({ key }) => ({ key, status: "rejected", reason: "HTTP 400: bad", scope: "batch" }));
              }
              for (const { key } of batch) sent.set(key, (sent.get(key) ?? 0) + 1);
              return acceptAll(batch);
            },
            { batchSize },
          );
          const { outcomes, counters, byKey } = await run(destination, records(n));
          expect(outcomes).toHaveLength(n);
          expect(byKey.size).toBe(n);
          for (const [key, outcome] of byKey) {
            expect(outcome.status).toBe(poison.has(key) ? "rejected" : "accepted");
            if (!poison.has(key)) expect(sent.get(key)).toBe(1);
          }
          expect(counters).toMatchObject({ records: n, accepted: n - poison.size, rejected: poison.size, retryExhausted: 0 });
          // Each bad record costs at most two requests per halving.
          const halvings = Math.ceil(Math.log2(batchSize)) + 1;
          expect(counters.requests).toBeLessThanOrEqual(Math.ceil(n / batchSize) + 2 * poison.size * halvings);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("keeps a per-record rejection final without splitting", async () => {
    const { destination, calls } = memory((batch) =>
      batch.map(({ key }) => (key === "k3" ? { key, status: "rejected", reason: "no such user", scope: "record" } : { key, status: "accepted" })),
    );
    const { byKey, counters } = await run(destination, records(10));
    expect(byKey.get("k3")).toEqual({ key: "k3", status: "rejected", reason: "no such user", attempts: 1 });
    expect(calls).toHaveLength(1);
    expect(counters.splits).toBe(0);
  });

  it("retries with jittered backoff and gives up after maxAttempts", async () => {
    const clock = manualClock();
    const { destination, calls } = memory((batch) => batch.map(({ key }) => ({ key, status: "retry", afterSeconds: null, reason: "HTTP 502" })));
    const { outcomes, counters } = await run(destination, records(3), { clock, retry: { maxAttempts: 3, baseDelayMs: 1000 } });
    expect(outcomes).toEqual(
      ["k0", "k1", "k2"].map((key) => ({ key, status: "retry_exhausted", reason: "HTTP 502 (gave up after 3 attempts)", attempts: 3 })),
    );
    // random() = 0.5: half of 1000, then half of 2000.
    expect(clock.sleeps).toEqual([500, 1000]);
    expect(calls.map((call) => call.batchId)).toEqual(["run.1", "run.1", "run.1"]);
    expect(counters).toMatchObject({ requests: 3, retries: 2, retryExhausted: 3, waitedMs: 1500 });
  });

  it("gives up when the next wait would pass maxElapsedMs", async () => {
    const clock = manualClock();
    const { destination } = memory((batch) => batch.map(({ key }) => ({ key, status: "retry", afterSeconds: 120, reason: "HTTP 429" })));
    const { outcomes } = await run(destination, records(1), { clock, retry: { maxElapsedMs: 60_000 } });
    expect(outcomes).toEqual([{ key: "k0", status: "retry_exhausted", reason: "HTTP 429 (gave up after 1 attempt)", attempts: 1 }]);
    expect(clock.sleeps).toEqual([]);
  });

  it("waits the Retry-After, pauses the account for other batches, and resends only what failed under a new id", async () => {
    const clock = manualClock();
    const { destination, calls } = memory(
      (batch, call) =>
        batch.map(({ key }) =>
          call === 1 && key === "k1" ? { key, status: "retry", afterSeconds: 5, reason: "HTTP 429" } : { key, status: "accepted" },
        ),
      { batchSize: 2, concurrency: 1 },
      clock.now,
    );
    const { byKey, counters } = await run(destination, records(4), { clock });
    expect(calls.map((call) => [call.batchId, call.keys])).toEqual([
      ["run.1", ["k0", "k1"]],
      ["run.2", ["k1"]],
      ["run.3", ["k2", "k3"]],
    ]);
    expect(clock.sleeps).toEqual([5000]);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBe(5000);
    expect(byKey.get("k1")).toEqual({ key: "k1", status: "accepted", attempts: 2 });
    expect(counters).toMatchObject({ accepted: 4, retries: 1, rateLimitedWaits: 1 });
  });

  it("holds other batches of the account while it is paused", async () => {
    const clock = manualClock();
    const { destination, calls } = memory(
      (batch, call) => batch.map(({ key }) => (call === 1 ? { key, status: "retry", afterSeconds: 3, reason: "HTTP 429" } : { key, status: "accepted" })),
      { batchSize: 1, concurrency: 1 },
      clock.now,
    );
    await run(destination, records(3), { clock });
    const start = calls[0]?.at ?? 0;
    expect(calls.slice(1).every((call) => call.at >= start + 3000)).toBe(true);
  });

  it("rejects records whose operation the destination does not support without sending them", async () => {
    const { destination, calls } = memory(acceptAll, { supportedOperations: ["upsert"] });
    const input = [...records(2), { key: "gone", operation: "delete" as const, payload: {} }];
    const { byKey } = await run(destination, input);
    expect(byKey.get("gone")).toMatchObject({ status: "rejected", attempts: 0, reason: 'The Memory destination does not support the "delete" operation.' });
    expect(calls.flatMap((call) => call.keys)).toEqual(["k0", "k1"]);
  });

  it("stops on a refused configuration and rethrows it", async () => {
    const { destination, calls } = memory(() => {
      throw new DestinationRefusedError("bad secret", "auth_failed");
    });
    await expect(run(destination, records(100))).rejects.toThrow(DestinationRefusedError);
    expect(calls.length).toBeLessThanOrEqual(2);
  });

  it("refuses a destination that does not answer one outcome per record", async () => {
    const { destination } = memory((batch) => acceptAll(batch).slice(1));
    await expect(run(destination, records(3))).rejects.toThrow(new DestinationContractError("The webhook destination returned 2 outcomes for 3 records."));
    const { destination: reordered } = memory((batch) => acceptAll(batch).reverse());
    await expect(run(reordered, records(2))).rejects.toThrow(DestinationContractError);
  });

  it("stops promptly when cancelled during a long retry wait on the real clock", async () => {
    const { destination, calls } = memory((batch) => batch.map(({ key }) => ({ key, status: "retry", afterSeconds: 60, reason: "HTTP 429" })));
    const controller = new AbortController();
    const pending = run(destination, records(5), { signal: controller.signal });
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(calls).toHaveLength(1);
    const started = performance.now();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "DeliveryCancelledError", counters: { requests: 1, retries: 1, retryExhausted: 0 } });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("does nothing when cancelled before it starts", async () => {
    const { destination, calls } = memory(acceptAll);
    const promise = run(destination, records(5), { signal: AbortSignal.abort() });
    await expect(promise).rejects.toThrow(DeliveryCancelledError);
    expect(calls).toHaveLength(0);
  });

  it("stops when recording outcomes fails", async () => {
    const { destination } = memory(acceptAll);
    const failing = deliver(destination, { account: "a" }, records(50), {
      target: { object: "records", identifier: "i" },
      accounts: createAccountRegistry(),
      onOutcomes: () => Promise.reject(new Error("database is down")),
    });
    await expect(failing).rejects.toThrow("database is down");
  });
});
