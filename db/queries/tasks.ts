import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { backgroundTasks, type TaskState } from "../schema";

export type BackgroundTask = typeof backgroundTasks.$inferSelect;

export async function getTask(db: Db, key: string): Promise<BackgroundTask | undefined> {
  const [task] = await db.select().from(backgroundTasks).where(eq(backgroundTasks.key, key));
  return task;
}

export async function saveTask(
  db: Db,
  key: string,
  update: { state: TaskState; percent?: number; step?: string | null; error?: string | null; result?: unknown },
): Promise<void> {
  const values = { ...update, updatedAt: new Date() };
  await db
    .insert(backgroundTasks)
    .values({ key, ...values })
    .onConflictDoUpdate({ target: backgroundTasks.key, set: values });
}
