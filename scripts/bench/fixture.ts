/**
 * The app-database side of a bench: a dedicated user and workspace (deleted at the end, which
 * removes its sources, models, destinations, syncs, runs and state by cascade), and syncs created
 * directly with the query functions, as test/syncs.ts does for the engine's integration tests.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { createDestination } from "@/db/queries/destinations";
import { createModel } from "@/db/queries/models";
import { createSource } from "@/db/queries/sources";
import { createSync } from "@/db/queries/syncs";
import { createUserWithPassword } from "@/db/queries/users";
import { createWorkspace } from "@/db/queries/workspaces";
import { type ModelColumn, type SyncMode, syncs, users, workspaces } from "@/db/schema";
import { getEnv } from "@/env";
import { sealConfig } from "@/server/security/connection-config";
import type { Scope } from "./scope";

export type BenchWorkspace = { workspaceId: string; ownerId: string };

/** Not a bcrypt hash, so nobody can sign in as the bench user. */
const NO_PASSWORD = "!bench";

export async function createBenchWorkspace(db: Db, scope: Scope): Promise<BenchWorkspace> {
  const tag = crypto.randomBytes(4).toString("hex");
  const owner = await createUserWithPassword(db, { name: "Bench", email: `bench-${tag}@sluice.invalid`, passwordHash: NO_PASSWORD });
  scope.defer("delete the bench user", () => db.delete(users).where(eq(users.id, owner.id)));
  const workspace = await createWorkspace(db, { name: `Bench ${tag}`, ownerUserId: owner.id, encryptionKey: getEnv().SLUICE_ENCRYPTION_KEY });
  scope.defer("delete the bench workspace", async () => {
    // Syncs first: they restrict deleting their model and destination, which the workspace cascades to.
    await db.delete(syncs).where(eq(syncs.workspaceId, workspace.id));
    await db.delete(workspaces).where(eq(workspaces.id, workspace.id));
  });
  return { workspaceId: workspace.id, ownerId: owner.id };
}

export type BenchSyncParams = {
  name: string;
  source: { type: string; config: unknown };
  table: { schema: string; name: string };
  primaryKey: string;
  columns: ModelColumn[];
  destination: { type: string; config: unknown };
  /** What the destination writes to (a table for table destinations). */
  destinationObject: string;
  mode: SyncMode;
};

/** A source, a table model, a destination and a manual sync mapping every column to a field of the same name. */
export async function createBenchSync(db: Db, workspace: BenchWorkspace, params: BenchSyncParams): Promise<{ syncId: string }> {
  const key = getEnv().SLUICE_ENCRYPTION_KEY;
  const { workspaceId, ownerId } = workspace;
  const source = await createSource(db, { workspaceId, name: `${params.name} source`, type: params.source.type, encryptedConfig: sealConfig(params.source.config, key) });
  const model = await createModel(db, {
    workspaceId,
    sourceId: source.id,
    name: `${params.name} model`,
    description: null,
    queryKind: "table",
    tableSchema: params.table.schema,
    tableName: params.table.name,
    sql: null,
    primaryKey: params.primaryKey,
    columns: params.columns,
    createdByUserId: ownerId,
  });
  const destination = await createDestination(db, {
    workspaceId,
    name: `${params.name} destination`,
    type: params.destination.type,
    encryptedConfig: sealConfig(params.destination.config, key),
  });
  const sync = await createSync(db, {
    workspaceId,
    name: params.name,
    modelId: model.id,
    destinationId: destination.id,
    destinationObject: params.destinationObject,
    mode: params.mode,
    mapping: {
      version: 1,
      identifier: params.primaryKey,
      fields: params.columns.map((column) => ({ source: column.name, destination: column.name, transform: "none" })),
    },
    schedule: { kind: "manual" },
    slaMinutes: 60,
    nextRunAt: null,
    createdByUserId: ownerId,
  });
  return { syncId: sync.id };
}
