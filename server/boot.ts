/**
 * Server start-up: check the configuration, migrate the database and start the job queue.
 * If any of that fails the process exits with the reason instead of serving errors (a
 * supervisor or orchestrator then reports or restarts it).
 */
import { getEnv } from "@/env";
import { getQueue } from "./runtime";

export async function boot(): Promise<void> {
  try {
    getEnv();
    await getQueue();
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
