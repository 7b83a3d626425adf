/**
 * What a sync remembers between runs: its encoded state (server/engine/state-codec.ts), stored
 * in parts plus the patches of the runs since, and the records the destination refused, retried
 * until parked.
 */
import { type AnyColumn, and, asc, count, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { syncRejections, syncSnapshotParts, syncStatePatches } from "../schema";

/**
 * 8 MB per row: far below Postgres's 1 GB limit, and a part in flight costs the driver about five
 * times its size (base64 text, string, bytes); measured fastest to load between 2 and 32 MB.
 */
export const STATE_PART_BYTES = 8 * 1024 * 1024;

/**
 * State bytes travel as base64 text both ways (the driver sends and reads bytea as hex):
 * a third fewer bytes, and an 8 MB part measured 25-35% faster each way.
 */
function bytesParam(bytes: Buffer): SQL {
  return sql`decode(${bytes.toString("base64")}, 'base64')`;
}

function base64Of(column: AnyColumn): SQL<string> {
  return sql<string>`encode(${column}, 'base64')`;
}

function bytesOf(base64: string): Buffer {
  return Buffer.from(base64, "base64");
}

/**
 * The stored state as written: the size of its parts (null before the first run), the parts
 * themselves fetched one at a time as they are read (a large state never sits in memory twice),
 * and the patches since, in order.
 */
export type StoredState = {
  baseBytes: number | null;
  /** Changes with every rewrite (null for states written before versions existed). */
  version: string | null;
  baseParts: () => AsyncGenerator<Buffer>;
  patches: Buffer[];
  patchRecords: number;
};

export async function loadStoredState(db: Db, syncId: string): Promise<StoredState> {
  const parts = await db
    .select({
      part: syncSnapshotParts.part,
      version: syncSnapshotParts.version,
      bytes: sql<number>`octet_length(${syncSnapshotParts.data})`.mapWith(Number),
    })
    .from(syncSnapshotParts)
    .where(eq(syncSnapshotParts.syncId, syncId))
    .orderBy(asc(syncSnapshotParts.part));
  const patches = await db
    .select({ data: base64Of(syncStatePatches.data), records: syncStatePatches.records })
    .from(syncStatePatches)
    .where(eq(syncStatePatches.syncId, syncId))
    .orderBy(asc(syncStatePatches.seq));
  const fetchPart = async (part: number) => {
    const [row] = await db
      .select({ data: base64Of(syncSnapshotParts.data) })
      .from(syncSnapshotParts)
      .where(and(eq(syncSnapshotParts.syncId, syncId), eq(syncSnapshotParts.part, part)));
    if (!row) throw new Error(`Part ${part} of the state of sync ${syncId} disappeared while it was read.`);
    return bytesOf(row.data);
  };
  // One part is fetched ahead, so the database encodes the next part while this one is decoded.
  async function* baseParts(): AsyncGenerator<Buffer> {
    let ahead: Promise<Buffer> | undefined;
    try {
      for (let index = 0; index < parts.length; index++) {
        const current = ahead ?? fetchPart(parts[index]?.part ?? 0);
        ahead = index + 1 < parts.length ? fetchPart(parts[index + 1]?.part ?? 0) : undefined;
        yield await current;
      }
    } finally {
      await ahead?.catch(() => undefined);
    }
  }
  return {
    baseBytes: parts.length === 0 ? null : parts.reduce((sum, part) => sum + part.bytes, 0),
    version: parts[0]?.version ?? null,
    baseParts,
    patches: patches.map((patch) => bytesOf(patch.data)),
    patchRecords: patches.reduce((sum, patch) => sum + patch.records, 0),
  };
}

/**
 * Replaces the stored state (parts and patches) with `parts` under a new `version`; call inside
 * the transaction that finishes the run.
 */
export async function saveStateParts(db: Db, syncId: string, parts: Iterable<Buffer>, version: string): Promise<void> {
  await db.delete(syncStatePatches).where(eq(syncStatePatches.syncId, syncId));
  await db.delete(syncSnapshotParts).where(eq(syncSnapshotParts.syncId, syncId));
  let part = 0;
  for (const data of parts) await db.insert(syncSnapshotParts).values({ syncId, part: part++, data: bytesParam(data), version });
}

/** Adds a patch of `records` changes after the stored ones; call inside the transaction that finishes the run. */
export async function appendStatePatch(db: Db, syncId: string, bytes: Buffer, records: number): Promise<void> {
  const [last] = await db
    .select({ seq: sql<number>`coalesce(max(${syncStatePatches.seq}), 0)`.mapWith(Number) })
    .from(syncStatePatches)
    .where(eq(syncStatePatches.syncId, syncId));
  await db.insert(syncStatePatches).values({ syncId, seq: (last?.seq ?? 0) + 1, records, data: bytesParam(bytes) });
}

export type Rejection = typeof syncRejections.$inferSelect;

/** Postgres has no unsigned 64-bit type: hashes are stored as the signed integer with the same bits. */
export function signedHash(keyHash: bigint): bigint {
  return BigInt.asIntN(64, keyHash);
}

export function unsignedHash(stored: bigint): bigint {
  return BigInt.asUintN(64, stored);
}

export async function loadRejections(db: Db, syncId: string): Promise<Rejection[]> {
  return db.select().from(syncRejections).where(eq(syncRejections.syncId, syncId));
}

/** Counts one more failed attempt per record; a record reaching `cap` attempts is parked. */
export async function recordRejections(
  db: Db,
  params: { syncId: string; runId: string; cap: number; rejected: { keyHash: bigint; key: string; reason: string }[] },
): Promise<void> {
  const chunk = 1000;
  for (let at = 0; at < params.rejected.length; at += chunk) {
    const values = params.rejected.slice(at, at + chunk).map((item) => ({
      syncId: params.syncId,
      keyHash: signedHash(item.keyHash),
      key: item.key,
      reason: item.reason,
      attempts: 1,
      parkedAt: params.cap <= 1 ? new Date() : null,
      lastRunId: params.runId,
    }));
    await db
      .insert(syncRejections)
      .values(values)
      .onConflictDoUpdate({
        target: [syncRejections.syncId, syncRejections.keyHash],
        set: {
          attempts: sql`${syncRejections.attempts} + 1`,
          reason: sql`excluded.reason`,
          key: sql`excluded.key`,
          lastRunId: sql`excluded.last_run_id`,
          parkedAt: sql`case when ${syncRejections.attempts} + 1 >= ${params.cap} then coalesce(${syncRejections.parkedAt}, now()) else null end`,
          updatedAt: sql`now()`,
        },
      });
  }
}

/** Forgets rejections of records that have now gone through (or left the model). */
export async function clearRejections(db: Db, syncId: string, keyHashes: bigint[]): Promise<void> {
  const chunk = 1000;
  for (let at = 0; at < keyHashes.length; at += chunk) {
    const hashes = keyHashes.slice(at, at + chunk).map(signedHash);
    await db.delete(syncRejections).where(and(eq(syncRejections.syncId, syncId), inArray(syncRejections.keyHash, hashes)));
  }
}

/** Parked records are sent again on the next run; returns how many there were. */
export async function replayParked(db: Db, syncId: string): Promise<number> {
  const rows = await db
    .update(syncRejections)
    .set({ parkedAt: null, attempts: 0, updatedAt: sql`now()` })
    .where(and(eq(syncRejections.syncId, syncId), isNotNull(syncRejections.parkedAt)))
    .returning({ key: syncRejections.key });
  return rows.length;
}

export async function countParked(db: Db, syncId: string): Promise<number> {
  const [row] = await db
    .select({ parked: count() })
    .from(syncRejections)
    .where(and(eq(syncRejections.syncId, syncId), isNotNull(syncRejections.parkedAt)));
  return row?.parked ?? 0;
}

export async function listRejections(db: Db, syncId: string, limit: number): Promise<Rejection[]> {
  return db.select().from(syncRejections).where(eq(syncRejections.syncId, syncId)).orderBy(asc(syncRejections.key)).limit(limit);
}
