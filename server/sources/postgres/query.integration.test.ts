/** discover, preview and checkKey against the local Postgres, in a database of this file's own. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRepeatedCancels, expectStoppedAtTimeLimit } from "@/test/source-queries";
import { type QueryOptions, SourceCancelledError, SourceQueryError } from "../types";
import { postgresSource } from "./index";
import { createScratchDatabase, type ScratchDatabase, uniqueName } from "./testing";

const noSelect = uniqueName("sluice_noselect");
let db: ScratchDatabase;

beforeAll(async () => {
  db = await createScratchDatabase([noSelect]);
  await db.sql.unsafe(`
    CREATE TYPE mood AS ENUM ('happy', 'sad');
    CREATE TABLE items (
      id bigserial PRIMARY KEY, name text NOT NULL, price numeric(10,2), ratio double precision, qty integer,
      active boolean, day date, created timestamptz, local_at timestamp, tags text[], data jsonb, raw bytea, feeling mood
    );
    INSERT INTO items (name, price, ratio, qty, active, day, created, local_at, tags, data, raw, feeling) VALUES
      ('apple', 12.50, 0.5, 3, true, '2024-02-29', '2024-01-02 03:04:05.123456+00', '2024-01-02 03:04:05',
        '{red,"big one"}', '{"n": 1, "big": 12345678901234567890}', '\\x0102', 'happy'),
      ('pear', 99999999.99, 'NaN', -1, false, NULL, NULL, NULL, '{}', '[]', NULL, NULL),
      ('plum', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    CREATE VIEW expensive AS SELECT id, name FROM items WHERE price > 100;
    CREATE SCHEMA other;
    CREATE TABLE other.hidden (x int);
    CREATE TABLE keys (k int, label text);
    INSERT INTO keys VALUES (1, 'a'), (2, 'b'), (2, 'c'), (3, 'd'), (3, 'e'), (3, 'f'), (NULL, 'g'), (NULL, 'h');
    CREATE FUNCTION wipe() RETURNS int LANGUAGE sql AS 'DELETE FROM items; SELECT 1';
    CREATE TABLE secret (x int);
  `);
  await db.sql.unsafe(`CREATE ROLE "${noSelect}" LOGIN; GRANT CONNECT ON DATABASE "${db.name}" TO "${noSelect}"`);
  // Sessions default to +05:30 here; Sluice's connections must still read timestamptz in UTC.
  await db.sql.unsafe(`ALTER DATABASE "${db.name}" SET timezone TO 'Asia/Kolkata'`);
});

afterAll(async () => {
  await postgresSource.close();
  await db.drop();
});

const itemCount = async () => Number((await db.sql`SELECT count(*)::int AS n FROM items`)[0]?.n);

describe("discover", () => {
  it("lists tables and views of every non-system schema with portable column types", async () => {
    const tables = await postgresSource.discover(db.config);
    expect(tables.map((table) => `${table.schema}.${table.name}:${table.kind}`)).toEqual([
      "other.hidden:table",
      "public.expensive:view",
      "public.items:table",
      "public.keys:table",
      "public.secret:table",
    ]);
    const items = tables.find((table) => table.name === "items");
    expect(items?.columns.map((column) => [column.name, column.type, column.nativeType])).toEqual([
      ["id", "integer", "bigint"],
      ["name", "string", "text"],
      ["price", "number", "numeric"],
      ["ratio", "number", "double precision"],
      ["qty", "integer", "integer"],
      ["active", "boolean", "boolean"],
      ["day", "date", "date"],
      ["created", "timestamp", "timestamp with time zone"],
      ["local_at", "timestamp", "timestamp without time zone"],
      ["tags", "json", "text[]"],
      ["data", "json", "jsonb"],
      ["raw", "string", "bytea"],
      ["feeling", "string", "mood"],
    ]);
  });

  it("keeps to the schemas of the filter", async () => {
    const tables = await postgresSource.discover({ ...db.config, schemas: "other" });
    expect(tables.map((table) => table.name)).toEqual(["hidden"]);
  });
});

describe("preview", () => {
  it("returns the first rows of a table as JSON-safe values, the column types and the total", async () => {
    const result = await postgresSource.preview(db.config, { kind: "table", schema: "public", table: "items" }, { limit: 2 });
    expect(result.totalRows).toBe(3);
    expect(result.columns.find((column) => column.name === "feeling")).toEqual({ name: "feeling", type: "string", nativeType: "mood" });
    expect(result.columns.find((column) => column.name === "created")?.type).toBe("timestamp");
    expect(result.rows).toEqual([
      {
        id: "1", name: "apple", price: "12.50", ratio: 0.5, qty: 3, active: true, day: "2024-02-29",
        created: "2024-01-02T03:04:05.123456Z", local_at: "2024-01-02T03:04:05", tags: ["red", "big one"],
        // Numbers inside json are JavaScript numbers: a 20-digit integer loses precision.
        data: { n: 1, big: Number("12345678901234567890") }, raw: "AQI=", feeling: "happy",
      },
      {
        id: "2", name: "pear", price: "99999999.99", ratio: "NaN", qty: -1, active: false, day: null,
        created: null, local_at: null, tags: [], data: [], raw: null, feeling: null,
      },
    ]);
  });

  it("types the columns of model SQL from the result", async () => {
    const sql = `
      select id, price * 2 as doubled, created at time zone 'UTC' as utc, array[qty] as qtys, feeling
      from items order by id;`;
    const result = await postgresSource.preview(db.config, { kind: "sql", sql }, { limit: 1 });
    expect(result.totalRows).toBe(3);
    expect(result.columns.map((column) => [column.name, column.type, column.nativeType])).toEqual([
      ["id", "integer", "bigint"],
      ["doubled", "number", "numeric"],
      ["utc", "timestamp", "timestamp without time zone"],
      ["qtys", "json", "integer[]"],
      ["feeling", "string", "mood"],
    ]);
    expect(result.rows).toEqual([{ id: "1", doubled: "25.00", utc: "2024-01-02T03:04:05.123456", qtys: [3], feeling: "happy" }]);
  });

  it("throws the server's message and the position in the model SQL", async () => {
    const sql = "select id,\n  nosuch from items";
    const error = await postgresSource.preview(db.config, { kind: "sql", sql }, { limit: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceQueryError);
    expect(error).toMatchObject({ message: 'column "nosuch" does not exist', position: sql.indexOf("nosuch") + 1 });
  });

  it("throws the server's refusal when the user may not read the table", async () => {
    const config = { ...db.config, user: noSelect };
    const error = await postgresSource.preview(config, { kind: "table", schema: "public", table: "secret" }, { limit: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceQueryError);
    expect(error).toMatchObject({ message: "permission denied for table secret" });
  });
});

describe("model SQL cannot write", () => {
  it.each([
    // Functions and sequences are what the READ ONLY transaction is for; the rest cannot even
    // run inside the subquery, or as a second statement of the extended protocol.
    ["a writing function", "select wipe()", /cannot execute DELETE in a read-only transaction/],
    ["a sequence", "select nextval('items_id_seq')", /nextval\(\) in a read-only transaction/],
    ["a second statement", "select 1) as x; commit; delete from items; select * from (select 1", /multiple commands/],
    ["a bare DELETE", "delete from items", /syntax error/],
    ["a data-modifying CTE", "with gone as (delete from items returning *) select * from gone", /must be at the top level/],
  ])("refuses %s and leaves the data alone", async (_, sql, message) => {
    const error = await postgresSource.preview(db.config, { kind: "sql", sql }, { limit: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceQueryError);
    expect(error).toMatchObject({ message: expect.stringMatching(message) as unknown });
    expect(await itemCount()).toBe(3);
  });
});

describe("time limits and cancellation", () => {
  const sleeper = { kind: "sql" as const, sql: "select pg_sleep(10) as slept" };
  /** Connections of the scratch database running a query or holding a transaction open. */
  const running = async () =>
    Number(
      (await db.sql`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = ${db.name} AND pid <> pg_backend_pid() AND state <> 'idle'`)[0]?.n,
    );

  const previewSleeper = (options: QueryOptions) => postgresSource.preview(db.config, sleeper, { ...options, limit: 1 });

  it("stops a query at its time limit and returns the connection", async () => {
    await expectStoppedAtTimeLimit(previewSleeper);
    expect(await running()).toBe(0);
  });

  it("cancels the server query when the signal aborts, again and again, without losing connections", async () => {
    await expectRepeatedCancels(previewSleeper);
    expect(await running()).toBe(0);
    const after = await postgresSource.preview(db.config, { kind: "sql", sql: "select 1 as one" }, { limit: 1 });
    expect(after.rows).toEqual([{ one: 1 }]);
  });

  it("does not start when the signal has already fired", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(postgresSource.preview(db.config, sleeper, { limit: 1, signal: controller.signal })).rejects.toThrow(SourceCancelledError);
  });
});

describe("checkKey", () => {
  it("counts rows, distinct duplicated key values and null keys of a table", async () => {
    await expect(postgresSource.checkKey(db.config, { kind: "table", schema: "public", table: "keys" }, "k")).resolves.toEqual({
      rows: 8,
      duplicateKeys: 2,
      nullKeys: 2,
    });
  });

  it("works over model SQL and finds a unique key unique", async () => {
    const query = { kind: "sql" as const, sql: "select * from keys where label <> 'c'" };
    await expect(postgresSource.checkKey(db.config, query, "label")).resolves.toEqual({ rows: 7, duplicateKeys: 0, nullKeys: 0 });
  });

  it("throws the server's message for an unknown key column, without a position in the model", async () => {
    const error = await postgresSource.checkKey(db.config, { kind: "table", schema: "public", table: "keys" }, "nope").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceQueryError);
    expect(error).toMatchObject({ message: 'column "nope" does not exist', position: undefined });
  });
});
