/**
 * Sync runs as a state machine in the database. Transitions are single conditional UPDATEs, so
 * two workers (or a worker and a user pressing Cancel) can never both win: a run is claimed by
 * exactly one worker, and only a queued run can be claimed.
 */
import { and, desc, eq, gt, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { ConflictError, NotFoundError, sqlState, UNIQUE_VIOLATION } from "../errors";
import { ACTIVE_RUN_STATUSES, syncRunLogBatches, syncRuns, type LoggedChange, type RunCounters, type RunStatus, type RunTrigger } from "../schema";

export type SyncRun = typeof syncRuns.$inferSelect;

const RUNNING: RunStatus[] = ["reading", "diffing", "delivering"];

export async function createRun(
  db: Db,
  params: { workspaceId: string; syncId: string; trigger: RunTrigger; scheduledFor?: Date | null; requestedByUserId?: string | null },
): Promise<SyncRun> {
  try {
    const [run] = await db.insert(syncRuns).values(params).returning();
    if (!run) throw new Error("Run insert returned no row");
    return run;
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw new ConflictError("This sync already has a run queued or in progress.");
    throw error;
  }
}

/** A scheduled occurrence that found a run still going: recorded, so SLA attainment counts it as missed. */
export async function recordSkippedRun(db: Db, params: { workspaceId: string; syncId: string; scheduledFor: Date }): Promise<void> {
  const now = new Date();
  await db.insert(syncRuns).values({
    ...params,
    trigger: "schedule",
    status: "skipped",
    error: "Skipped: the previous run was still going.",
    finishedAt: now,
  });
}

/** Takes a queued run for this worker; null when another worker has it or it is no longer queued. */
export async function claimRun(db: Db, runId: string): Promise<SyncRun | null> {
  const [run] = await db
    .update(syncRuns)
    .set({
      status: "reading",
      attempt: sql`${syncRuns.attempt} + 1`,
      startedAt: sql`coalesce(${syncRuns.startedAt}, now())`,
      heartbeatAt: sql`now()`,
      error: null,
    })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, "queued"), sql`${syncRuns.cancelRequestedAt} is null`))
    .returning();
  return run ?? null;
}

/** Moves a running run to its next phase and records progress; returns whether a cancel was asked for. */
export async function updateRunProgress(
  db: Db,
  runId: string,
  fields: Partial<Pick<SyncRun, "status" | "counters" | "readStartedAt" | "readMs" | "deliverMs" | "lastAcceptedAt">>,
): Promise<{ cancelRequested: boolean }> {
  const [row] = await db
    .update(syncRuns)
    .set({ ...fields, heartbeatAt: sql`now()` })
    .where(and(eq(syncRuns.id, runId), inArray(syncRuns.status, RUNNING)))
    .returning({ cancelRequestedAt: syncRuns.cancelRequestedAt });
  return { cancelRequested: row === undefined || row.cancelRequestedAt !== null };
}

export async function finishRun(
  db: Db,
  runId: string,
  fields: Pick<SyncRun, "status" | "counters" | "error" | "cpuSeconds"> & Partial<Pick<SyncRun, "deliverMs" | "lastAcceptedAt">>,
): Promise<void> {
  await db
    .update(syncRuns)
    .set({ ...fields, finishedAt: sql`now()`, heartbeatAt: sql`now()` })
    .where(and(eq(syncRuns.id, runId), inArray(syncRuns.status, RUNNING)));
}

/** Hands a running run back to the queue (graceful shutdown); the next scheduler pass sends it to a worker. */
export async function requeueRun(db: Db, runId: string): Promise<void> {
  await db
    .update(syncRuns)
    .set({ status: "queued", heartbeatAt: null, dispatchedAt: null })
    .where(and(eq(syncRuns.id, runId), inArray(syncRuns.status, RUNNING)));
}

/**
 * Runs whose worker stopped sending heartbeats (killed, lost its connection) go back to queued,
 * to be started again; their ids are returned so the caller can send them to the queue.
 */
export async function requeueStaleRuns(db: Db, staleSeconds: number): Promise<string[]> {
  const rows = await db
    .update(syncRuns)
    .set({ status: "queued", heartbeatAt: null, dispatchedAt: sql`now()` })
    .where(and(inArray(syncRuns.status, RUNNING), lt(syncRuns.heartbeatAt, sql`now() - make_interval(secs => ${staleSeconds})`)))
    .returning({ id: syncRuns.id });
  return rows.map((row) => row.id);
}

/**
 * Queued runs no worker has picked up within `staleSeconds` of being handed to the queue (or
 * never handed over, e.g. at shutdown): marked as handed over again, for the caller to send.
 */
export async function redispatchQueuedRuns(db: Db, staleSeconds: number): Promise<string[]> {
  const rows = await db
    .update(syncRuns)
    .set({ dispatchedAt: sql`now()` })
    .where(
      and(
        eq(syncRuns.status, "queued"),
        or(isNull(syncRuns.dispatchedAt), lt(syncRuns.dispatchedAt, sql`now() - make_interval(secs => ${staleSeconds})`)),
      ),
    )
    .returning({ id: syncRuns.id });
  return rows.map((row) => row.id);
}

