import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { DEMO_WAREHOUSE_TASK } from "@/server/worker/task-keys";
import { encryptJson } from "@/server/security/secrets";
import type { Db } from "../client";
import { NotFoundError } from "../errors";
import { sources } from "../schema";
import { getTask, type BackgroundTask } from "./tasks";

export type SourceStatus = {
  state: "ready" | "preparing" | "failed";
  percent: number;
  step: string | null;
  error: string | null;
};

export type SourceSummary = {
  id: string;
  name: string;
  type: string;
  isDemo: boolean;
  createdAt: Date;
  status: SourceStatus;
  tables: SourceTable[];
};

export type SourceTable = { name: string; rows: number; description?: string };

const summaryColumns = {
  id: sources.id,
  name: sources.name,
  type: sources.type,
  isDemo: sources.isDemo,
  createdAt: sources.createdAt,
};

export async function createDemoSource(db: Db, params: { workspaceId: string; encryptionKey: string }) {
  await db.insert(sources).values({
    workspaceId: params.workspaceId,
    name: "Demo warehouse",
    type: "duckdb",
    isDemo: true,
    encryptedConfig: encryptJson({ database: "demo" }, params.encryptionKey),
  });
}

const TaskResult = z.object({
  tables: z.array(z.object({ name: z.string(), rows: z.number(), description: z.string().optional() })),
});

function tablesOf(task: BackgroundTask | undefined): SourceTable[] {
  const result = TaskResult.safeParse(task?.result);
  return result.success ? result.data.tables : [];
}

/** The demo warehouse is generated once per installation; its sources share that task's status. */
function demoStatus(task: BackgroundTask | undefined): SourceStatus {
  const base = { percent: task?.percent ?? 0, step: task?.step ?? "Waiting to start", error: task?.error ?? null };
  if (task?.state === "succeeded") return { ...base, state: "ready", percent: 100 };
  if (task?.state === "failed") return { ...base, state: "failed" };
  return { ...base, state: "preparing" };
}

type SourceRow = Omit<SourceSummary, "status" | "tables">;

async function withStatus(db: Db, rows: SourceRow[]): Promise<SourceSummary[]> {
  const demoTask = rows.some((row) => row.isDemo) ? await getTask(db, DEMO_WAREHOUSE_TASK) : undefined;
  return rows.map((row) =>
    row.isDemo
      ? { ...row, status: demoStatus(demoTask), tables: tablesOf(demoTask) }
      : { ...row, status: { state: "ready", percent: 100, step: null, error: null }, tables: [] },
  );
}

export async function listSources(db: Db, workspaceId: string): Promise<SourceSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(sources)
    .where(eq(sources.workspaceId, workspaceId))
    .orderBy(asc(sources.createdAt));
  return withStatus(db, rows);
}

export async function getSource(db: Db, params: { workspaceId: string; sourceId: string }): Promise<SourceSummary> {
  const rows = await db
    .select(summaryColumns)
    .from(sources)
    .where(and(eq(sources.workspaceId, params.workspaceId), eq(sources.id, params.sourceId)));
  const [source] = await withStatus(db, rows);
  if (!source) throw new NotFoundError("Source");
  return source;
}
