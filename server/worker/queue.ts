/**
 * The job queue: pg-boss in the app database. On a Postgres server it uses its own pool; on
 * embedded PGlite it shares the app's single connection (pg-boss's pglite backend).
 * Retry, backoff and expiry for each queue are declared here, in one place.
 */
import { fromPglite, PgBoss, type Queue } from "pg-boss";
import type { Database } from "@/db/client";

export const QUEUES = {
  generateDemoWarehouse: {
    name: "generate-demo-warehouse",
    policy: "exclusive",
    retryLimit: 3,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 5 * 60,
  },
  checkDemoWarehouse: { name: "check-demo-warehouse", policy: "exclusive", retryLimit: 1, expireInSeconds: 60 },
  /**
   * One job per sync run (`{ runId }`). Not retried by pg-boss: a run whose worker died is
   * found by its stale heartbeat and sent again by the scheduler (server/worker/jobs/sync-scheduler.ts).
   */
  runSync: { name: "run-sync", policy: "standard", retryLimit: 0, expireInSeconds: 12 * 60 * 60 },
} as const satisfies Record<string, Queue>;

export function createBoss(database: Database): PgBoss {
  const boss =
    database.kind === "postgres"
      ? new PgBoss({ connectionString: database.url, max: 4 })
      : new PgBoss({ db: fromPglite(database.client), backend: "pglite" });
  boss.on("error", (error: unknown) => console.error("[queue]", error));
  return boss;
}

export async function startBoss(boss: PgBoss): Promise<void> {
  await boss.start();
  for (const queue of Object.values(QUEUES)) {
    await boss.createQueue(queue.name, queue);
  }
}
