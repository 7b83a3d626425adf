/** Run rows for metric tests, built from the fields a test cares about. */
import type { RunCounters } from "@/db/schema";
import type { RunFacts } from "./definitions";

export const T0 = new Date("2025-03-10T12:00:00Z");

export function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

export function counters(fields: Partial<RunCounters>): RunCounters {
  return {
    rowsRead: 0,
    added: 0,
    changed: 0,
    removed: 0,
    unchanged: 0,
    skipped: 0,
    parked: 0,
    sent: 0,
    accepted: 0,
    rejected: 0,
    requests: 0,
    retries: 0,
    ...fields,
  };
}

/** A manual run that succeeded: queued at T0, started 2 s later, read from 3 s, finished at 13 s. */
export function runOf(fields: Partial<RunFacts> = {}): RunFacts {
  return {
    status: "succeeded",
    trigger: "manual",
    scheduledFor: null,
    counters: counters({}),
    queuedAt: T0,
    startedAt: at(2),
    readStartedAt: at(3),
    finishedAt: at(13),
    cpuSeconds: null,
    ...fields,
  };
}
