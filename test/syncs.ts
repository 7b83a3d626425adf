/**
 * A whole sync for integration tests: a real Postgres warehouse (a scratch database with a
 * `customers` table), a table model on it, a destination, and a sync in the test's own
 * workspace. `run()` queues a run and executes it in this process, as a worker would.
 */
import type { Db } from "@/db/client";
import { createDestination } from "@/db/queries/destinations";
import { createModel } from "@/db/queries/models";
import { createSource } from "@/db/queries/sources";
import { createRun, getRunById } from "@/db/queries/sync-runs";
import { createSync, type SyncFields } from "@/db/queries/syncs";
import type { RunTrigger, SyncMapping } from "@/db/schema";
import { getEnv } from "@/env";
import { executeRun, type RunOptions } from "@/server/engine/run";
import { sealConfig } from "@/server/security/connection-config";
import { createScratchDatabase, type ScratchDatabase } from "@/server/sources/postgres/testing";
import type { DuckdbWarehouse } from "./duckdb-warehouse";
import type { MysqlWarehouse } from "./mysql-warehouse";
import { createUser, createWorkspace } from "./factories";

export const CUSTOMER_COLUMNS = [
  { name: "id", type: "integer", nativeType: "int4", samples: [] },
  { name: "email", type: "string", nativeType: "text", samples: [] },
  { name: "name", type: "string", nativeType: "text", samples: [] },
  { name: "ltv", type: "number", nativeType: "numeric", samples: [] },
];

/** The customers model onto a table of the same columns (`customer_id` for `id`), values as they are: for table destinations. */
export const TABLE_MAPPING: SyncMapping = {
  version: 1,
  identifier: "customer_id",
  fields: [
    { source: "id", destination: "customer_id", transform: "none" },
    { source: "email", destination: "email", transform: "none" },
    { source: "name", destination: "name", transform: "none" },
    { source: "ltv", destination: "ltv", transform: "none" },
  ],
};

/** A warehouse with `rows` customers: id 1..rows, email customer<id>@example.com. */
export async function createCustomerWarehouse(rows: number): Promise<ScratchDatabase> {
  const warehouse = await createScratchDatabase();
  await warehouse.sql`CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL, name text, ltv numeric(12,2))`;
  await warehouse.sql`
    INSERT INTO customers SELECT i, 'customer' || i || '@example.com', 'Customer ' || i, (i % 1000) * 1.5 FROM generate_series(1, ${rows}) AS i`;
  return warehouse;
}

/** A Postgres scratch database, a DuckDB file (test/duckdb-warehouse.ts) or a MySQL database (test/mysql-warehouse.ts), with the customers table. */
export type CustomerWarehouse = ScratchDatabase | DuckdbWarehouse | MysqlWarehouse;

function sourceOf(warehouse: CustomerWarehouse): { type: "postgres" | "duckdb" | "mysql"; schema: string } {
  if (!("type" in warehouse)) return { type: "postgres", schema: "public" };
  return warehouse.type === "duckdb" ? { type: "duckdb", schema: "main" } : { type: "mysql", schema: warehouse.name };
}

/** A source on the warehouse and a "Customers" table model on it, in the workspace. */
export async function createCustomersModel(db: Db, params: { workspaceId: string; warehouse: CustomerWarehouse; createdByUserId: string | null }) {
  const { type, schema } = sourceOf(params.warehouse);
  const source = await createSource(db, {
    workspaceId: params.workspaceId,
    name: "Warehouse",
    type,
    encryptedConfig: sealConfig(params.warehouse.config, getEnv().SLUICE_ENCRYPTION_KEY),
  });
  const model = await createModel(db, {
    workspaceId: params.workspaceId,
    sourceId: source.id,
    name: "Customers",
    description: null,
    queryKind: "table",
    tableSchema: schema,
    tableName: "customers",
    sql: null,
    primaryKey: "id",
    columns: CUSTOMER_COLUMNS,
    createdByUserId: params.createdByUserId,
  });
  return { source, model };
}

export type SyncFixture = Awaited<ReturnType<typeof createSyncFixture>>;

export async function createSyncFixture(
  db: Db,
  params: {
    warehouse: CustomerWarehouse;
    destination: { type: string; config: unknown };
    sync?: Partial<SyncFields>;
  },
) {
  const key = getEnv().SLUICE_ENCRYPTION_KEY;
  const owner = await createUser(db);
  const workspace = await createWorkspace(db, { owner });
  const { source, model } = await createCustomersModel(db, { workspaceId: workspace.id, warehouse: params.warehouse, createdByUserId: owner.id });
  const destination = await createDestination(db, {
    workspaceId: workspace.id,
    name: "Destination",
    type: params.destination.type,
    encryptedConfig: sealConfig(params.destination.config, key),
  });
  const sync = await createSync(db, {
    workspaceId: workspace.id,
    name: "Customers to destination",
    modelId: model.id,
    destinationId: destination.id,
    destinationObject: "records",
    mode: "upsert",
    mapping: {
      version: 1,
      identifier: "email",
      fields: [
        { source: "id", destination: "customer_id", transform: "none" },
        { source: "email", destination: "email", transform: "lowercase" },
        { source: "name", destination: "name", transform: "none" },
        { source: "ltv", destination: "ltv", transform: "number" },
      ],
    },
    schedule: { kind: "manual" },
    slaMinutes: 60,
    nextRunAt: null,
    createdByUserId: owner.id,
    ...params.sync,
  });

  /** Queues a run and executes it here; returns the finished run. */
  async function run(trigger: RunTrigger = "manual", options: RunOptions = {}) {
    const queued = await createRun(db, { workspaceId: workspace.id, syncId: sync.id, trigger });
    const result = await executeRun(db, queued.id, { heartbeatMs: 200, ...options });
    const finished = await getRunById(db, queued.id);
    if (!finished) throw new Error("The run vanished");
    return { result, run: finished };
  }

  return { owner, workspace, source, model, destination, sync, run };
}
