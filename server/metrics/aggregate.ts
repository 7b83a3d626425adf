/**
 * Metrics over a window of runs (a sync's or a workspace's last N days). The database adds runs
 * up into `WindowTotals` (queries.ts); `summarize` turns the totals into the rates people see.
 * Rates over a window are ratios of sums (e.g. all records refused / all records sent), so a
 * run with many records weighs more than a run with few; coverage is the average of the runs'.
 *
 * `totalsOf` is the same adding-up written over run objects: the reference the SQL is checked
 * against (metrics.integration.test.ts), and what the unit tests exercise.
 */
import {
  changesOf,
  coverage,
  durationMs,
  isFinished,
  latencyMs,
  onTime,
  ratio,
  type RunFacts,
} from "./definitions";

export type WindowTotals = {
  succeeded: number;
  failed: number;
  cancelled: number;
  skipped: number;
  /** Scheduled runs that came to an end (skipped included), and those on time. */
  scheduled: number;
  onTime: number;
  coverageSum: number;
  coverageRuns: number;
  rowsRead: number;
  changes: number;
  sent: number;
  accepted: number;
  rejected: number;
  /** Rows read and run seconds of finished runs that took time, for throughput. */
  throughputRows: number;
  throughputSeconds: number;
  /** CPU seconds and rows read of finished runs that recorded CPU time. */
  cpuSeconds: number;
  cpuRows: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
};

export const EMPTY_TOTALS: WindowTotals = {
  succeeded: 0,
  failed: 0,
  cancelled: 0,
  skipped: 0,
  scheduled: 0,
  onTime: 0,
  coverageSum: 0,
  coverageRuns: 0,
  rowsRead: 0,
  changes: 0,
  sent: 0,
  accepted: 0,
  rejected: 0,
  throughputRows: 0,
  throughputSeconds: 0,
  cpuSeconds: 0,
  cpuRows: 0,
  latencyP50Ms: null,
  latencyP95Ms: null,
};

export type WindowSummary = ReturnType<typeof summarize>;

export function summarize(totals: WindowTotals) {
  const finished = totals.succeeded + totals.failed + totals.cancelled;
  const errorRate = ratio(totals.rejected, totals.sent);
  return {
    runs: finished + totals.skipped,
    succeeded: totals.succeeded,
    failed: totals.failed,
    cancelled: totals.cancelled,
    skipped: totals.skipped,
    scheduledRuns: totals.scheduled,
    successRate: ratio(totals.succeeded, finished),
    slaAttainment: ratio(totals.onTime, totals.scheduled),
    latencyP50Ms: totals.latencyP50Ms,
    latencyP95Ms: totals.latencyP95Ms,
    coverage: ratio(totals.coverageSum, totals.coverageRuns),
    efficiency: ratio(totals.accepted, totals.changes),
    errorRate: errorRate === null ? null : Math.min(1, errorRate),
    rowsRead: totals.rowsRead,
    recordsDelivered: totals.accepted,
    throughput: ratio(totals.throughputRows, totals.throughputSeconds),
    computePerMillionRows: totals.cpuRows > 0 ? (totals.cpuSeconds / totals.cpuRows) * 1e6 : null,
  };
}

/** The p-th percentile (0..1) with linear interpolation between ranks, as Postgres's percentile_cont. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const lower = sorted[low] ?? 0;
  const upper = sorted[Math.ceil(rank)] ?? lower;
  return lower + (upper - lower) * (rank - low);
}

/** Adds up runs that came to an end; `slaMinutes` is the freshness target of each run's sync. */
export function totalsOf(runs: readonly (RunFacts & { slaMinutes: number })[]): WindowTotals {
  const totals = { ...EMPTY_TOTALS };
  const latencies: number[] = [];
  for (const run of runs) {
    if (run.status === "succeeded" || run.status === "failed" || run.status === "cancelled" || run.status === "skipped") {
      totals[run.status]++;
    }
    const punctual = onTime(run, run.slaMinutes);
    if (punctual !== null) {
      totals.scheduled++;
      if (punctual) totals.onTime++;
    }
    const latency = latencyMs(run);
    if (latency !== null) latencies.push(latency);
    const covered = coverage(run);
    if (covered !== null) {
      totals.coverageSum += covered;
      totals.coverageRuns++;
    }
    const c = run.counters;
    if (!c || !isFinished(run.status)) continue;
    totals.rowsRead += c.rowsRead;
    totals.changes += changesOf(c);
    totals.sent += c.sent;
    totals.accepted += c.accepted;
    totals.rejected += c.rejected;
    const ms = durationMs(run);
    if (ms) {
      totals.throughputRows += c.rowsRead;
      totals.throughputSeconds += ms / 1000;
    }
    if (run.cpuSeconds !== null) {
      totals.cpuSeconds += run.cpuSeconds;
      totals.cpuRows += c.rowsRead;
    }
  }
  return { ...totals, latencyP50Ms: percentile(latencies, 0.5), latencyP95Ms: percentile(latencies, 0.95) };
}

export type DailyPoint = { day: string; succeeded: number; failed: number; cancelled: number; skipped: number; recordsDelivered: number };

/** "YYYY-MM-DD" of a moment, in UTC (the days the workspace chart is drawn in). */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The first moment of the window of `days` days ending at `now`. */
export function windowStart(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 24 * 60 * 60_000);
}

/** Midnight UTC of the first of the last `days` days (today included). */
export function firstDayStart(now: Date, days: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
}

/** One point per UTC day, oldest first, ending with `now`'s day; days without runs are zeros. */
export function fillDays(points: readonly DailyPoint[], now: Date, days: number): DailyPoint[] {
  const byDay = new Map(points.map((point) => [point.day, point]));
  return Array.from({ length: days }, (_, index) => {
    const day = utcDay(new Date(now.getTime() - (days - 1 - index) * 24 * 60 * 60_000));
    return byDay.get(day) ?? { day, succeeded: 0, failed: 0, cancelled: 0, skipped: 0, recordsDelivered: 0 };
  });
}
