/**
 * A clock for the delivery layer whose sleeps return at once and move time forward by what was
 * asked: retry waits become exact numbers to assert on, and tests take no real time.
 */
import type { Clock } from "@/server/destinations/delivery";

export type ManualClock = Clock & { sleeps: number[]; advance: (ms: number) => void };

export function manualClock(start = 1_700_000_000_000): ManualClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    sleep: async (ms, signal) => {
      signal.throwIfAborted();
      sleeps.push(ms);
      now += ms;
      // Yield to the event loop like a real timer would, so other batches make progress.
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal.throwIfAborted();
    },
  };
}
