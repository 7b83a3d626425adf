/**
 * The scheduler pass, run by every worker process every SLUICE_SCHEDULER_SECONDS:
 * - starts the runs of syncs whose time has come (a sync still running records a skipped run,
 *   which SLA attainment counts as missed);
 * - puts runs whose worker stopped sending heartbeats back in the queue (a killed worker);
 * - re-sends queued runs no worker has picked up (handed back at shutdown, or lost by the queue);
 * - deletes row-level run logs past their retention.
 * Every step is a conditional update or a row lock with SKIP LOCKED, so passes of several
 * workers at once do each thing once.
 */
import { and, eq, isNotNull, lte } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import type { Db } from "@/db/client";
import { ConflictError } from "@/db/errors";
import { createRun, deleteChangesBefore, redispatchQueuedRuns, recordSkippedRun, requeueStaleRuns } from "@/db/queries/sync-runs";
import { syncs } from "@/db/schema";
import { nextRunAt } from "@/server/engine/schedule";
import { sendRun } from "./run-sync";

export type SchedulerSettings = { staleSeconds: number; logRetentionDays: number };

export async function schedulerPass(boss: PgBoss, db: Db, settings: SchedulerSettings, now = new Date()): Promise<void> {
  await startDueSyncs(boss, db, now);
  for (const runId of await requeueStaleRuns(db, settings.staleSeconds)) await sendRun(boss, runId);
  for (const runId of await redispatchQueuedRuns(db, settings.staleSeconds)) await sendRun(boss, runId);
  await deleteChangesBefore(db, new Date(now.getTime() - settings.logRetentionDays * 86_400_000));
}

/** Moves each due sync to its next time and queues its run in one transaction; jobs are sent after it commits. */
async function startDueSyncs(boss: PgBoss, db: Db, now: Date): Promise<void> {
  const runIds = await db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(syncs)
      .where(and(eq(syncs.paused, false), isNotNull(syncs.nextRunAt), lte(syncs.nextRunAt, now)))
      .for("update", { skipLocked: true });
    const queued: string[] = [];
    for (const sync of rows) {
      const scheduledFor = sync.nextRunAt ?? now;
      await tx.update(syncs).set({ nextRunAt: nextRunAt(sync.schedule, now, scheduledFor) }).where(eq(syncs.id, sync.id));
      const scope = { workspaceId: sync.workspaceId, syncId: sync.id };
      try {
        // A savepoint: a refused insert must not abort the whole pass.
        const run = await tx.transaction((savepoint) => createRun(savepoint, { ...scope, trigger: "schedule", scheduledFor }));
        queued.push(run.id);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        await recordSkippedRun(tx, { ...scope, scheduledFor });
      }
    }
    return queued;
  });
  for (const runId of runIds) await sendRun(boss, runId);
}

/** Runs the pass now and then every `seconds`, until `signal` aborts; a failed pass is logged and retried. */
export function startScheduler(boss: PgBoss, db: Db, settings: SchedulerSettings & { seconds: number; signal: AbortSignal }): void {
  let running = false;
  const tick = async () => {
    if (running || settings.signal.aborted) return;
    running = true;
    try {
      await schedulerPass(boss, db, settings);
    } catch (error) {
      console.error("[scheduler]", error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), settings.seconds * 1000);
  timer.unref();
  settings.signal.addEventListener("abort", () => clearInterval(timer), { once: true });
  void tick();
}
