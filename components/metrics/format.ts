/** Metric values as people read them; "—" when there is no value (nothing to measure). */

export const NONE = "—";

/** 0.934 → "93%". Never rounds a shortfall up to 100% or a trace down to 0%. */
export function formatPercent(value: number | null): string {
  if (value === null) return NONE;
  const percent = Math.round(value * 100);
  if (percent >= 100 && value < 1) return "99%";
  if (percent <= 0 && value > 0) return "<1%";
  return `${percent}%`;
}

function oneDecimalUnder10(value: number): string {
  return value < 10 ? (Math.round(value * 10) / 10).toString() : Math.round(value).toString();
}

/** 850 → "850 ms", 1234 → "1.2 s", 270000 → "4 min 30 s", 5400000 → "1 h 30 min". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return NONE;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 59.5) return `${oneDecimalUnder10(seconds)} s`;
  const totalSeconds = Math.round(seconds);
  if (totalSeconds < 3600) {
    const minutes = Math.floor(totalSeconds / 60);
    const rest = totalSeconds % 60;
    return minutes < 10 && rest > 0 ? `${minutes} min ${rest} s` : `${Math.round(totalSeconds / 60)} min`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
}

/** A short duration for chart axes: "850ms", "45s", "25m", "1h 40m". */
export function formatDurationShort(ms: number): string {
  if (ms === 0) return "0";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${oneDecimalUnder10(ms / 1000)}s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** 950 → "950", 45210 → "45k", 1234567 → "1.2M". */
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 999_500) return `${oneDecimalUnder10(value / 1e6)}M`;
  if (abs >= 999.5) return `${oneDecimalUnder10(value / 1e3)}k`;
  return abs < 10 && !Number.isInteger(value) ? (Math.round(value * 10) / 10).toString() : Math.round(value).toString();
}

export function formatThroughput(rowsPerSecond: number | null): string {
  return rowsPerSecond === null ? NONE : `${formatCompact(rowsPerSecond)} rows/s`;
}

/** CPU seconds per million rows: "0.84 s", "12 s". */
export function formatCompute(seconds: number | null): string {
  if (seconds === null) return NONE;
  return seconds < 1 ? `${seconds.toPrecision(2).replace(/\.?0+$/, "")} s` : `${oneDecimalUnder10(seconds)} s`;
}

export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

const runTime = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
const dayLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** "Mar 10, 2:05 PM", in the viewer's time zone. */
export function formatRunTime(at: Date): string {
  return runTime.format(at);
}

/** "2025-03-10" (a UTC day) → "Mar 10". */
export function formatDay(day: string): string {
  return dayLabel.format(new Date(`${day}T00:00:00Z`));
}

/** "5 min ago", "3 h ago", "2 days ago". */
export function formatAgo(at: Date, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.round((now.getTime() - at.getTime()) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return `${days} day${days === 1 ? "" : "s"} ago`;
}
