/**
 * The sync bench's human summary (stderr): every phase with where its time went, then each
 * incremental phase against the goals of the issue and the measured floors of
 * /work/shared/context/performance.md ("Whole incremental sync, 1.2% changed").
 */
import os from "node:os";
import type { Dialect } from "./customers";

export type PhaseReport = {
  phase: "initial" | "incremental";
  source: Dialect;
  destination: string;
  rows: number;
  changed: number;
  seconds: number;
  peakRssMb: number;
  startRssMb: number;
  peakHeapUsedMb: number;
  peakExternalMb: number;
  /** From the run row: read + detect, delivery (to the commit), CPU of the worker process. */
  readSeconds: number | null;
  deliverSeconds: number | null;
  cpuSeconds: number | null;
  requests: number;
};

type Target = { source: Dialect; rows: number; seconds: number; peakRssMb?: number };

/** Goals of the issue, for the incremental sync. */
const GOALS: Target[] = [
  { source: "postgres", rows: 1_000_000, seconds: 3 },
  { source: "duckdb", rows: 1_000_000, seconds: 1 },
  { source: "postgres", rows: 10_000_000, seconds: 25, peakRssMb: 1024 },
];

/** What this kind of machine was measured to reach (performance.md, whole incremental sync). */
const FLOORS: Target[] = [
  { source: "postgres", rows: 1_000_000, seconds: 1.42 },
  { source: "postgres", rows: 10_000_000, seconds: 12.6 },
  { source: "duckdb", rows: 1_000_000, seconds: 0.29 },
  { source: "duckdb", rows: 10_000_000, seconds: 2.14 },
];

/**
 * The target for this source at the nearest size, its time scaled linearly when the size
 * differs by at most 2×; none further away (fixed costs dominate small runs).
 */
function nearest(targets: Target[], source: Dialect, rows: number): (Target & { scaled: boolean }) | null {
  const distance = (target: Target) => Math.abs(Math.log(target.rows / rows));
  const best = targets.filter((target) => target.source === source).sort((a, b) => distance(a) - distance(b))[0];
  if (!best || distance(best) > Math.log(2)) return null;
  if (best.rows === rows) return { ...best, scaled: false };
  return { source, rows, seconds: (best.seconds * rows) / best.rows, scaled: true };
}

const number = (value: number) => Math.round(value).toLocaleString("en");
const secs = (value: number | null) => (value === null ? "?" : `${value.toFixed(2)} s`);

export function formatSummary(reports: PhaseReport[]): string {
  const load = os.loadavg().map((value) => value.toFixed(1)).join(" ");
  const lines = [
    "",
    `Sync bench on ${os.cpus().length} CPUs, load average now ${load} (other work on the machine slows every phase)`,
    "seconds = wall time of executeRun in a process of its own; peak RSS includes that process's start (modules, connections)",
  ];
  for (const r of reports) {
    const other = r.readSeconds !== null && r.deliverSeconds !== null ? r.seconds - r.readSeconds - r.deliverSeconds : null;
    lines.push(
      `  ${r.phase.padEnd(11)} ${`${r.source} → ${r.destination}`.padEnd(20)} ${number(r.rows).padStart(11)} rows ${number(r.changed).padStart(11)} changed ` +
        `${r.seconds.toFixed(2).padStart(7)} s ${number(r.rows / r.seconds).padStart(10)} rows/s  peak ${number(r.peakRssMb)} MB (start ${number(r.startRssMb)}, heap ≤ ${number(r.peakHeapUsedMb)}, external ≤ ${number(r.peakExternalMb)})` +
        `  | read+detect ${secs(r.readSeconds)}, diff+plan ${secs(other)}, deliver+commit ${secs(r.deliverSeconds)}, ${r.requests} requests, cpu ${secs(r.cpuSeconds)}`,
    );
  }
  lines.push("", "Incremental sync against the goals (and the floors of performance.md; `--only floor` measures the DuckDB one here):");
  for (const r of reports.filter((report) => report.phase === "incremental")) {
    const goal = nearest(GOALS, r.source, r.rows);
    const floor = nearest(FLOORS, r.source, r.rows);
    const parts = [`  ${`${r.source} → ${r.destination}`.padEnd(20)} ${r.seconds.toFixed(2)} s`];
    if (goal) {
      const verdict = r.seconds <= goal.seconds ? "meets" : "MISSES";
      parts.push(`${verdict} goal < ${goal.seconds.toFixed(2)} s${goal.scaled ? " (scaled from the nearest goal)" : ""}: ${(r.seconds / goal.seconds).toFixed(2)}× goal`);
      if (goal.peakRssMb !== undefined && !goal.scaled) {
        const rss = r.peakRssMb <= goal.peakRssMb ? "meets" : "MISSES";
        parts.push(`peak ${number(r.peakRssMb)} MB ${rss} < ${number(goal.peakRssMb)} MB: ${(r.peakRssMb / goal.peakRssMb).toFixed(2)}×`);
      }
    }
    if (!goal && !floor) parts.push("no goal at this size (goals are for 1,000,000 and 10,000,000 rows)");
    if (floor) parts.push(`floor ${floor.seconds.toFixed(2)} s${floor.scaled ? " (scaled)" : ""}: ${(r.seconds / floor.seconds).toFixed(2)}× floor`);
    lines.push(parts.join(" — "));
  }
  return lines.join("\n");
}
