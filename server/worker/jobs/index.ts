import type { PgBoss } from "pg-boss";
import type { Db } from "@/db/client";
import { registerGenerateDemoWarehouse } from "./generate-demo-warehouse";
import { registerRunSync, stateCacheDir } from "./run-sync";
import { startScheduler } from "./sync-scheduler";

export type WorkerSettings = {
  dataDir: string;
  demoScale: number;
  concurrency: number;
  schedulerSeconds: number;
  staleSeconds: number;
  logRetentionDays: number;
  /** Aborted when the process shuts down: runs hand their work back, the scheduler stops. */
  shutdown: AbortSignal;
};

/** Subscribes this process to every job queue and starts the recurring work. */
export async function registerJobs(boss: PgBoss, db: Db, settings: WorkerSettings): Promise<void> {
  await registerGenerateDemoWarehouse(boss, db, { dataDir: settings.dataDir, scale: settings.demoScale });
  await registerRunSync(boss, db, { concurrency: settings.concurrency, shutdown: settings.shutdown, stateCacheDir: stateCacheDir(settings.dataDir) });
  startScheduler(boss, db, {
    seconds: settings.schedulerSeconds,
    staleSeconds: settings.staleSeconds,
    logRetentionDays: settings.logRetentionDays,
    signal: settings.shutdown,
  });
}

export function workerSettings(
  env: {
    SLUICE_DATA_DIR: string;
    SLUICE_DEMO_SCALE: number;
    SLUICE_WORKER_CONCURRENCY: number;
    SLUICE_SCHEDULER_SECONDS: number;
    SLUICE_RUN_STALE_SECONDS: number;
    SLUICE_RUN_LOG_DAYS: number;
  },
  shutdown: AbortSignal,
): WorkerSettings {
  return {
    dataDir: env.SLUICE_DATA_DIR,
    demoScale: env.SLUICE_DEMO_SCALE,
    concurrency: env.SLUICE_WORKER_CONCURRENCY,
    schedulerSeconds: env.SLUICE_SCHEDULER_SECONDS,
    staleSeconds: env.SLUICE_RUN_STALE_SECONDS,
    logRetentionDays: env.SLUICE_RUN_LOG_DAYS,
    shutdown,
  };
}
