import type { PgBoss } from "pg-boss";
import type { Db } from "@/db/client";
import { registerGenerateDemoWarehouse } from "./generate-demo-warehouse";

/** Subscribes this process to every job queue and installs the recurring schedules. */
export async function registerJobs(boss: PgBoss, db: Db, params: { dataDir: string; demoScale: number }): Promise<void> {
  await registerGenerateDemoWarehouse(boss, db, { dataDir: params.dataDir, scale: params.demoScale });
}
