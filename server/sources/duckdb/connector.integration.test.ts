/**
 * The DuckDB source against real DuckDB files in a temp data dir: a small demo warehouse
 * (scale 0.01: 1,000 customers, 20,000 events) and a database file placed in <dataDir>/duckdb/.
 */
import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoWarehouse } from "@/server/sources/duckdb/demo-warehouse";
import { SourceCancelledError, SourceQueryError, type CellValue, type CheckResult, type ModelQuery } from "@/server/sources/types";
import { demoWarehousePath } from "@/server/worker/jobs/generate-demo-warehouse";
import { createDuckdbSource, DEMO_NOT_READY } from "./connector";

const DEMO = { database: "demo" } as const;
const CUSTOMERS: ModelQuery = { kind: "table", schema: "main", table: "customers" };
const EVENTS: ModelQuery = { kind: "table", schema: "main", table: "events" };
/** Billions of candidate rows, almost none returned: runs for minutes unless interrupted. */
const SLOW_SQL = "select count(*) from range(100000000) a, range(100000) b where a.range + b.range = 7";

let dataDir: string;
let outside: string;
const connector = createDuckdbSource({ dataDir: () => dataDir });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "sluice-duckdb-source-"));
  outside = await mkdtemp(path.join(os.tmpdir(), "sluice-duckdb-outside-"));
  await generateDemoWarehouse(demoWarehousePath(dataDir), { scale: 0.01 });
  await mkdir(path.join(dataDir, "duckdb"), { recursive: true });
  const instance = await DuckDBInstance.create(path.join(dataDir, "duckdb", "shop.duckdb"));
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE items AS SELECT * FROM (VALUES
    (9007199254740993::BIGINT, 12.50::DECIMAL(10,2), '{"tags":["a"]}'::JSON, DATE '2026-01-02', [1, 2]),
    (1::BIGINT, -0.05::DECIMAL(10,2), NULL, NULL, [])) AS t(id, price, doc, day, list)`);
  await connection.run("CREATE VIEW cheap AS SELECT id FROM items WHERE price < 1");
  connection.closeSync();
  instance.closeSync();
  const secret = await DuckDBInstance.create(path.join(outside, "secret.duckdb"));
  secret.closeSync();
  await symlink(path.join(outside, "secret.duckdb"), path.join(dataDir, "duckdb", "link.duckdb"));
});

/** The failure of a check that must fail. */
function failureOf(result: CheckResult): { code: string; message: string } {
  if (result.ok) throw new Error("the check passed");
  return result;
}

/** A BIGINT cell (always a string) as a bigint. */
function bigintOf(value: CellValue | undefined): bigint {
  if (typeof value !== "string") throw new Error(`not a BIGINT string: ${JSON.stringify(value)}`);
  return BigInt(value);
}

afterAll(async () => {
  await connector.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe("check", () => {
  it("opens the demo warehouse", async () => {
    expect(await connector.check(DEMO)).toEqual({ ok: true });
    await expect(connector.warm?.(DEMO)).resolves.toBeUndefined();
  });

  it("says the demo warehouse is still being prepared while its file is missing", async () => {
    const empty = createDuckdbSource({ dataDir: outside });
    expect(await empty.check(DEMO)).toEqual({ ok: false, code: "database_not_found", message: DEMO_NOT_READY });
    await expect(empty.preview(DEMO, CUSTOMERS, { limit: 1 })).rejects.toThrow("still being prepared");
    await expect(empty.warm?.(DEMO)).rejects.toThrow("still being prepared");
    await empty.close();
  });

  it("says when a workspace has no uploads yet", async () => {
    const failure = failureOf(await connector.check({ database: "uploads", workspaceId: "0f0e0d0c-0b0a-4909-8807-060504030201" }));
    expect(failure.code).toBe("database_not_found");
    expect(failure.message).toContain("No files have been uploaded");
  });

  it("refuses a file outside <dataDir>/duckdb/, also through a symbolic link", async () => {
    const outsideFolder = failureOf(await connector.check({ database: "file", path: "/etc/passwd" }));
    expect(outsideFolder.code).toBe("invalid_config");
    expect(outsideFolder.message).toContain(`${path.join(dataDir, "duckdb")}/`);
    expect(await connector.check({ database: "file", path: path.join(dataDir, "duckdb", "link.duckdb") })).toMatchObject({
      ok: false,
      code: "permission_denied",
    });
    expect(await connector.check({ database: "file", path: path.join(dataDir, "duckdb", "missing.duckdb") })).toMatchObject({
      ok: false,
      code: "database_not_found",
    });
  });
});

describe("discover", () => {
  it("lists the demo tables with portable types", async () => {
    const tables = await connector.discover(DEMO);
    expect(tables.map((table) => table.name)).toEqual(["accounts", "customers", "events", "orders", "products"]);
    const customers = tables.find((table) => table.name === "customers");
    expect(customers).toMatchObject({ schema: "main", kind: "table" });
    expect(customers?.columns).toEqual(
      expect.arrayContaining([
        { name: "customer_id", type: "integer", nativeType: "BIGINT" },
        { name: "email", type: "string", nativeType: "VARCHAR" },
        { name: "signup_at", type: "timestamp", nativeType: "TIMESTAMP" },
        { name: "lifetime_value", type: "number", nativeType: "DECIMAL(12,2)" },
        { name: "email_opt_in", type: "boolean", nativeType: "BOOLEAN" },
      ]),
    );
    const events = tables.find((table) => table.name === "events");
    expect(events?.columns.find((column) => column.name === "properties")).toEqual({ name: "properties", type: "json", nativeType: "JSON" });
  });

  it("lists tables and views of a server file", async () => {
    const tables = await connector.discover({ database: "file", path: path.join(dataDir, "duckdb", "shop.duckdb") });
    expect(tables.map((table) => [table.name, table.kind])).toEqual([
      ["cheap", "view"],
      ["items", "table"],
    ]);
  });
});

describe("preview", () => {
  it("returns the first rows of a table with types and the total count", async () => {
    const result = await connector.preview(DEMO, CUSTOMERS, { limit: 10 });
    expect(result.totalRows).toBe(1000);
    expect(result.rows).toHaveLength(10);
    expect(result.columns.find((column) => column.name === "lifetime_value")).toEqual({
      name: "lifetime_value",
      type: "number",
      nativeType: "DECIMAL(12,2)",
    });
    const [first] = result.rows;
    expect(first?.customer_id).toMatch(/^\d+$/);
    expect(first?.lifetime_value).toMatch(/^\d+\.\d{2}$/);
    expect(first?.signup_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(typeof first?.email_opt_in).toBe("boolean");
    expect(typeof first?.churn_score).toBe("number");
  });

  it("types a SQL model's columns from its result and counts all its rows", async () => {
    const sql = "select country, count(*) as n, sum(lifetime_value) as ltv, any_value(signup_at)::date as d\nfrom customers group by country;";
    const result = await connector.preview(DEMO, { kind: "sql", sql }, { limit: 3 });
    expect(result.columns.map((column) => [column.name, column.type])).toEqual([
      ["country", "string"],
      ["n", "integer"],
      ["ltv", "number"],
      ["d", "date"],
    ]);
    expect(result.rows).toHaveLength(3);
    expect(result.totalRows).toBeGreaterThan(3);
    expect(result.rows[0]?.d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("keeps big integers and decimals exact and parses JSON", async () => {
    const result = await connector.preview(
      { database: "file", path: path.join(dataDir, "duckdb", "shop.duckdb") },
      { kind: "table", schema: "main", table: "items" },
      { limit: 10 },
    );
    expect(result.rows).toEqual([
      { id: "9007199254740993", price: "12.50", doc: { tags: ["a"] }, day: "2026-01-02", list: [1, 2] },
      { id: "1", price: "-0.05", doc: null, day: null, list: [] },
    ]);
    expect(result.columns.map((column) => column.type)).toEqual(["integer", "number", "json", "date", "json"]);
  });

  it("reports DuckDB's message and the position in the model's SQL", async () => {
    const sql = "select customer_id,\n  emial\nfrom customers";
    const error = await connector.preview(DEMO, { kind: "sql", sql }, { limit: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceQueryError);
    expect(error).toHaveProperty("position", sql.indexOf("emial") + 1);
    expect(String(error)).toContain('Referenced column "emial" not found');
    expect(String(error)).not.toContain("LINE");
  });

  it("refuses reading server files from model SQL", async () => {
    await expect(connector.preview(DEMO, { kind: "sql", sql: "select * from read_csv('/etc/passwd')" }, { limit: 5 })).rejects.toThrow(
      /Permission Error: Cannot access file "\/etc\/passwd" - file system operations are disabled/,
    );
    await expect(connector.preview(DEMO, { kind: "sql", sql: "select * from '/etc/passwd'" }, { limit: 5 })).rejects.toBeInstanceOf(
      SourceQueryError,
    );
  });

  it("refuses anything but one SELECT, even smuggled past the subquery's parenthesis", async () => {
    const smuggled = "select 1) as x; attach '/tmp/x.duckdb' as x; select * from (select 1";
    await expect(connector.preview(DEMO, { kind: "sql", sql: smuggled }, { limit: 5 })).rejects.toThrow("single SELECT");
    await expect(connector.preview(DEMO, { kind: "sql", sql: "set enable_external_access = true" }, { limit: 5 })).rejects.toBeInstanceOf(
      SourceQueryError,
    );
  });

  it("stops a slow query at its time limit", async () => {
    const started = performance.now();
    await expect(connector.preview(DEMO, { kind: "sql", sql: SLOW_SQL }, { limit: 5, timeoutMs: 300 })).rejects.toThrow(
      new SourceCancelledError("The query ran longer than 0.3 s and was stopped."),
    );
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("stops a slow query when its signal aborts", async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 200);
    await expect(connector.preview(DEMO, { kind: "sql", sql: SLOW_SQL }, { limit: 5, signal: controller.signal })).rejects.toThrow(
      new SourceCancelledError("The query was cancelled."),
    );
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await connector.preview(DEMO, CUSTOMERS, { limit: 1 })).toMatchObject({ totalRows: 1000 });
  });
});

describe("checkKey", () => {
  it("counts rows, duplicated key values and null keys", async () => {
    const sql = "select * from (values (1), (1), (2), (null), (null), (3), (3), (3)) as t(k)";
    expect(await connector.checkKey(DEMO, { kind: "sql", sql }, "k")).toEqual({ rows: 8, duplicateKeys: 2, nullKeys: 2 });
    expect(await connector.checkKey(DEMO, CUSTOMERS, "customer_id")).toEqual({ rows: 1000, duplicateKeys: 0, nullKeys: 0 });
    await expect(connector.checkKey(DEMO, CUSTOMERS, "nope")).rejects.toBeInstanceOf(SourceQueryError);
  });
});

describe("read", () => {
  it("streams every row in key order, in chunks of the requested size", async () => {
    const sizes: number[] = [];
    let previous = -1n;
    for await (const chunk of connector.read(DEMO, EVENTS, { orderBy: "event_id", chunkSize: 1000 })) {
      sizes.push(chunk.length);
      for (const row of chunk) {
        const id = bigintOf(row.event_id);
        expect(id > previous).toBe(true);
        previous = id;
      }
    }
    expect(sizes).toEqual(Array.from({ length: 20 }, () => 1000));
  });

  it("orders a SQL model by the key, nulls last, with a short last chunk", async () => {
    const sql = "select * from (values (3, 'c'), (null, 'n'), (1, 'a'), (2, 'b')) as t(k, v)";
    const chunks = [];
    for await (const chunk of connector.read(DEMO, { kind: "sql", sql }, { orderBy: "k", chunkSize: 3 })) chunks.push(chunk);
    expect(chunks).toEqual([
      [
        { k: 1, v: "a" },
        { k: 2, v: "b" },
        { k: 3, v: "c" },
      ],
      [{ k: null, v: "n" }],
    ]);
  });

  it("releases everything when the consumer stops early", async () => {
    let seen = 0;
    for await (const chunk of connector.read(DEMO, EVENTS, { orderBy: "event_id", chunkSize: 1000 })) {
      seen += chunk.length;
      if (seen >= 3000) break;
    }
    expect(seen).toBe(3000);
    expect(await connector.checkKey(DEMO, EVENTS, "event_id")).toEqual({ rows: 20_000, duplicateKeys: 0, nullKeys: 0 });
  });

  it("throws when cancelled midway instead of ending as if complete", async () => {
    const controller = new AbortController();
    let seen = 0;
    const consume = async () => {
      for await (const chunk of connector.read(DEMO, EVENTS, { orderBy: "event_id", chunkSize: 500, signal: controller.signal })) {
        seen += chunk.length;
        if (seen === 1000) controller.abort();
      }
    };
    await expect(consume()).rejects.toBeInstanceOf(SourceCancelledError);
    expect(seen).toBe(1000);
  });
});

describe("a regenerated demo warehouse", () => {
  it("is picked up after the new file is renamed over the old one", async () => {
    expect((await connector.preview(DEMO, CUSTOMERS, { limit: 1 })).totalRows).toBe(1000);
    await generateDemoWarehouse(demoWarehousePath(dataDir), { scale: 0.002 });
    expect((await connector.preview(DEMO, CUSTOMERS, { limit: 1 })).totalRows).toBe(200);
  });
});
