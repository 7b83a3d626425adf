import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { ConflictError, NotFoundError } from "../errors";
import { ACTIVE_RUN_STATUSES, destinations, models, syncRuns, syncs, type RunStatus, type SyncMapping, type SyncMode, type SyncSchedule } from "../schema";

export type Sync = typeof syncs.$inferSelect;
export type SyncFields = {
  name: string;
  modelId: string;
  destinationId: string;
  destinationObject: string;
  mode: SyncMode;
  mapping: SyncMapping;
  schedule: SyncSchedule;
  slaMinutes: number;
};

const scoped = (params: { workspaceId: string; syncId: string }) => and(eq(syncs.workspaceId, params.workspaceId), eq(syncs.id, params.syncId));

/** Syncs (or the one `syncId`) with their model and destination names and the latest run's status. */
export async function listSyncs(db: Db, workspaceId: string, filter: { syncId?: string } = {}) {
  const rows = await db
    .select({ sync: syncs, modelName: models.name, destinationName: destinations.name, destinationType: destinations.type })
    .from(syncs)
    .innerJoin(models, eq(models.id, syncs.modelId))
    .innerJoin(destinations, eq(destinations.id, syncs.destinationId))
    .where(and(eq(syncs.workspaceId, workspaceId), filter.syncId ? eq(syncs.id, filter.syncId) : undefined))
    .orderBy(asc(syncs.name));
  const latest = await latestRuns(db, rows.map((row) => row.sync.id));
  return rows.map((row) => ({
    ...row.sync,
    modelName: row.modelName,
    destinationName: row.destinationName,
    destinationType: row.destinationType,
    lastRun: latest.get(row.sync.id) ?? null,
  }));
}

type LatestRun = { id: string; status: RunStatus; queuedAt: Date; finishedAt: Date | null };

async function latestRuns(db: Db, syncIds: string[]): Promise<Map<string, LatestRun>> {
  if (syncIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([syncRuns.syncId], { syncId: syncRuns.syncId, id: syncRuns.id, status: syncRuns.status, queuedAt: syncRuns.queuedAt, finishedAt: syncRuns.finishedAt })
    .from(syncRuns)
    .where(inArray(syncRuns.syncId, syncIds))
    .orderBy(syncRuns.syncId, desc(syncRuns.queuedAt));
  return new Map(rows.map(({ syncId, ...run }) => [syncId, run]));
}

export async function getSync(db: Db, params: { workspaceId: string; syncId: string }): Promise<Sync> {
  const [row] = await db.select().from(syncs).where(scoped(params));
  if (!row) throw new NotFoundError("Sync");
  return row;
}

/** The sync with no workspace check: for the worker, which only ever gets ids from its own runs. */
export async function getSyncById(db: Db, syncId: string): Promise<Sync> {
  const [row] = await db.select().from(syncs).where(eq(syncs.id, syncId));
  if (!row) throw new NotFoundError("Sync");
  return row;
}

export async function createSync(
  db: Db,
  params: SyncFields & { workspaceId: string; nextRunAt: Date | null; createdByUserId: string | null },
): Promise<Sync> {
  const [row] = await db.insert(syncs).values(params).returning();
  if (!row) throw new Error("Sync insert returned no row");
  return row;
}

export async function updateSync(
  db: Db,
  params: { workspaceId: string; syncId: string } & Partial<SyncFields & { paused: boolean; nextRunAt: Date | null }>,
): Promise<Sync> {
  const { workspaceId, syncId, ...changes } = params;
  const [row] = await db
    .update(syncs)
    .set({ ...changes, updatedAt: new Date() })
    .where(scoped({ workspaceId, syncId }))
    .returning();
  if (!row) throw new NotFoundError("Sync");
  return row;
}

/** Deletes a sync and its runs, state and log; refused while a run is going (cancel it first). */
export async function deleteSync(db: Db, params: { workspaceId: string; syncId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const [sync] = await tx.select({ id: syncs.id }).from(syncs).where(scoped(params)).for("update");
    if (!sync) throw new NotFoundError("Sync");
    const [active] = await tx
      .select({ id: syncRuns.id })
      .from(syncRuns)
      .where(and(eq(syncRuns.syncId, sync.id), inArray(syncRuns.status, [...ACTIVE_RUN_STATUSES])));
    if (active) throw new ConflictError("This sync is running. Cancel the run, then delete the sync.");
    await tx.delete(syncs).where(eq(syncs.id, sync.id));
  });
}

/**
 * Refuses to delete a source, model or destination that a sync still uses (the database would
 * refuse too, with a less helpful message).
 */
export async function assertNotUsedBySyncs(db: Db, params: { workspaceId: string; sourceId?: string; modelId?: string; destinationId?: string }): Promise<void> {
  const condition = params.destinationId
    ? eq(syncs.destinationId, params.destinationId)
    : params.modelId
      ? eq(syncs.modelId, params.modelId)
      : eq(models.sourceId, params.sourceId ?? "");
  const rows = await db
    .select({ name: syncs.name })
    .from(syncs)
    .innerJoin(models, eq(models.id, syncs.modelId))
    .where(and(eq(syncs.workspaceId, params.workspaceId), condition));
  if (rows.length === 0) return;
  const names = rows.map((row) => `“${row.name}”`).join(", ");
  throw new ConflictError(`${rows.length === 1 ? "The sync" : "The syncs"} ${names} ${rows.length === 1 ? "uses" : "use"} it. Delete ${rows.length === 1 ? "that sync" : "those syncs"} first.`);
}
