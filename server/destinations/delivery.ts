/**
 * Delivers a list or stream of records to one destination configuration, for every connector:
 *
 * - Batches of `limits.batchSize`, read from the source only as batches settle (at most
 *   `limits.concurrency` batches of one delivery are open at a time), so a stream never sits in
 *   memory whole.
 * - Every request goes through the account's limiter (server/destinations/accounts.ts): the
 *   concurrency limit holds across all deliveries in the process, the requests-per-second limit
 *   and pauses across all processes that share the limiter's ledger. Waiting for a slot of the
 *   rate is not counted as a wait below.
 * - Records the destination asks to retry are sent again after exponential backoff with full
 *   jitter, never sooner than its Retry-After; a Retry-After also pauses the whole account. A
 *   record set gives up after `maxAttempts` requests or `maxElapsedMs` since its first request.
 * - A batch refused as a whole (`scope: "batch"`) is split in two, recursively, until the
 *   refused records stand alone: one bad record never fails its batch, let alone the run.
 * - Each record gets exactly one final outcome — accepted, rejected (with the destination's
 *   reason) or retry_exhausted — reported through `onOutcomes` as soon as it is known (the
 *   engine records it before anything else is sent for that batch), and the counters come back.
 * - `signal` stops it promptly: requests in flight are aborted, waits end, nothing new is sent,
 *   and `deliver` rejects with `DeliveryCancelledError`. Records without a reported outcome are
 *   still pending; the engine re-selects them by state. A `DestinationRefusedError` from the
 *   connector stops the delivery the same way and is rethrown.
 *
 * Time comes from `clock` (sleeps and budgets) and randomness from `random`, so tests can run it
 * deterministically; the rate itself runs on the system clock inside p-queue, or the ledger's.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleepFor } from "node:timers/promises";
import { type AccountLimiter, type AccountRegistry, sharedAccounts } from "./accounts";
import { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from "./retry";
import type { DestinationConnector, DestinationLimits, DestinationRecord, RecordOutcome, WriteTarget } from "./types";

export type Clock = { now: () => number; sleep: (ms: number, signal: AbortSignal) => Promise<void> };

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepFor(ms, undefined, { signal }),
};

/** `attempts` counts the requests that carried the record. */
export type FinalOutcome =
  | { key: string; status: "accepted"; attempts: number; created?: boolean }
  | { key: string; status: "rejected"; reason: string; attempts: number }
  | { key: string; status: "retry_exhausted"; reason: string; attempts: number };

export type DeliveryCounters = {
  /** Records read from the source. */
  records: number;
  accepted: number;
  rejected: number;
  retryExhausted: number;
  /** `write` calls that returned outcomes. */
  requests: number;
  /** Waits before sending records again. */
  retries: number;
  /** Batches split in two after a whole-batch rejection. */
  splits: number;
  /** Waits the destination asked for (a Retry-After on this batch or a pause of its account). */
  rateLimitedWaits: number;
  /** Total time asked of `clock.sleep`, backoff and rate-limit waits together. */
  waitedMs: number;
};

export type DeliverySource = Iterable<DestinationRecord> | AsyncIterable<DestinationRecord | readonly DestinationRecord[]>;

export type DeliveryOptions = {
  target: WriteTarget;
  signal?: AbortSignal;
  /** Final outcomes as they are known; awaited, so a slow consumer slows the delivery. */
  onOutcomes?: (outcomes: FinalOutcome[]) => void | Promise<void>;
  /** Prefix of the batch ids (`<runId>.<n>`); a sync run passes its own id. */
  runId?: string;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  random?: () => number;
  accounts?: AccountRegistry;
};

export class DeliveryCancelledError extends Error {
  override name = "DeliveryCancelledError";
  constructor(readonly counters: DeliveryCounters) {
    super("The delivery was cancelled.");
  }
}

/** A connector broke the `write` contract (not one outcome per record, in order); a bug to fix, not retried. */
export class DestinationContractError extends Error {
  override name = "DestinationContractError";
}

function isChunk(item: DestinationRecord | readonly DestinationRecord[]): item is readonly DestinationRecord[] {
  return Array.isArray(item);
}

