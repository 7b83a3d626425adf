/**
 * One limiter per destination account in the process: a p-queue that bounds the requests in
 * flight (`concurrency`), shared by every delivery to that account — two syncs to the same
 * HubSpot portal split its budget instead of doubling it. It also remembers a pause the
 * destination asked for (429 + Retry-After), so no delivery to the account sends before it ends.
 *
 * The rate (`requestsPerSecond`) is kept one of two ways:
 * - With a ledger (the worker's, in the app database: db/queries/account-slots.ts), every request
 *   first takes the account's next slot there, 1/rate seconds after the one before and not before
 *   a pause ends, so every process that shares the database shares the rate and the pauses. An
 *   account without a rate only looks its pause up, at most once a second.
 * - Without one (a single process, tests), the queue itself starts at most `requestsPerSecond`
 *   requests in any one-second window (a strict sliding window).
 *
 * The key is a hash of the connector type, `accountKey(config)` and the limits: deliveries share a
 * limiter when they go to the same account under the same limits. An entry nobody has used for
 * `IDLE_MS` is dropped, which is long after its sliding window has emptied.
 */
import { createHash } from "node:crypto";
import PQueue from "p-queue";
import type { DestinationLimits, DestinationType } from "./types";

const IDLE_MS = 60_000;
const PAUSE_CHECK_MS = 1000;

/** Where processes that deliver to the same accounts share their pacing and pauses. */
export type AccountLedger = {
  /** Takes the account's next request slot, `spacingMs` after the one before and not before a pause ends: the ms until it. */
  reserve(key: string, spacingMs: number): Promise<number>;
  /** No request to the account starts, in any process, until `ms` from now. */
  pause(key: string, ms: number): Promise<void>;
  /** The ms until the account's pause ends; 0 when it is not paused. */
  pausedFor(key: string): Promise<number>;
};

export type AccountLimiter = {
  readonly key: string;
  readonly queue: PQueue;
  /** Epoch ms before which no request may start (a Retry-After the account answered). */
  pausedUntil: number;
  /** The ms to wait before the next request starts, by the ledger's pacing and pauses; 0 without a ledger. */
  nextSlot(): Promise<number>;
  /** Shares a pause the account asked for with the other processes; nothing without a ledger. */
  sharePause(ms: number): Promise<void>;
};

type Entry = { limiter: AccountLimiter; users: number; releasedAt: number };

export type AccountRegistry = {
  acquire(type: DestinationType, accountKey: string, limits: DestinationLimits): AccountLimiter;
  release(limiter: AccountLimiter): void;
  /** Limiters held now (tests, diagnostics). */
  size(): number;
};

/** p-queue's rate window for a requests-per-second figure; fractions below 1 stretch the window. */
export function rateWindow(requestsPerSecond: number): { intervalCap: number; interval: number } {
  if (requestsPerSecond >= 1) return { intervalCap: Math.floor(requestsPerSecond), interval: 1000 };
  return { intervalCap: 1, interval: Math.ceil(1000 / requestsPerSecond) };
}

export function limiterKey(type: DestinationType, accountKey: string, limits: DestinationLimits): string {
  return createHash("sha256")
    .update(JSON.stringify([type, accountKey, limits.concurrency, limits.requestsPerSecond]))
    .digest("hex");
}

export type RegistryOptions = { now?: () => number; ledger?: AccountLedger };

function createLimiter(key: string, limits: DestinationLimits, ledger: AccountLedger | undefined, now: () => number): AccountLimiter {
  const { concurrency, requestsPerSecond } = limits;
  if (!ledger) {
    const rate = requestsPerSecond === null ? {} : { ...rateWindow(requestsPerSecond), strict: true };
    return { key, queue: new PQueue({ concurrency, ...rate }), pausedUntil: 0, nextSlot: () => Promise.resolve(0), sharePause: () => Promise.resolve() };
  }
  return {
    key,
    queue: new PQueue({ concurrency }),
    pausedUntil: 0,
    nextSlot: requestsPerSecond === null ? sharedPause(key, ledger, now) : () => ledger.reserve(key, 1000 / requestsPerSecond),
    sharePause: (ms) => ledger.pause(key, ms),
  };
}

/**
 * Without a rate there is no slot to take: only a pause another process shared can hold a
 * request back. It is looked up at most once every `PAUSE_CHECK_MS`, not before every request
 * (a pause that starts in between costs at most one more refusal, which pauses this process too).
 */
function sharedPause(key: string, ledger: AccountLedger, now: () => number): () => Promise<number> {
  let resumeAt = 0;
  let checked: { at: number; done: Promise<void> } | null = null;
  return async () => {
    if (checked === null || now() - checked.at >= PAUSE_CHECK_MS) {
      const at = now();
      checked = { at, done: ledger.pausedFor(key).then((ms) => void (resumeAt = at + ms)) };
    }
    await checked.done;
    return Math.max(0, resumeAt - now());
  };
}

export function createAccountRegistry({ now = Date.now, ledger }: RegistryOptions = {}): AccountRegistry {
  const entries = new Map<string, Entry>();

  const sweep = () => {
    const cutoff = now() - IDLE_MS;
    for (const [key, entry] of entries) {
      const { queue } = entry.limiter;
      if (entry.users === 0 && entry.releasedAt < cutoff && queue.size === 0 && queue.pending === 0) entries.delete(key);
    }
  };

  return {
    acquire(type, accountKey, limits) {
      sweep();
      const key = limiterKey(type, accountKey, limits);
      let entry = entries.get(key);
      if (!entry) {
        entry = { limiter: createLimiter(key, limits, ledger, now), users: 0, releasedAt: now() };
        entries.set(key, entry);
      }
      entry.users++;
      return entry.limiter;
    },
    release(limiter) {
      const entry = entries.get(limiter.key);
      if (!entry || entry.limiter !== limiter) return;
      entry.users = Math.max(0, entry.users - 1);
      entry.releasedAt = now();
    },
    size: () => entries.size,
  };
}

/** The registry a delivery uses when it is given none: this process alone, no ledger. */
export const sharedAccounts: AccountRegistry = createAccountRegistry();
