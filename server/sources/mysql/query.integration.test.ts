/** discover, preview and checkKey against the local MariaDB, in a database of this file's own. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRepeatedCancels, expectStoppedAtTimeLimit } from "@/test/source-queries";
import { type QueryOptions, SourceQueryError } from "../types";
import { mysqlSource } from "./index";
import { createScratchDatabase, type ScratchDatabase, uniqueName } from "./testing";

const reader = uniqueName("sluice_reader");
let db: ScratchDatabase;

beforeAll(async () => {
  db = await createScratchDatabase([reader]);
  await db.sql.query(`
    CREATE TABLE items (
      id bigint PRIMARY KEY, name varchar(40) NOT NULL, price decimal(10,2), ratio double, qty int, flag tinyint(1),
      day date, made datetime(3), stamped timestamp(6) NULL, data json, raw varbinary(8), kind enum('a','b'),
      bits bit(3), big bigint unsigned
    );
    SET time_zone = '+05:00';
    INSERT INTO items VALUES
      (1, 'apple', 12.50, 0.5, 3, 1, '2024-02-29', '2024-01-02 03:04:05.678', '2024-01-02 03:04:05.123456',
        '{"n": 1}', x'0102', 'b', b'101', 18446744073709551615),
      (2, 'pear', 99999999.99, NULL, -1, 0, NULL, NULL, NULL, '[]', NULL, NULL, NULL, NULL),
      (3, 'plum', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    SET time_zone = '+00:00';
    CREATE VIEW expensive AS SELECT id, name FROM items WHERE price > 100;
    CREATE TABLE keyed (k int, label varchar(10));
    INSERT INTO keyed VALUES (1, 'a'), (2, 'b'), (2, 'c'), (3, 'd'), (3, 'e'), (3, 'f'), (NULL, 'g'), (NULL, 'h');
    CREATE FUNCTION wipe() RETURNS int MODIFIES SQL DATA BEGIN DELETE FROM items; RETURN 1; END;
    CREATE TABLE secret (x int);
  `);
  await db.sql.query(`CREATE USER ?@'%'; GRANT SELECT ON \`${db.name}\`.items TO ?@'%'`, [reader, reader]);
});

afterAll(async () => {
  await mysqlSource.close();
  await db.drop();
});

const itemCount = async () => {
  const [rows] = await db.sql.query("SELECT COUNT(*) AS n FROM items");
  return Array.isArray(rows) ? Number(Reflect.get(rows[0] ?? {}, "n")) : NaN;
};

/**
 * SELECTs running on connections to the scratch database (Sluice's, not this check's). A
 * ROLLBACK can still be listed for an instant after the client got its answer; it is not counted.
 */
const runningStatements = async () => {
  const [rows] = await db.sql.query(
    "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND COMMAND = 'Query' AND INFO LIKE '%SELECT%' AND ID <> CONNECTION_ID()",
    [db.name],
  );
  return Array.isArray(rows) ? Number(Reflect.get(rows[0] ?? {}, "n")) : NaN;
};

describe("discover", () => {
  it("lists the tables and views of the database with portable types (MariaDB JSON included)", async () => {
    const tables = await mysqlSource.discover(db.config);
    expect(tables.map((table) => `${table.schema}.${table.name}:${table.kind}`)).toEqual([
      `${db.name}.expensive:view`,
      `${db.name}.items:table`,
      `${db.name}.keyed:table`,
      `${db.name}.secret:table`,
    ]);
    expect(tables.find((table) => table.name === "items")?.columns.map((column) => [column.name, column.type, column.nativeType])).toEqual([
      ["id", "integer", "bigint"],
      ["name", "string", "varchar"],
      ["price", "number", "decimal"],
      ["ratio", "number", "double"],
      ["qty", "integer", "int"],
      ["flag", "integer", "tinyint"],
      ["day", "date", "date"],
      ["made", "timestamp", "datetime"],
      ["stamped", "timestamp", "timestamp"],
      ["data", "json", "json"],
      ["raw", "string", "varbinary"],
      ["kind", "string", "enum"],
      ["bits", "integer", "bit"],
      ["big", "integer", "bigint unsigned"],
    ]);
  });

  it("lists only what the user may see", async () => {
    const tables = await mysqlSource.discover({ ...db.config, user: reader });
    expect(tables.map((table) => table.name)).toEqual(["items"]);
  });
});

