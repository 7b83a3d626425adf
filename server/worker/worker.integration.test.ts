import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { getTask } from "@/db/queries/tasks";
import { backgroundTasks } from "@/db/schema";
import { openTestDatabase } from "@/test/database";
import { registerJobs } from "./jobs";
import { DEMO_WAREHOUSE_MAX_AGE_DAYS, demoWarehousePath, ensureDemoWarehouse } from "./jobs/generate-demo-warehouse";
import { createBoss, QUEUES, startBoss } from "./queue";
import { DEMO_WAREHOUSE_TASK } from "./task-keys";

let database: Database;
const tempDirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-worker-"));
  tempDirs.push(dir);
  return dir;
}

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(async () => {
  await database.close();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function waitForDemoWarehouse(): Promise<void> {
  await vi.waitFor(
    async () => {
      const task = await getTask(database.db, DEMO_WAREHOUSE_TASK);
      if (task?.state === "failed") throw new Error(`generation failed: ${task.error}`);
      expect(task?.state).toBe("succeeded");
    },
    { timeout: 60_000, interval: 200 },
  );
}

function startWorker(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = "";
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server/worker/main.ts"], {
    env: { PATH: process.env.PATH, NODE_ENV: "development", ...env },
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe("the job queue in the app process", () => {
  it("generates the demo warehouse in the background, records progress, and does it only once", async () => {
    const dataDir = tempDir();
    const boss = createBoss(database);
    await startBoss(boss);
    const shutdown = new AbortController();
    await registerJobs(boss, database.db, {
      dataDir,
      demoScale: 0.01,
      concurrency: 1,
      schedulerSeconds: 60,
      staleSeconds: 60,
      logRetentionDays: 30,
      shutdown: shutdown.signal,
    });
    try {
      await ensureDemoWarehouse(boss, database.db, { dataDir, scale: 0.01 });
      await waitForDemoWarehouse();

      const task = await getTask(database.db, DEMO_WAREHOUSE_TASK);
      expect(task).toMatchObject({ state: "succeeded", percent: 100, step: "Ready", error: null });
      const { tables } = task?.result as { tables: { name: string; rows: number }[] };
      expect(tables.find((table) => table.name === "customers")?.rows).toBe(1000);
      expect(fs.existsSync(demoWarehousePath(dataDir))).toBe(true);

      // Generated and fresh: asking again queues nothing. A week later it is rebuilt.
      const generatedAt = fs.statSync(demoWarehousePath(dataDir)).mtimeMs;
      await ensureDemoWarehouse(boss, database.db, { dataDir, scale: 0.01 });
      expect((await getTask(database.db, DEMO_WAREHOUSE_TASK))?.state).toBe("succeeded");
      const nextWeek = new Date(Date.now() + (DEMO_WAREHOUSE_MAX_AGE_DAYS * 24 + 1) * 60 * 60 * 1000);
      await ensureDemoWarehouse(boss, database.db, { dataDir, scale: 0.01, now: nextWeek });
      await waitForDemoWarehouse();
      expect(fs.statSync(demoWarehousePath(dataDir)).mtimeMs).toBeGreaterThan(generatedAt);
    } finally {
      shutdown.abort();
      await boss.stop({ graceful: true, timeout: 10_000 });
      await database.db.delete(backgroundTasks).where(sql`${backgroundTasks.key} = ${DEMO_WAREHOUSE_TASK}`);
    }
  });
});

describe("npm run worker", () => {
  it("refuses to run on the embedded database, with a message saying why", async () => {
    const worker = startWorker({ SLUICE_DATA_DIR: tempDir() });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toContain("The separate worker needs DATABASE_URL");
  });

  const url = inject("testDatabaseUrl");
  it.runIf(url)("runs as separate processes on Postgres: two workers share the job, then stop gracefully", async () => {
    const dataDir = tempDir();
    const env = { DATABASE_URL: url ?? "", SLUICE_DATA_DIR: dataDir, SLUICE_DEMO_SCALE: "0.01" };
    const startedAt = new Date();
    const workers = [startWorker(env), startWorker(env)];
    const client = postgres(url ?? "", { max: 1 });
    try {
      await waitForDemoWarehouse();
      const jobs = await client<{ state: string }[]>`
        select state from pgboss.job where name = ${QUEUES.generateDemoWarehouse.name} and created_on >= ${startedAt}`;
      expect(jobs.map((job) => job.state)).toEqual(["completed"]);
      expect(fs.existsSync(demoWarehousePath(dataDir))).toBe(true);
    } finally {
      await client.end();
      for (const worker of workers) worker.child.kill("SIGTERM");
    }
    for (const worker of workers) {
      expect(await worker.exited).toBe(0);
      expect(worker.output()).toContain("[worker] stopped");
    }
  });
});
