/**
 * Sources and models through the API, against a real Postgres warehouse created for this file
 * (with a login whose password the server really checks: scripts/enable-password-auth.sh) and
 * DuckDB uploads in the test data folder.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sources } from "@/db/schema";
import { getEnv } from "@/env";
import { decryptJson } from "@/server/security/secrets";
import { closeAllSources } from "@/server/sources/registry";
import { useTestDatabase } from "@/test/database";
import { createTeam, type Team } from "@/test/factories";

const db = useTestDatabase();
const admin = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
const tag = crypto.randomBytes(4).toString("hex");
const warehouse = { database: `sluice_it_src_${tag}`, user: `sluice_it_reader_${tag}`, password: `pw-${tag}-right` };

beforeAll(async () => {
  await admin.unsafe(`create database ${warehouse.database}`);
  await admin.unsafe(`create role ${warehouse.user} login password '${warehouse.password}' in role sluice_password_users`);
  const owner = postgres({ host: "127.0.0.1", port: 5432, username: "postgres", database: warehouse.database, max: 1, onnotice: () => {} });
  await owner.unsafe(`
    create table customers (id integer primary key, email text, team integer);
    insert into customers select i, 'c' || i || '@example.com', i % 7 from generate_series(1, 50) i;
    create table orders (order_id integer primary key, customer_id integer, total numeric(10,2));
    insert into orders select i, (i % 50) + 1, i * 1.5 from generate_series(1, 120) i;
    grant select on customers, orders to ${warehouse.user};`);
  await owner.end();
});

afterAll(async () => {
  await closeAllSources();
  await admin.unsafe(`drop database if exists ${warehouse.database} with (force)`);
  await admin.unsafe(`drop role if exists ${warehouse.user}`);
  await admin.end();
});

const pgConfig = (password = warehouse.password) => ({
  host: "127.0.0.1",
  port: 5432,
  database: warehouse.database,
  user: warehouse.user,
  password,
  sslMode: "disable",
});

async function addWarehouse(team: Team) {
  const api = await team.as("editor");
  return api.source.create({ workspaceId: team.workspace.id, name: "Warehouse", type: "postgres", config: pgConfig() });
}

describe("sources", () => {
  it("test connection names a wrong password, and the right one connects", async () => {
    const team = await createTeam(db());
    const api = await team.as("editor");
    const wrong = await api.source.test({ workspaceId: team.workspace.id, type: "postgres", config: pgConfig("nope") });
    expect(wrong).toMatchObject({ ok: false, code: "auth_failed" });
    await expect(api.source.test({ workspaceId: team.workspace.id, type: "postgres", config: pgConfig() })).resolves.toEqual({ ok: true });
  });

  it("stores the password encrypted, never returns it, keeps it when left blank and rotates it when typed", async () => {
    const team = await createTeam(db());
    const api = await team.as("editor");
    const created = await addWarehouse(team);
    const detail = await api.source.get({ workspaceId: team.workspace.id, sourceId: created.id });
    expect(detail.secretsSet).toEqual(["password"]);
    expect(JSON.stringify(detail)).not.toContain(warehouse.password);

    const stored = async () => {
      const [row] = await db().select().from(sources).where(eq(sources.id, created.id));
      expect(row?.encryptedConfig).not.toContain(warehouse.password);
      return decryptJson(row?.encryptedConfig ?? "", getEnv().SLUICE_ENCRYPTION_KEY) as { password: string; host: string };
    };
    await api.source.update({ workspaceId: team.workspace.id, sourceId: created.id, config: { ...pgConfig(""), host: "localhost" } });
    expect(await stored()).toMatchObject({ password: warehouse.password, host: "localhost" });
    await api.source.update({ workspaceId: team.workspace.id, sourceId: created.id, config: pgConfig("rotated-secret") });
    expect((await stored()).password).toBe("rotated-secret");
    const check = await api.source.test({ workspaceId: team.workspace.id, sourceId: created.id });
    expect(check).toMatchObject({ ok: false, code: "auth_failed" });
    const [listed] = (await api.source.list({ workspaceId: team.workspace.id })).filter((source) => source.id === created.id);
    expect(listed?.status).toMatchObject({ state: "failed" });
  });

  it("a viewer cannot add a source; nobody may point a source at Sluice's own DuckDB databases", async () => {
    const team = await createTeam(db());
    const viewer = await team.as("viewer");
    await expect(
      viewer.source.create({ workspaceId: team.workspace.id, name: "X", type: "postgres", config: pgConfig() }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await createTeam(db());
    const owner = await team.as("owner");
    await expect(
      owner.source.create({
        workspaceId: team.workspace.id,
        name: "Peek",
        type: "duckdb",
        config: { database: "uploads", workspaceId: other.workspace.id },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("managed by Sluice") as string });
  });
});

describe("models", () => {
  it("preview a SQL model, refuse a key with duplicates, save with a unique key, columns with samples", async () => {
    const team = await createTeam(db());
    const api = await team.as("editor");
    const source = await addWarehouse(team);
    const workspaceId = team.workspace.id;
    const query = { kind: "sql" as const, sql: "select id, email, team from customers" };

    const preview = await api.model.preview({ workspaceId, sourceId: source.id, query });
    expect(preview.totalRows).toBe(50);
    expect(preview.columns.map((column) => [column.name, column.type])).toEqual([["id", "integer"], ["email", "string"], ["team", "integer"]]);

    const teamKey = await api.model.checkKey({ workspaceId, sourceId: source.id, query, primaryKey: "team" });
    expect(teamKey).toMatchObject({ rows: 50, duplicateKeys: 7, nullKeys: 0, problem: "team is not a unique key: 7 values appear more than once." });
    await expect(
      api.model.create({ workspaceId, sourceId: source.id, name: "Customers", description: null, query, primaryKey: "team" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("7 values appear more than once") as string });

    const model = await api.model.create({ workspaceId, sourceId: source.id, name: "Customers", description: null, query, primaryKey: "id" });
    expect(model.columns.find((column) => column.name === "email")?.samples).toEqual(["c1@example.com", "c2@example.com", "c3@example.com"]);
    const viewer = await team.as("viewer");
    await expect(viewer.model.get({ workspaceId, modelId: model.id })).resolves.toMatchObject({ name: "Customers", primaryKey: "id" });
    await expect(viewer.model.preview({ workspaceId, sourceId: source.id, query })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a broken query keeps the warehouse's message and where it failed; unknown tables are refused", async () => {
    const team = await createTeam(db());
    const api = await team.as("editor");
    const source = await addWarehouse(team);
    const sql = "select id,\n  emial from customers";
    const attempt = api.model.preview({ workspaceId: team.workspace.id, sourceId: source.id, query: { kind: "sql", sql } });
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("emial") as string });
    // The position travels on the error's cause (and to browsers as data.queryErrorPosition).
    await expect(attempt).rejects.toMatchObject({ cause: { position: sql.indexOf("emial") + 1 } });

    await expect(
      api.model.preview({ workspaceId: team.workspace.id, sourceId: source.id, query: { kind: "table", schema: "public", table: "nope" } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "There is no table or view named public.nope in Warehouse." });
  });

  it("relations join models of one source, one to many", async () => {
    const team = await createTeam(db());
    const api = await team.as("editor");
    const workspaceId = team.workspace.id;
    const source = await addWarehouse(team);
    const table = (name: string) => ({ kind: "table" as const, schema: "public", table: name });
    const customers = await api.model.create({ workspaceId, sourceId: source.id, name: "Customers", description: null, query: table("customers"), primaryKey: "id" });
    const orders = await api.model.create({ workspaceId, sourceId: source.id, name: "Orders", description: null, query: table("orders"), primaryKey: "order_id" });
    const relation = await api.modelRelation.create({ workspaceId, parentModelId: customers.id, parentColumn: "id", childModelId: orders.id, childColumn: "customer_id" });
    await expect(api.modelRelation.list({ workspaceId, modelId: orders.id })).resolves.toEqual([relation]);
    await expect(
      api.modelRelation.create({ workspaceId, parentModelId: customers.id, parentColumn: "id", childModelId: orders.id, childColumn: "nope" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: 'Orders has no column "nope". Refresh its columns if it changed.' });
    await api.modelRelation.delete({ workspaceId, relationId: relation.id });
    await expect(api.modelRelation.list({ workspaceId })).resolves.toEqual([]);
  });

  it("an uploaded CSV becomes a table that can be modelled", async () => {
    const team = await createTeam(db());
    const api = await team.as("editor");
    const workspaceId = team.workspace.id;
    const csv = "lead_id,email\n1,a@example.com\n2,b@example.com\n3,c@example.com\n";
    const uploaded = await api.model.upload({ workspaceId, fileName: "Leads 2026.csv", format: "csv", contentBase64: Buffer.from(csv).toString("base64") });
    expect(uploaded).toMatchObject({ rows: 3 });
    const tables = await api.source.discover({ workspaceId, sourceId: uploaded.sourceId });
    const found = tables.find((candidate) => candidate.name === uploaded.table);
    expect(found?.columns.map((column) => column.name)).toEqual(["lead_id", "email"]);
    const model = await api.model.create({
      workspaceId,
      sourceId: uploaded.sourceId,
      name: "Leads",
      description: null,
      query: { kind: "table", schema: found?.schema ?? null, table: uploaded.table },
      primaryKey: "lead_id",
    });
    expect(model.columns).toHaveLength(2);
    const bad = "id,name,amount\n1,Ann,1.5\n2,Bob,2\n3,Cy,3,extra\n4,Di,4\n";
    await expect(
      api.model.upload({ workspaceId, fileName: "bad.csv", format: "csv", contentBase64: Buffer.from(bad).toString("base64") }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Line 4 of bad.csv has 4 columns, expected 3 (as in the header)." });
  });
});
