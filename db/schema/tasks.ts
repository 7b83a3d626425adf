/**
 * Progress of installation-wide background tasks (e.g. generating the demo warehouse),
 * written by worker jobs and read by the UI. Keyed by a stable task name.
 */
import { integer, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const TASK_STATES = ["queued", "running", "succeeded", "failed"] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const taskState = pgEnum("task_state", TASK_STATES);

export const backgroundTasks = pgTable("background_tasks", {
  key: text("key").primaryKey(),
  state: taskState("state").notNull(),
  percent: integer("percent").notNull().default(0),
  step: text("step"),
  error: text("error"),
  /** What the task produced, for display (e.g. table row counts). */
  result: jsonb("result"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