/** Groups records (or chunks of records) into batches of exactly `size`, the last one shorter. */
export async function* batches(source: DeliverySource, size: number): AsyncGenerator<DestinationRecord[], void, undefined> {
  let batch: DestinationRecord[] = [];
  for await (const item of source) {
    for (const record of isChunk(item) ? item : [item]) {
      batch.push(record);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

function assertLimits(limits: DestinationLimits): void {
  const whole = (n: number) => Number.isSafeInteger(n) && n >= 1;
  if (!whole(limits.batchSize) || !whole(limits.concurrency)) {
    throw new RangeError(`batchSize and concurrency must be whole numbers ≥ 1, got ${limits.batchSize} and ${limits.concurrency}.`);
  }
  if (limits.requestsPerSecond !== null && !(limits.requestsPerSecond > 0 && Number.isFinite(limits.requestsPerSecond))) {
    throw new RangeError(`requestsPerSecond must be a positive number or null, got ${limits.requestsPerSecond}.`);
  }
}

function assertOutcomes(type: string, records: readonly DestinationRecord[], outcomes: readonly RecordOutcome[]): void {
  if (outcomes.length !== records.length) {
    throw new DestinationContractError(`The ${type} destination returned ${outcomes.length} outcomes for ${records.length} records.`);
  }
  const index = outcomes.findIndex((outcome, i) => outcome.key !== records[i]?.key);
  if (index >= 0) {
    throw new DestinationContractError(`The ${type} destination returned outcome ${index} for key "${outcomes[index]?.key}", not "${records[index]?.key}".`);
  }
}

/** The longest wait the destination asked for among `outcomes`, or null when none gave one. */
function askedWait(outcomes: readonly Extract<RecordOutcome, { status: "retry" }>[]): number | null {
  const asked = outcomes.map((outcome) => outcome.afterSeconds).filter((s): s is number => s !== null && Number.isFinite(s) && s >= 0);
  return asked.length === 0 ? null : Math.max(...asked);
}

function createdOf(outcome: Extract<RecordOutcome, { status: "accepted" }>): { created?: boolean } {
  return outcome.created === undefined ? {} : { created: outcome.created };
}

function emptyCounters(): DeliveryCounters {
  return { records: 0, accepted: 0, rejected: 0, retryExhausted: 0, requests: 0, retries: 0, splits: 0, rateLimitedWaits: 0, waitedMs: 0 };
}

/** A set of records on its way: split halves and retried subsets inherit the time budget. */
type Work = { records: readonly DestinationRecord[]; batchId: string; attempts: number; startedAt: number | null };

type Retrying = { record: DestinationRecord; outcome: Extract<RecordOutcome, { status: "retry" }> };

export async function deliver<Config>(
  destination: DestinationConnector<Config>,
  config: Config,
  source: DeliverySource,
  options: DeliveryOptions,
): Promise<DeliveryCounters> {
  const limits = destination.limits(config);
  assertLimits(limits);
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const registry = options.accounts ?? sharedAccounts;
  const runId = options.runId ?? randomUUID();
  const counters = emptyCounters();
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let sequence = 0;
  const nextBatchId = () => `${runId}.${++sequence}`;

  const report = async (outcomes: FinalOutcome[]) => {
    if (outcomes.length === 0) return;
    for (const outcome of outcomes) {
      if (outcome.status === "accepted") counters.accepted++;
      else if (outcome.status === "rejected") counters.rejected++;
      else counters.retryExhausted++;
    }
    await options.onOutcomes?.(outcomes);
  };

  const wait = async (ms: number) => {
    counters.waitedMs += ms;
    await clock.sleep(ms, signal);
    signal.throwIfAborted();
  };

  /**
   * Sends once through the account's limiter, after any pause the account is in. `waitedOut` is
   * the end of a pause this record set has already slept through (timers may fire a hair early).
   */
  const send = async (account: AccountLimiter, records: readonly DestinationRecord[], batchId: string, waitedOut: number) => {
    const pause = () => (account.pausedUntil > waitedOut ? account.pausedUntil - clock.now() : 0);
    for (let paused = pause(); paused > 0; paused = pause()) {
      counters.rateLimitedWaits++;
      await wait(paused);
    }
    signal.throwIfAborted();
    const outcomes = await account.queue.add(
      async () => {
        const slot = await account.nextSlot();
        if (slot > 0) await clock.sleep(slot, signal);
        return destination.write(config, records, { signal, batchId, target: options.target });
      },
      { signal },
    );
    counters.requests++;
    assertOutcomes(destination.type, records, outcomes);
    return outcomes;
  };

  const settle = async (account: AccountLimiter, work: Work): Promise<void> => {
    const children: Promise<void>[] = [];
    const spawn = (records: readonly DestinationRecord[], attempts: number, startedAt: number) => {
      const child = settle(account, { records, batchId: nextBatchId(), attempts, startedAt });
      child.catch(() => undefined); // observed below; this only keeps an early failure from being "unhandled"
      children.push(child);
    };
    try {
      let { records, batchId, attempts } = work;
      const startedAt = work.startedAt ?? clock.now();
      let waitedOut = 0;
      for (let tries = 1; ; tries++) {
        const outcomes = await send(account, records, batchId, waitedOut);
        attempts++;
        const final: FinalOutcome[] = [];
        const refused: DestinationRecord[] = [];
        const again: Retrying[] = [];
        outcomes.forEach((outcome, i) => {
          const record = records[i];
          if (record === undefined) return;
          if (outcome.status === "accepted") final.push({ key: record.key, status: "accepted", attempts, ...createdOf(outcome) });
          else if (outcome.status === "retry") again.push({ record, outcome });
          else if (outcome.scope === "record" || records.length === 1) {
            final.push({ key: record.key, status: "rejected", reason: outcome.reason, attempts });
          } else refused.push(record);
        });
        if (refused.length === 1 && refused[0] !== undefined) {
          // Alone in its own request now: the refusal is about this record.
          spawn(refused, attempts, startedAt);
        } else if (refused.length > 1) {
          counters.splits++;
          const middle = Math.ceil(refused.length / 2);
          spawn(refused.slice(0, middle), attempts, startedAt);
          spawn(refused.slice(middle), attempts, startedAt);
        }
        if (again.length === 0) {
          await report(final);
          break;
        }
        const reason = again[0]?.outcome.reason ?? "The destination asked to retry.";
        const afterSeconds = askedWait(again.map((item) => item.outcome));
        const delay = retryDelay(tries - 1, afterSeconds, policy, random);
        if (tries >= policy.maxAttempts || clock.now() + delay - startedAt > policy.maxElapsedMs) {
          const why = `${reason} (gave up after ${tries} attempt${tries === 1 ? "" : "s"})`;
          final.push(...again.map(({ record }) => ({ key: record.key, status: "retry_exhausted" as const, reason: why, attempts })));
          await report(final);
          break;
        }
        await report(final);
        counters.retries++;
        if (afterSeconds !== null) {
          counters.rateLimitedWaits++;
          waitedOut = clock.now() + afterSeconds * 1000;
          account.pausedUntil = Math.max(account.pausedUntil, waitedOut);
          await account.sharePause(afterSeconds * 1000);
        }
        await wait(delay);
        if (again.length !== records.length) batchId = nextBatchId();
        records = again.map((item) => item.record);
      }
    } catch (error) {
      await Promise.allSettled(children);
      throw error;
    }
    await Promise.all(children);
  };

  /** Records the destination cannot take at all never reach `write`. */
  const unsupported = (batch: DestinationRecord[]) => {
    const refused = batch.filter((record) => !limits.supportedOperations.includes(record.operation));
    return refused.map((record): FinalOutcome => ({
      key: record.key,
      status: "rejected",
      reason: `The ${destination.label} destination does not support the "${record.operation}" operation.`,
      attempts: 0,
    }));
  };

  const account = registry.acquire(destination.type, destination.accountKey(config), limits);
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let stoppedEarly = false;
  const fail = (error: unknown) => {
    failure ??= { error };
    stop.abort(error);
  };
  try {
    signal.throwIfAborted();
    for await (const batch of batches(source, limits.batchSize)) {
      counters.records += batch.length;
      const refused = unsupported(batch);
      const records = refused.length === 0 ? batch : batch.filter((record) => limits.supportedOperations.includes(record.operation));
      const task: Promise<void> = report(refused)
        .then(() => (records.length > 0 ? settle(account, { records, batchId: nextBatchId(), attempts: 0, startedAt: null }) : undefined))
        .catch(fail)
        .finally(() => running.delete(task));
      running.add(task);
      while (running.size >= limits.concurrency && !signal.aborted) await Promise.race(running);
      if (signal.aborted) {
        stoppedEarly = true;
        break;
      }
    }
  } catch (error) {
    fail(error);
  } finally {
    await Promise.allSettled(running);
    registry.release(account);
  }
  // A signal that fired after the last outcome was reported cancelled nothing.
  if (options.signal?.aborted && (failure !== undefined || stoppedEarly)) throw new DeliveryCancelledError(counters);
  if (failure) throw failure.error;
  return counters;
}
