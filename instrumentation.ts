/**
 * Runs once when the Next.js server boots: check the configuration, migrate the database and
 * start the job queue. If any of that fails the process exits with the reason, instead of
 * serving errors (a supervisor or orchestrator then reports or restarts it).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    const { getEnv } = await import("./env");
    getEnv();
    const { getQueue } = await import("./server/runtime");
    await getQueue();
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
