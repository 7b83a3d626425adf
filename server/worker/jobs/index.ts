import type { PgBoss } from "pg-boss";
import type { Db } from "@/db/client";
import { registerGenerateDemoWarehouse } from "./generate-demo-warehouse";

/** Subscribes this process to every job queue. */
export async function registerJobs(boss: PgBoss, db: Db): Promise<void> {
  await registerGenerateDemoWarehouse(boss, db);
}
