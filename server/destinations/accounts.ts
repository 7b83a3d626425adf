/**
 * One limiter per destination account in the process: a p-queue that bounds the requests in
 * flight (`concurrency`) and the requests started in any one-second window (`requestsPerSecond`,
 * a strict sliding window), shared by every delivery to that account — two syncs to the same
 * HubSpot portal split its budget instead of doubling it. It also remembers a pause the
 * destination asked for (429 + Retry-After), so no delivery to the account sends before it ends.
 *
 * The key is a hash of the connector type, `accountKey(config)` and the limits: deliveries share a
 * limiter when they go to the same account under the same limits. An entry nobody has used for
 * `IDLE_MS` is dropped, which is long after its sliding window has emptied.
 */
import { createHash } from "node:crypto";
import PQueue from "p-queue";
import type { DestinationLimits, DestinationType } from "./types";

const IDLE_MS = 60_000;

export type AccountLimiter = {
  readonly key: string;
  readonly queue: PQueue;
  /** Epoch ms before which no request may start (a Retry-After the account answered). */
  pausedUntil: number;
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

export function createAccountRegistry(now: () => number = Date.now): AccountRegistry {
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
        const rate = limits.requestsPerSecond === null ? {} : { ...rateWindow(limits.requestsPerSecond), strict: true };
        const queue = new PQueue({ concurrency: limits.concurrency, ...rate });
        entry = { limiter: { key, queue, pausedUntil: 0 }, users: 0, releasedAt: now() };
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

/** The registry every delivery in this process uses unless a test passes its own. */
export const sharedAccounts: AccountRegistry = createAccountRegistry();