describe("preview", () => {
  it("returns the first rows of a table as JSON-safe values, the column types and the total", async () => {
    const result = await mysqlSource.preview(db.config, { kind: "table", schema: db.name, table: "items" }, { limit: 2 });
    expect(result.totalRows).toBe(3);
    expect(result.columns.map((column) => column.type)).toEqual([
      "integer", "string", "number", "number", "integer", "integer", "date", "timestamp", "timestamp", "json", "string", "string", "integer", "integer",
    ]);
    expect(result.rows).toEqual([
      {
        id: "1", name: "apple", price: "12.50", ratio: 0.5, qty: 3, flag: 1, day: "2024-02-29", made: "2024-01-02T03:04:05.678",
        // Written at +05:00, read back in UTC; DATETIME has no zone and is read back as written.
        stamped: "2024-01-01T22:04:05.123456Z", data: { n: 1 }, raw: "AQI=", kind: "b", bits: 5, big: "18446744073709551615",
      },
      {
        id: "2", name: "pear", price: "99999999.99", ratio: null, qty: -1, flag: 0, day: null, made: null,
        stamped: null, data: [], raw: null, kind: null, bits: null, big: null,
      },
    ]);
  });

  it("types the columns of model SQL from the result", async () => {
    const sql = "select id, price * 2 as doubled, made, concat(name, '!') as shout from items order by id;";
    const result = await mysqlSource.preview(db.config, { kind: "sql", sql }, { limit: 1 });
    expect(result.totalRows).toBe(3);
    expect(result.columns.map((column) => [column.name, column.type, column.nativeType])).toEqual([
      ["id", "integer", "bigint"],
      ["doubled", "number", "decimal"],
      ["made", "timestamp", "datetime"],
      ["shout", "string", "varchar"],
    ]);
    expect(result.rows).toEqual([{ id: "1", doubled: "25.00", made: "2024-01-02T03:04:05.678", shout: "apple!" }]);
  });

  it("throws the server's message, with the position of a syntax error in the model SQL", async () => {
    const unknown = await mysqlSource.preview(db.config, { kind: "sql", sql: "select nosuch from items" }, { limit: 5 }).catch((caught: unknown) => caught);
    expect(unknown).toBeInstanceOf(SourceQueryError);
    expect(unknown).toMatchObject({ message: expect.stringContaining("Unknown column 'nosuch'") as unknown, position: undefined });

    const sql = "select id\nfrom items where where id = 1";
    const syntax = await mysqlSource.preview(db.config, { kind: "sql", sql }, { limit: 5 }).catch((caught: unknown) => caught);
    expect(syntax).toBeInstanceOf(SourceQueryError);
    expect(syntax).toMatchObject({ message: expect.stringContaining("You have an error in your SQL syntax") as unknown, position: sql.indexOf("where id") + 1 });
  });

  it("throws the server's refusal when the user may not read the table", async () => {
    const error = await mysqlSource.preview({ ...db.config, user: reader }, { kind: "table", schema: db.name, table: "secret" }, { limit: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceQueryError);
    expect(error).toMatchObject({ message: expect.stringContaining(`SELECT command denied to user '${reader}'`) as unknown });
  });
});

describe("model SQL cannot write", () => {
  it.each([
    // A function that writes is what the READ ONLY transaction is for; the rest cannot even run
    // inside the subquery, or as a second statement (multipleStatements is off).
    ["a writing function", "select wipe()", /Cannot execute statement in a READ ONLY transaction/],
    ["a second statement", "select 1) as x; delete from items; select * from (select 1", /SQL syntax/],
    ["a bare DELETE", "delete from items", /SQL syntax/],
  ])("refuses %s and leaves the data alone", async (_, sql, message) => {
    const error = await mysqlSource.preview(db.config, { kind: "sql", sql }, { limit: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceQueryError);
    expect(error).toMatchObject({ message: expect.stringMatching(message) as unknown });
    expect(await itemCount()).toBe(3);
  });
});

describe("time limits and cancellation", () => {
  const sleeper = { kind: "sql" as const, sql: "SELECT SLEEP(10) AS slept" };

  const previewSleeper = (options: QueryOptions) => mysqlSource.preview(db.config, sleeper, { ...options, limit: 1 });

  it("stops a query at its time limit (MariaDB max_statement_time) and returns the connection", async () => {
    await expectStoppedAtTimeLimit(previewSleeper);
    expect(await runningStatements()).toBe(0);
  });

  it("kills the server query when the signal aborts, again and again, without losing connections", async () => {
    await expectRepeatedCancels(previewSleeper);
    expect(await runningStatements()).toBe(0);
    const after = await mysqlSource.preview(db.config, { kind: "sql", sql: "select 1 as one" }, { limit: 1 });
    expect(after.rows).toEqual([{ one: 1 }]);
  });
});

describe("checkKey", () => {
  it("counts rows, distinct duplicated key values and null keys of a table", async () => {
    await expect(mysqlSource.checkKey(db.config, { kind: "table", schema: db.name, table: "keyed" }, "k")).resolves.toEqual({
      rows: 8,
      duplicateKeys: 2,
      nullKeys: 2,
    });
  });

  it("works over model SQL and finds a unique key unique", async () => {
    const query = { kind: "sql" as const, sql: "select * from keyed where label <> 'c'" };
    await expect(mysqlSource.checkKey(db.config, query, "label")).resolves.toEqual({ rows: 7, duplicateKeys: 0, nullKeys: 0 });
  });
});
