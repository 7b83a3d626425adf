/** The journal of records a run's destination created (`sync_run_creations`): written as a run delivers, read when it is done again. */
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { syncRunCreations } from "../schema";

const HASH_BYTES = 8;

export async function recordCreations(db: Db, runId: string, keyHashes: readonly bigint[]): Promise<void> {
  if (keyHashes.length === 0) return;
  const bytes = Buffer.alloc(keyHashes.length * HASH_BYTES);
  keyHashes.forEach((keyHash, index) => bytes.writeBigUInt64LE(keyHash, index * HASH_BYTES));
  await db.insert(syncRunCreations).values({ runId, keyHashes: bytes });
}

/** Key hashes of every record the run's earlier attempts were told they created. */
export async function loadCreations(db: Db, runId: string): Promise<Set<bigint>> {
  const rows = await db.select({ keyHashes: syncRunCreations.keyHashes }).from(syncRunCreations).where(eq(syncRunCreations.runId, runId));
  const created = new Set<bigint>();
  for (const { keyHashes } of rows) {
    for (let at = 0; at + HASH_BYTES <= keyHashes.length; at += HASH_BYTES) created.add(keyHashes.readBigUInt64LE(at));
  }
  return created;
}

export async function clearCreations(db: Db, runId: string): Promise<void> {
  await db.delete(syncRunCreations).where(eq(syncRunCreations.runId, runId));
}