/** Cancels a queued run at once; asks a running one to stop (its worker sees it within seconds). */
export async function requestCancel(db: Db, params: { workspaceId: string; runId: string }): Promise<SyncRun> {
  const scope = and(eq(syncRuns.workspaceId, params.workspaceId), eq(syncRuns.id, params.runId));
  const [queued] = await db
    .update(syncRuns)
    .set({ status: "cancelled", cancelRequestedAt: sql`now()`, finishedAt: sql`now()`, error: "Cancelled before it started." })
    .where(and(scope, eq(syncRuns.status, "queued")))
    .returning();
  if (queued) return queued;
  const [running] = await db
    .update(syncRuns)
    .set({ cancelRequestedAt: sql`coalesce(${syncRuns.cancelRequestedAt}, now())` })
    .where(and(scope, inArray(syncRuns.status, RUNNING)))
    .returning();
  if (running) return running;
  const run = await getRun(db, params);
  throw new ConflictError(`This run has already ${run.status === "cancelled" ? "been cancelled" : run.status}.`);
}

export async function getRun(db: Db, params: { workspaceId: string; runId: string }): Promise<SyncRun> {
  const [run] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, params.workspaceId), eq(syncRuns.id, params.runId)));
  if (!run) throw new NotFoundError("Run");
  return run;
}

export async function getRunById(db: Db, runId: string): Promise<SyncRun | null> {
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  return run ?? null;
}

export async function listRuns(db: Db, params: { workspaceId: string; syncId: string; limit: number }): Promise<SyncRun[]> {
  return db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, params.workspaceId), eq(syncRuns.syncId, params.syncId)))
    .orderBy(desc(syncRuns.queuedAt))
    .limit(params.limit);
}

export async function activeRun(db: Db, syncId: string): Promise<SyncRun | null> {
  const [run] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.syncId, syncId), inArray(syncRuns.status, [...ACTIVE_RUN_STATUSES])));
  return run ?? null;
}

/** Log ids are `batch id × LOG_ID_SPAN + position in the batch` (from 1): one number for the API's pages. */
const LOG_ID_SPAN = 2 ** 20;

/** Stores one batch of a run's row-level log (at most `LOG_ID_SPAN - 1` changes). */
export async function insertRunLogBatch(db: Db, run: { runId: string; workspaceId: string }, changes: LoggedChange[]): Promise<void> {
  if (changes.length === 0) return;
  if (changes.length >= LOG_ID_SPAN) throw new RangeError(`A log batch holds fewer than ${LOG_ID_SPAN} changes, got ${changes.length}.`);
  await db.insert(syncRunLogBatches).values({ runId: run.runId, workspaceId: run.workspaceId, changes });
}

/** Marks the run's log batches as committed, inside the transaction that commits its attempt. */
export async function commitRunLog(db: Db, runId: string): Promise<void> {
  await db
    .update(syncRunLogBatches)
    .set({ committed: true })
    .where(and(eq(syncRunLogBatches.runId, runId), eq(syncRunLogBatches.committed, false)));
}

/** Drops the log batches an attempt that never committed left (its worker was killed): the attempt now running logs those changes again. */
export async function dropUncommittedRunLog(db: Db, runId: string): Promise<void> {
  await db.delete(syncRunLogBatches).where(and(eq(syncRunLogBatches.runId, runId), eq(syncRunLogBatches.committed, false)));
}

/** A page of a run's changes, in logged order; `search` matches the key or any text in the payload or error. */
export async function listRunChanges(
  db: Db,
  params: { workspaceId: string; runId: string; status?: string; kind?: string; search?: string; afterId?: number; limit: number },
): Promise<(LoggedChange & { id: number; createdAt: Date })[]> {
  const batches = syncRunLogBatches;
  const id = sql<number>`${batches.id} * ${LOG_ID_SPAN} + e.position`.mapWith(Number);
  const conditions = [eq(batches.workspaceId, params.workspaceId), eq(batches.runId, params.runId)];
  if (params.status) conditions.push(sql`e.value->>'status' = ${params.status}`);
  if (params.kind) conditions.push(sql`e.value->>'kind' = ${params.kind}`);
  if (params.afterId !== undefined) conditions.push(gte(batches.id, Math.floor(params.afterId / LOG_ID_SPAN)), gt(id, params.afterId));
  if (params.search) {
    const pattern = `%${params.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(e.value->>'key' ILIKE ${pattern} OR (e.value->'payload')::text ILIKE ${pattern} OR e.value->>'error' ILIKE ${pattern})`);
  }
  const rows = await db
    .select({ id, change: sql<LoggedChange>`e.value`, createdAt: sql<Date>`${batches.createdAt}`.mapWith(batches.createdAt) })
    .from(sql`${batches} CROSS JOIN LATERAL json_array_elements(${batches.changes}) WITH ORDINALITY AS e(value, position)`)
    .where(and(...conditions))
    .orderBy(batches.id, sql`e.position`)
    .limit(params.limit);
  return rows.map((row) => ({ ...row.change, id: row.id, createdAt: row.createdAt }));
}

/** Deletes row-level logs older than the retention period. */
export async function deleteChangesBefore(db: Db, before: Date): Promise<void> {
  await db.delete(syncRunLogBatches).where(lt(syncRunLogBatches.createdAt, before));
}

export function emptyCounters(): RunCounters {
  return { rowsRead: 0, added: 0, changed: 0, removed: 0, unchanged: 0, skipped: 0, parked: 0, sent: 0, accepted: 0, rejected: 0, requests: 0, retries: 0 };
}
