/** How runs read to people: statuses, phases and triggers in words, counters, durations and times. */
import type { RunCounters, RunStatus, RunTrigger } from "@/db/schema";

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  queued: "Queued",
  reading: "Running",
  diffing: "Running",
  delivering: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
  skipped: "Skipped",
};

/** What an active run is doing right now. */
export const RUN_PHASES: Record<RunStatus, string> = {
  queued: "Waiting to start",
  reading: "Reading from the warehouse",
  diffing: "Finding changes",
  delivering: "Sending to the destination",
  succeeded: "Finished",
  failed: "Stopped on an error",
  cancelled: "Cancelled",
  skipped: "Skipped",
};

export const TRIGGER_LABELS: Record<RunTrigger, string> = {
  manual: "Manual",
  schedule: "Scheduled",
  full_resync: "Full resync",
};

export function isRunActive(status: RunStatus): boolean {
  return status === "queued" || status === "reading" || status === "diffing" || status === "delivering";
}

/** Changes the run will send: what it found, less what the mode does not send and what is parked. */
export function changesToSend(counters: RunCounters): number {
  return Math.max(0, counters.added + counters.changed + counters.removed - counters.skipped - counters.parked);
}

const numbers = new Intl.NumberFormat("en-US");

export function formatCount(value: number): string {
  return numbers.format(value);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

const relative = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Infinity],
];

/** "3 minutes ago", "in 2 hours": `date` seen from `now`. */
export function formatRelative(date: Date, now: number): string {
  let value = (date.getTime() - now) / 1000;
  if (Math.abs(value) < 10) return "just now";
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return date.toLocaleString();
}
