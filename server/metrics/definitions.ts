/**
 * Sync health metrics, per run. Every number is worked out from what the run row records
 * (db/schema/syncs.ts), so what a chart shows can always be traced back to a run.
 *
 * - Sync latency: how long it took from reading the data out of the warehouse until the
 *   destination had accepted all of it (finished − read started), for runs that succeeded.
 *   Run duration is the whole run (finished − started); queue wait is how long the run waited
 *   for a free worker before it started (started − queued).
 * - Freshness SLA attainment: of the runs the schedule asked for, the share that succeeded
 *   within the sync's freshness target (its SLA minutes) of the time they were due. A scheduled
 *   run that was skipped because the previous one was still going counts as missed. Runs still
 *   going are counted once they finish. No scheduled runs: no number.
 * - Row coverage: the share of the rows your warehouse has that the destination now holds up
 *   to date. After a successful run: every row read except the ones the destination refused or
 *   that are parked. After a failed or cancelled run: the rows that needed nothing plus the ones
 *   accepted before it stopped. Between 0 and 100%; an empty model is fully covered.
 * - Sync success rate: successful runs out of finished runs (succeeded, failed or cancelled;
 *   skipped runs never started, so they do not count).
 * - Change propagation efficiency: of the rows that changed in the warehouse (added, changed or
 *   removed), the share the destination accepted. No changes: no number.
 * - Destination error rate: of the records sent, the share the destination refused. Nothing
 *   sent: no number.
 * - Throughput: rows read per second of run time. Compute seconds per million rows: CPU time the
 *   worker spent per million rows read, the cost proxy.
 */
import type { RunCounters, RunStatus, RunTrigger } from "@/db/schema";

/** What the metrics read from a run row. */
export type RunFacts = {
  status: RunStatus;
  trigger: RunTrigger;
  scheduledFor: Date | null;
  counters: RunCounters | null;
  queuedAt: Date;
  startedAt: Date | null;
  readStartedAt: Date | null;
  finishedAt: Date | null;
  cpuSeconds: number | null;
};

/** Runs that started and came to an end: the ones success rate, coverage and throughput look at. */
export const FINISHED_STATUSES = ["succeeded", "failed", "cancelled"] as const satisfies readonly RunStatus[];
/** Statuses a run never leaves. */
export const TERMINAL_STATUSES = [...FINISHED_STATUSES, "skipped"] as const satisfies readonly RunStatus[];

const terminal = new Set<RunStatus>(TERMINAL_STATUSES);
const finished = new Set<RunStatus>(FINISHED_STATUSES);

export function isFinished(status: RunStatus): boolean {
  return finished.has(status);
}

/** numerator / denominator, or null when the denominator is zero (a rate of nothing). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

function clip01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function msBetween(from: Date | null, to: Date | null): number | null {
  return from && to ? Math.max(0, to.getTime() - from.getTime()) : null;
}

/** Milliseconds from the start of the warehouse read to the end of a succeeded run; null otherwise. */
export function latencyMs(run: RunFacts): number | null {
  return run.status === "succeeded" ? msBetween(run.readStartedAt, run.finishedAt) : null;
}

export function durationMs(run: RunFacts): number | null {
  return msBetween(run.startedAt, run.finishedAt);
}

export function queueWaitMs(run: RunFacts): number | null {
  return msBetween(run.queuedAt, run.startedAt);
}

/** When a scheduled run had to have succeeded to be on time. */
export function deadlineOf(run: Pick<RunFacts, "scheduledFor" | "queuedAt">, slaMinutes: number): Date {
  return new Date((run.scheduledFor ?? run.queuedAt).getTime() + slaMinutes * 60_000);
}

/** Whether a scheduled run met the freshness target; null for other runs and runs still going. */
export function onTime(run: RunFacts, slaMinutes: number): boolean | null {
  if (run.trigger !== "schedule" || !terminal.has(run.status)) return null;
  return run.status === "succeeded" && run.finishedAt !== null && run.finishedAt <= deadlineOf(run, slaMinutes);
}

/** Share of the rows read that the destination holds current after the run, in [0, 1]. */
export function coverage(run: RunFacts): number | null {
  const c = run.counters;
  if (!c || !isFinished(run.status)) return null;
  if (c.rowsRead === 0) return 1;
  const current = run.status === "succeeded" ? c.rowsRead - c.rejected - c.parked : c.unchanged + c.accepted;
  return clip01(current / c.rowsRead);
}

export function changesOf(counters: RunCounters): number {
  return counters.added + counters.changed + counters.removed;
}

/** Accepted records per row changed in the warehouse; null when nothing changed. */
export function efficiency(run: RunFacts): number | null {
  return run.counters ? ratio(run.counters.accepted, changesOf(run.counters)) : null;
}

/**
 * Refused records per record sent; null when nothing was sent. Clipped at 1: `rejected` also
 * counts rows refused before sending (an empty key), which were never sent.
 */
export function errorRate(run: RunFacts): number | null {
  const rate = run.counters ? ratio(run.counters.rejected, run.counters.sent) : null;
  return rate === null ? null : clip01(rate);
}

/** Rows read per second of run duration. */
export function throughput(run: RunFacts): number | null {
  const ms = durationMs(run);
  return run.counters && ms ? run.counters.rowsRead / (ms / 1000) : null;
}

/** Worker CPU seconds per million rows read. */
export function computePerMillionRows(run: RunFacts): number | null {
  if (!run.counters || run.cpuSeconds === null) return null;
  const perRow = ratio(run.cpuSeconds, run.counters.rowsRead);
  return perRow === null ? null : perRow * 1e6;
}

export type RunMetrics = ReturnType<typeof runMetrics>;

export function runMetrics(run: RunFacts, slaMinutes: number) {
  return {
    latencyMs: latencyMs(run),
    durationMs: durationMs(run),
    queueWaitMs: queueWaitMs(run),
    onTime: onTime(run, slaMinutes),
    coverage: coverage(run),
    efficiency: efficiency(run),
    errorRate: errorRate(run),
    throughput: throughput(run),
    computePerMillionRows: computePerMillionRows(run),
  };
}
