/**
 * The app process's long-lived parts: the database and the job queue, started once.
 * With SLUICE_EMBEDDED_WORKER (the default) this process also works the queue, so
 * `npm run dev` needs nothing else; in a hosted deployment `npm run worker` does it.
 */
import type { PgBoss } from "pg-boss";
import { getDatabase } from "@/db";
import { getEnv } from "@/env";
import { registerJobs, workerSettings } from "./worker/jobs";
import { ensureDemoWarehouse } from "./worker/jobs/generate-demo-warehouse";
import { createBoss, startBoss } from "./worker/queue";

const globalForRuntime = globalThis as typeof globalThis & { sluiceQueue?: Promise<PgBoss> };

async function startQueue(): Promise<PgBoss> {
  const env = getEnv();
  const database = await getDatabase();
  const boss = createBoss(database);
  await startBoss(boss);
  if (env.SLUICE_EMBEDDED_WORKER) {
    await registerJobs(boss, database.db, workerSettings(env, new AbortController().signal));
    await ensureDemoWarehouse(boss, database.db, { dataDir: env.SLUICE_DATA_DIR, scale: env.SLUICE_DEMO_SCALE });
  }
  return boss;
}

export function getQueue(): Promise<PgBoss> {
  globalForRuntime.sluiceQueue ??= startQueue();
  return globalForRuntime.sluiceQueue;
}
