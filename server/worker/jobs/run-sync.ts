/**
 * Works the run-sync queue: each job carries a run id; `executeRun` claims the run (only a
 * queued one can be claimed, so a duplicate job is harmless) and takes it to the end. On
 * shutdown the running runs commit what the destination accepted and go back to the queue.
 */
import path from "node:path";
import type { PgBoss } from "pg-boss";
import type { Db } from "@/db/client";
import { createRun } from "@/db/queries/sync-runs";
import type { RunTrigger } from "@/db/schema";
import { executeRun } from "@/server/engine/run";
import { QUEUES } from "../queue";

export type RunSyncJob = { runId: string };

export async function sendRun(boss: PgBoss, runId: string): Promise<void> {
  await boss.send(QUEUES.runSync.name, { runId } satisfies RunSyncJob);
}

/** Queues a run of a sync and sends it to the workers; ConflictError when one is already going. */
export async function startRun(
  boss: PgBoss,
  db: Db,
  params: { workspaceId: string; syncId: string; trigger: RunTrigger; scheduledFor?: Date | null; requestedByUserId?: string | null },
) {
  const run = await createRun(db, params);
  await sendRun(boss, run.id);
  return run;
}

/** Where a worker keeps its local copies of sync states (server/engine/state-cache.ts). */
export function stateCacheDir(dataDir: string): string {
  return path.resolve(dataDir, "state-cache");
}

export async function registerRunSync(
  boss: PgBoss,
  db: Db,
  params: { concurrency: number; shutdown: AbortSignal; stateCacheDir: string },
): Promise<void> {
  await boss.work<RunSyncJob>(QUEUES.runSync.name, { localConcurrency: params.concurrency, batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    await executeRun(db, job.data.runId, { shutdown: params.shutdown, stateCacheDir: params.stateCacheDir });
  });
}
