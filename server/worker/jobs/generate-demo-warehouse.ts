/**
 * Generates the installation's demo warehouse (a DuckDB file shared read-only by every
 * workspace's "Demo warehouse" source) and reports progress in background_tasks.
 * Its dates are relative to the day it was generated, so it is rebuilt once it is a week
 * old (checked at start and daily), keeping "in the last 30 days" meaningful.
 */
import fs from "node:fs";
import path from "node:path";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import type { Db } from "@/db/client";
import { getTask, saveTask } from "@/db/queries/tasks";
import { generateDemoWarehouse } from "@/server/sources/duckdb/demo-warehouse";
import { QUEUES } from "../queue";
import { DEMO_WAREHOUSE_TASK } from "../task-keys";

const Payload = z.object({ filePath: z.string().min(1), scale: z.number().positive() });
type Payload = z.infer<typeof Payload>;

export const DEMO_WAREHOUSE_MAX_AGE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export function demoWarehousePath(dataDir: string): string {
  return path.resolve(dataDir, "warehouses", "demo.duckdb");
}

function isFresh(filePath: string, now: Date): boolean {
  const stat = fs.statSync(filePath, { throwIfNoEntry: false });
  return stat !== undefined && now.getTime() - stat.mtimeMs < DEMO_WAREHOUSE_MAX_AGE_DAYS * DAY_MS;
}

export async function runGenerateDemoWarehouse(db: Db, payload: Payload): Promise<void> {
  await saveTask(db, DEMO_WAREHOUSE_TASK, { state: "running", percent: 0, step: "Starting", error: null });
  try {
    const summary = await generateDemoWarehouse(payload.filePath, {
      scale: payload.scale,
      onProgress: (progress) =>
        saveTask(db, DEMO_WAREHOUSE_TASK, { state: "running", percent: progress.percent, step: progress.step }),
    });
    await saveTask(db, DEMO_WAREHOUSE_TASK, {
      state: "succeeded",
      percent: 100,
      step: "Ready",
      result: summary,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await saveTask(db, DEMO_WAREHOUSE_TASK, { state: "failed", step: "Generation failed", error: message });
    throw error;
  }
}

const CheckPayload = z.object({ dataDir: z.string().min(1), scale: z.number().positive() });

/** Subscribes to generation jobs, and checks daily (03:17) whether the file needs a rebuild. */
export async function registerGenerateDemoWarehouse(
  boss: PgBoss,
  db: Db,
  params: { dataDir: string; scale: number },
): Promise<void> {
  await boss.work(QUEUES.checkDemoWarehouse.name, async ([job]) => {
    const payload = CheckPayload.safeParse(job?.data);
    if (payload.success) await ensureDemoWarehouse(boss, db, payload.data);
  });
  await boss.schedule(QUEUES.checkDemoWarehouse.name, "17 3 * * *", params);
  await boss.work(QUEUES.generateDemoWarehouse.name, async ([job]) => {
    if (!job) return;
    const payload = Payload.safeParse(job.data);
    // A malformed payload will never succeed: record it and complete instead of retrying.
    if (!payload.success) {
      console.error("[generate-demo-warehouse] invalid payload", payload.error.issues);
      return;
    }
    await runGenerateDemoWarehouse(db, payload.data);
  });
}

/** Queues generation unless a successfully generated file younger than a week exists. */
export async function ensureDemoWarehouse(
  boss: PgBoss,
  db: Db,
  params: { dataDir: string; scale: number; now?: Date },
): Promise<void> {
  const filePath = demoWarehousePath(params.dataDir);
  const task = await getTask(db, DEMO_WAREHOUSE_TASK);
  if (task?.state === "succeeded" && isFresh(filePath, params.now ?? new Date())) return;
  // A run left "running" by a killed process keeps its progress until pg-boss retries it.
  if (task?.state !== "running") {
    await saveTask(db, DEMO_WAREHOUSE_TASK, { state: "queued", percent: 0, step: "Waiting to start", error: null });
  }
  // The queue is "exclusive": this is a no-op while a generation is queued or active.
  await boss.send(QUEUES.generateDemoWarehouse.name, { filePath, scale: params.scale } satisfies Payload);
}
