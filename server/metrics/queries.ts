/**
 * The data behind the metrics: runs added up in the database (a workspace can hold tens of
 * thousands of runs a week), so only totals travel. Each SQL expression here is the database's
 * spelling of a definition in definitions.ts; metrics.integration.test.ts checks they agree
 * with `totalsOf` on the same runs. Plain Postgres, so it runs on a server and on PGlite alike.
 */
import { and, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { syncRuns, syncs, type RunCounters } from "@/db/schema";
import { EMPTY_TOTALS, type DailyPoint, type WindowTotals } from "./aggregate";
import { FINISHED_STATUSES, TERMINAL_STATUSES, type RunFacts } from "./definitions";

type Scope = { workspaceId: string; syncId?: string; since: Date };

const finished = sql`${syncRuns.status} in ('succeeded', 'failed', 'cancelled')`;
const withCounters = sql`${finished} and ${syncRuns.counters} is not null`;

/** A counter of the run as a float (the names are a fixed list, never user input). */
function counter(name: keyof RunCounters): SQL {
  return sql`coalesce((${syncRuns.counters} ->> '${sql.raw(name)}')::float8, 0)`;
}

function secondsBetween(from: AnyPgColumn, to: AnyPgColumn): SQL {
  return sql`greatest(0, extract(epoch from (${to} - ${from}))::float8)`;
}

const rowsRead = counter("rowsRead");
const coverage = sql`case when ${rowsRead} = 0 then 1 else least(1, greatest(0, (case when ${syncRuns.status} = 'succeeded'
  then ${rowsRead} - ${counter("rejected")} - ${counter("parked")} else ${counter("unchanged")} + ${counter("accepted")} end) / ${rowsRead})) end`;
const latencyMs = sql`${secondsBetween(syncRuns.readStartedAt, syncRuns.finishedAt)} * 1000`;
const succeededWithLatency = sql`${syncRuns.status} = 'succeeded' and ${syncRuns.readStartedAt} is not null and ${syncRuns.finishedAt} is not null`;
const runSeconds = secondsBetween(syncRuns.startedAt, syncRuns.finishedAt);
const deadline = sql`coalesce(${syncRuns.scheduledFor}, ${syncRuns.queuedAt}) + make_interval(mins => ${syncs.slaMinutes})`;
const scheduled = sql`${syncRuns.trigger} = 'schedule'`;

const count = (where: SQL) => sql<number>`count(*) filter (where ${where})`.mapWith(Number);
const sum = (value: SQL, where: SQL) => sql<number>`coalesce(sum(${value}) filter (where ${where}), 0)`.mapWith(Number);
const latencyPercentile = (p: number) =>
  sql<number | null>`percentile_cont(${sql.raw(String(p))}) within group (order by ${latencyMs}) filter (where ${succeededWithLatency})`.mapWith(Number);

const TOTALS = {
  succeeded: count(sql`${syncRuns.status} = 'succeeded'`),
  failed: count(sql`${syncRuns.status} = 'failed'`),
  cancelled: count(sql`${syncRuns.status} = 'cancelled'`),
  skipped: count(sql`${syncRuns.status} = 'skipped'`),
  scheduled: count(scheduled),
  onTime: count(sql`${scheduled} and ${syncRuns.status} = 'succeeded' and ${syncRuns.finishedAt} <= ${deadline}`),
  coverageSum: sum(coverage, withCounters),
  coverageRuns: count(withCounters),
  rowsRead: sum(rowsRead, withCounters),
  changes: sum(sql`${counter("added")} + ${counter("changed")} + ${counter("removed")}`, withCounters),
  sent: sum(counter("sent"), withCounters),
  accepted: sum(counter("accepted"), withCounters),
  rejected: sum(counter("rejected"), withCounters),
  throughputRows: sum(rowsRead, sql`${withCounters} and ${runSeconds} > 0`),
  throughputSeconds: sum(runSeconds, sql`${withCounters} and ${runSeconds} > 0`),
  cpuSeconds: sum(sql`${syncRuns.cpuSeconds}`, sql`${withCounters} and ${syncRuns.cpuSeconds} is not null`),
  cpuRows: sum(rowsRead, sql`${withCounters} and ${syncRuns.cpuSeconds} is not null`),
  latencyP50Ms: latencyPercentile(0.5),
  latencyP95Ms: latencyPercentile(0.95),
};

/** Runs of the scope that came to an end, queued since `since`. */
function inWindow(scope: Scope): SQL | undefined {
  return and(
    eq(syncRuns.workspaceId, scope.workspaceId),
    scope.syncId ? eq(syncRuns.syncId, scope.syncId) : undefined,
    gte(syncRuns.queuedAt, scope.since),
    inArray(syncRuns.status, [...TERMINAL_STATUSES]),
  );
}

export async function windowTotals(db: Db, scope: Scope): Promise<WindowTotals> {
  const [row] = await db.select(TOTALS).from(syncRuns).innerJoin(syncs, eq(syncs.id, syncRuns.syncId)).where(inWindow(scope));
  return row ?? EMPTY_TOTALS;
}

/** The window's totals of each sync of the workspace that has runs in it. */
export async function windowTotalsBySync(db: Db, scope: Omit<Scope, "syncId">): Promise<Map<string, WindowTotals>> {
  const rows = await db
    .select({ syncId: syncRuns.syncId, ...TOTALS })
    .from(syncRuns)
    .innerJoin(syncs, eq(syncs.id, syncRuns.syncId))
    .where(inWindow(scope))
    .groupBy(syncRuns.syncId);
  return new Map(rows.map(({ syncId, ...totals }) => [syncId, totals]));
}

const day = sql<string>`to_char(${syncRuns.queuedAt} at time zone 'UTC', 'YYYY-MM-DD')`;

/** Runs and records delivered per UTC day (of queueing); days without runs are absent. */
export async function dailyTotals(db: Db, scope: Scope): Promise<DailyPoint[]> {
  return db
    .select({
      day,
      succeeded: TOTALS.succeeded,
      failed: TOTALS.failed,
      cancelled: TOTALS.cancelled,
      skipped: TOTALS.skipped,
      recordsDelivered: TOTALS.accepted,
    })
    .from(syncRuns)
    .where(inWindow(scope))
    .groupBy(day)
    .orderBy(day);
}

export type RecentRun = RunFacts & { id: string };

/** The sync's latest finished runs, newest first. */
export async function recentRuns(db: Db, params: { workspaceId: string; syncId: string; limit: number }): Promise<RecentRun[]> {
  return db
    .select({
      id: syncRuns.id,
      status: syncRuns.status,
      trigger: syncRuns.trigger,
      scheduledFor: syncRuns.scheduledFor,
      counters: syncRuns.counters,
      queuedAt: syncRuns.queuedAt,
      startedAt: syncRuns.startedAt,
      readStartedAt: syncRuns.readStartedAt,
      finishedAt: syncRuns.finishedAt,
      cpuSeconds: syncRuns.cpuSeconds,
    })
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, params.workspaceId), eq(syncRuns.syncId, params.syncId), inArray(syncRuns.status, [...FINISHED_STATUSES])))
    .orderBy(desc(syncRuns.queuedAt))
    .limit(params.limit);
}
