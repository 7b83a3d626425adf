/**
 * `npm run worker`: a separate worker process for hosted deployments. Several can run
 * against one Postgres; pg-boss hands each job to one of them. Stops gracefully on
 * SIGTERM/SIGINT: running sync runs commit what the destination accepted and go back to the
 * queue for another worker, other jobs are given 30 s to finish.
 */
import { getEnv } from "@/env";
import { openDatabase } from "@/db/client";
import { closeAllDestinations } from "@/server/destinations/registry";
import { closeAllSources } from "@/server/sources/registry";
import { registerJobs, workerSettings } from "./jobs";
import { ensureDemoWarehouse } from "./jobs/generate-demo-warehouse";
import { createBoss, startBoss } from "./queue";

async function main(): Promise<void> {
  const env = getEnv();
  if (!env.DATABASE_URL) {
    throw new Error(
      "The separate worker needs DATABASE_URL (a Postgres server). " +
        "With the embedded database, the worker runs inside `npm run dev` / `npm start`.",
    );
  }
  const database = await openDatabase({ kind: "postgres", url: env.DATABASE_URL });
  const boss = createBoss(database);
  await startBoss(boss);
  const shutdownSignal = new AbortController();
  await registerJobs(boss, database.db, workerSettings(env, shutdownSignal.signal));
  await ensureDemoWarehouse(boss, database.db, { dataDir: env.SLUICE_DATA_DIR, scale: env.SLUICE_DEMO_SCALE });
  console.log("[worker] started");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: handing running syncs back to the queue`);
    shutdownSignal.abort();
    await boss.stop({ graceful: true, timeout: 30_000 });
    // Warehouse pools and HTTP keep-alive sockets would otherwise keep the process alive.
    await Promise.all([closeAllSources(), closeAllDestinations()]);
    await database.close();
    console.log("[worker] stopped");
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
