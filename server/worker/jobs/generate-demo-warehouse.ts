/**
 * Generates the installation's demo warehouse (a DuckDB file shared read-only by every
 * workspace's "Demo warehouse" source) and reports progress in background_tasks.
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

export function demoWarehousePath(dataDir: string): string {
  return path.resolve(dataDir, "warehouses", "demo.duckdb");
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

export async function registerGenerateDemoWarehouse(boss: PgBoss, db: Db): Promise<void> {
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

/** Queues generation unless the file exists and was generated successfully. */
export async function ensureDemoWarehouse(
  boss: PgBoss,
  db: Db,
  params: { dataDir: string; scale: number },
): Promise<void> {
  const filePath = demoWarehousePath(params.dataDir);
  const task = await getTask(db, DEMO_WAREHOUSE_TASK);
  if (task?.state === "succeeded" && fs.existsSync(filePath)) return;
  // A run left "running" by a killed process keeps its progress until pg-boss retries it.
  if (task?.state !== "running") {
    await saveTask(db, DEMO_WAREHOUSE_TASK, { state: "queued", percent: 0, step: "Waiting to start", error: null });
  }
  // The queue is "exclusive": this is a no-op while a generation is queued or active.
  await boss.send(QUEUES.generateDemoWarehouse.name, { filePath, scale: params.scale } satisfies Payload);
}
