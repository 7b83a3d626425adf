import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { DEMO_WAREHOUSE_TASK } from "@/server/worker/task-keys";
import { encryptJson } from "@/server/security/secrets";
import type { Db } from "../client";
import { assertNotUsedBySyncs } from "./syncs";
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
  managed: "demo" | "uploads" | null;
  createdAt: Date;
  lastCheckedAt: Date | null;
  status: SourceStatus;
  tables: SourceTable[];
};

export type SourceTable = { name: string; rows: number; description?: string };

const summaryColumns = {
  id: sources.id,
  name: sources.name,
  type: sources.type,
  managed: sources.managed,
  createdAt: sources.createdAt,
  lastCheckedAt: sources.lastCheckedAt,
  lastCheckError: sources.lastCheckError,
};

export async function createDemoSource(db: Db, params: { workspaceId: string; encryptionKey: string }) {
  await db.insert(sources).values({
    workspaceId: params.workspaceId,
    name: "Demo warehouse",
    type: "duckdb",
    managed: "demo",
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

type SourceRow = Omit<SourceSummary, "status" | "tables"> & { lastCheckError: string | null };

async function withStatus(db: Db, rows: SourceRow[]): Promise<SourceSummary[]> {
  const demoTask = rows.some((row) => row.managed === "demo") ? await getTask(db, DEMO_WAREHOUSE_TASK) : undefined;
  return rows.map(({ lastCheckError, ...row }) =>
    row.managed === "demo"
      ? { ...row, status: demoStatus(demoTask), tables: tablesOf(demoTask) }
      : {
          ...row,
          status: lastCheckError
            ? { state: "failed", percent: 0, step: null, error: lastCheckError }
            : { state: "ready", percent: 100, step: null, error: null },
          tables: [],
        },
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

/** The stored row including its encrypted settings: for the server only, never a router output. */
export async function getSourceRecord(db: Db, params: { workspaceId: string; sourceId: string }) {
  const [row] = await db
    .select()
    .from(sources)
    .where(and(eq(sources.workspaceId, params.workspaceId), eq(sources.id, params.sourceId)));
  if (!row) throw new NotFoundError("Source");
  return row;
}

export async function createSource(
  db: Db,
  params: { workspaceId: string; name: string; type: string; encryptedConfig: string },
): Promise<SourceSummary> {
  const [row] = await db.insert(sources).values(params).returning({ id: sources.id });
  if (!row) throw new Error("Source insert returned no row");
  return getSource(db, { workspaceId: params.workspaceId, sourceId: row.id });
}

export async function updateSource(
  db: Db,
  params: { workspaceId: string; sourceId: string; name?: string; encryptedConfig?: string },
): Promise<SourceSummary> {
  const { workspaceId, sourceId, ...changes } = params;
  const [row] = await db
    .update(sources)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, sourceId)))
    .returning({ id: sources.id });
  if (!row) throw new NotFoundError("Source");
  return getSource(db, { workspaceId, sourceId });
}

export async function deleteSource(db: Db, params: { workspaceId: string; sourceId: string }): Promise<void> {
  await assertNotUsedBySyncs(db, { workspaceId: params.workspaceId, sourceId: params.sourceId });
  const [row] = await db
    .delete(sources)
    .where(and(eq(sources.workspaceId, params.workspaceId), eq(sources.id, params.sourceId)))
    .returning({ id: sources.id });
  if (!row) throw new NotFoundError("Source");
}

/** Remembers the outcome of a connection check; `error` null means it worked. */
export async function recordSourceCheck(
  db: Db,
  params: { workspaceId: string; sourceId: string; error: string | null },
): Promise<void> {
  await db
    .update(sources)
    .set({ lastCheckedAt: new Date(), lastCheckError: params.error })
    .where(and(eq(sources.workspaceId, params.workspaceId), eq(sources.id, params.sourceId)));
}

/** The workspace's source for uploaded files, created on first use. */
export async function getOrCreateUploadsSource(
  db: Db,
  params: { workspaceId: string; encryptionKey: string },
): Promise<{ id: string }> {
  const where = and(eq(sources.workspaceId, params.workspaceId), eq(sources.managed, "uploads"));
  const [existing] = await db.select({ id: sources.id }).from(sources).where(where);
  if (existing) return existing;
  const [created] = await db
    .insert(sources)
    .values({
      workspaceId: params.workspaceId,
      name: "Uploaded files",
      type: "duckdb",
      managed: "uploads",
      encryptedConfig: encryptJson({ database: "uploads", workspaceId: params.workspaceId }, params.encryptionKey),
    })
    .returning({ id: sources.id });
  if (!created) throw new Error("Source insert returned no row");
  return created;
}
