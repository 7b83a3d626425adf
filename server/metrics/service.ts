/**
 * Sync health for the API: one sync over a window of days with its latest runs, or a whole
 * workspace over the window with a day-by-day chart and a health line per sync.
 */
import type { Db } from "@/db/client";
import { getSync, listSyncs } from "@/db/queries/syncs";
import { fillDays, firstDayStart, summarize, windowStart, EMPTY_TOTALS } from "./aggregate";
import { runMetrics } from "./definitions";
import { dailyTotals, recentRuns, windowTotals, windowTotalsBySync } from "./queries";

/** How many of a sync's latest runs its charts show. */
export const RECENT_RUNS = 30;
/** How many days the workspace's day-by-day chart covers. */
export const DAILY_DAYS = 14;

type Window = { workspaceId: string; days: number; now?: Date };

export async function syncMetrics(db: Db, params: Window & { syncId: string }) {
  const { workspaceId, syncId, days, now = new Date() } = params;
  const sync = await getSync(db, { workspaceId, syncId });
  const since = windowStart(now, days);
  const totals = await windowTotals(db, { workspaceId, syncId, since });
  const runs = await recentRuns(db, { workspaceId, syncId, limit: RECENT_RUNS });
  return {
    days,
    since,
    slaMinutes: sync.slaMinutes,
    scheduled: sync.schedule.kind !== "manual",
    summary: summarize(totals),
    runs: runs.reverse().map((run) => ({
      id: run.id,
      status: run.status,
      trigger: run.trigger,
      queuedAt: run.queuedAt,
      finishedAt: run.finishedAt,
      rowsRead: run.counters?.rowsRead ?? null,
      added: run.counters?.added ?? null,
      changed: run.counters?.changed ?? null,
      removed: run.counters?.removed ?? null,
      accepted: run.counters?.accepted ?? null,
      rejected: run.counters?.rejected ?? null,
      ...runMetrics(run, sync.slaMinutes),
    })),
  };
}

export async function workspaceMetrics(db: Db, params: Window) {
  const { workspaceId, days, now = new Date() } = params;
  const since = windowStart(now, days);
  const list = await listSyncs(db, workspaceId);
  const totals = await windowTotals(db, { workspaceId, since });
  const bySync = await windowTotalsBySync(db, { workspaceId, since });
  const daily = await dailyTotals(db, { workspaceId, since: firstDayStart(now, DAILY_DAYS) });
  return {
    days,
    since,
    summary: summarize(totals),
    daily: fillDays(daily, now, DAILY_DAYS),
    syncs: list.map((sync) => {
      const summary = summarize(bySync.get(sync.id) ?? EMPTY_TOTALS);
      return {
        id: sync.id,
        name: sync.name,
        destinationName: sync.destinationName,
        paused: sync.paused,
        scheduled: sync.schedule.kind !== "manual",
        runs: summary.runs,
        successRate: summary.successRate,
        slaAttainment: summary.slaAttainment,
        recordsDelivered: summary.recordsDelivered,
        lastRun: sync.lastRun,
      };
    }),
  };
}
