/**
 * When a sync runs next. Intervals are anchored on the previous scheduled time (not on when
 * the last run finished), so "every 15 minutes" stays on its grid and a late tick does not drift
 * it; occurrences missed while no worker ran are skipped, not replayed. Cron expressions are
 * evaluated in the sync's time zone (daylight-saving changes included) by cron-parser.
 */
import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import type { SyncSchedule } from "@/db/schema";

export const ZSyncSchedule = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("manual") }),
  z.object({ kind: z.literal("interval"), minutes: z.int().min(5, "Run at most every 5 minutes.").max(7 * 24 * 60, "Run at least once a week.") }),
  z.object({
    kind: z.literal("cron"),
    expression: z.string().trim().min(1, "Enter a cron expression."),
    timezone: z.string().refine(isTimeZone, "Choose a known time zone, e.g. Europe/Paris."),
  }),
]);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Why a cron expression cannot be used, or null when it can. */
export function cronProblem(expression: string, timezone: string): string | null {
  try {
    CronExpressionParser.parse(expression, { tz: timezone, strict: false }).next();
    return null;
  } catch (error) {
    return `"${expression}" is not a valid cron expression: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * The first scheduled time strictly after `now`, continuing from `previous` (the last scheduled
 * time) when there is one; null for manual syncs.
 */
export function nextRunAt(schedule: SyncSchedule, now: Date, previous: Date | null = null): Date | null {
  if (schedule.kind === "manual") return null;
  if (schedule.kind === "interval") {
    const step = schedule.minutes * 60_000;
    if (previous === null) return new Date(now.getTime() + step);
    const missed = Math.max(0, Math.floor((now.getTime() - previous.getTime()) / step));
    return new Date(previous.getTime() + (missed + 1) * step);
  }
  return CronExpressionParser.parse(schedule.expression, { tz: schedule.timezone, currentDate: now }).next().toDate();
}

/** In words, for the sync list and page. */
export function describeSchedule(schedule: SyncSchedule): string {
  if (schedule.kind === "manual") return "Manual";
  if (schedule.kind === "cron") return `Cron ${schedule.expression} (${schedule.timezone})`;
  const { minutes } = schedule;
  if (minutes % (24 * 60) === 0) return minutes === 24 * 60 ? "Every day" : `Every ${minutes / (24 * 60)} days`;
  if (minutes % 60 === 0) return minutes === 60 ? "Every hour" : `Every ${minutes / 60} hours`;
  return `Every ${minutes} minutes`;
}
