/** Runs once when the Next.js server boots: migrate the database and start the job queue. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getQueue } = await import("./server/runtime");
  await getQueue();
}
