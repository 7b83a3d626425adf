/** `read`: one streamed SELECT in key order, bounded memory, and connections released early. */
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Row, SourceCancelledError } from "../types";
import { mysqlSource } from "./index";
import { createScratchDatabase, type ScratchDatabase } from "./testing";

const ROWS = 100_000;
const CHUNK = 5_000;
let db: ScratchDatabase;
let big: { kind: "table"; schema: string; table: string };

beforeAll(async () => {
  db = await createScratchDatabase();
  big = { kind: "table", schema: db.name, table: "big" };
  // Five digit tables make 1..100000; inserted in random order so only ORDER BY sorts them.
  await db.sql.query(`
    CREATE TABLE big (id int NOT NULL PRIMARY KEY, payload varchar(200) NOT NULL);
    INSERT INTO big
    WITH d AS (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
               UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9),
         ids AS (SELECT 1 + a.n + 10 * b.n + 100 * c.n + 1000 * e.n + 10000 * f.n AS id
                 FROM d a, d b, d c, d e, d f)
    SELECT id, REPEAT(MD5(id), 4) FROM ids ORDER BY RAND();
    CREATE FUNCTION wipe() RETURNS int MODIFIES SQL DATA BEGIN DELETE FROM big; RETURN 1; END;
  `);
});

afterAll(async () => {
  await mysqlSource.close();
  await db.drop();
});

/**
 * SELECTs running, and transactions open, on connections to the scratch database. (A ROLLBACK
 * can still be listed for an instant after the client got its answer; it is not counted.)
 */
async function busy(): Promise<{ statements: number; transactions: number }> {
  const [rows] = await db.sql.query(
    `SELECT
       (SELECT COUNT(*) FROM information_schema.PROCESSLIST
         WHERE DB = ? AND COMMAND = 'Query' AND INFO LIKE '%SELECT%' AND ID <> CONNECTION_ID()) AS statements,
       (SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
         WHERE p.DB = ? AND p.ID <> CONNECTION_ID()) AS transactions`,
    [db.name, db.name],
  );
  const row: object = Array.isArray(rows) && typeof rows[0] === "object" && rows[0] !== null ? rows[0] : {};
  return { statements: Number(Reflect.get(row, "statements")), transactions: Number(Reflect.get(row, "transactions")) };
}

/** Heap in use after a full collection: what is still reachable, not garbage awaiting GC. */
function retainedHeap(): number {
  v8.setFlagsFromString("--expose-gc");
  const gc: unknown = runInNewContext("gc");
  if (typeof gc === "function") Reflect.apply(gc, undefined, []);
  return process.memoryUsage().heapUsed;
}

describe("read", () => {
  it("streams every row in key order in chunks of at most chunkSize, holding about one chunk at a time", async () => {
    const baseline = retainedHeap();
    let peak = 0;
    let count = 0;
    let previous = 0;
    let ordered = true;
    const sizes: number[] = [];
    for await (const chunk of mysqlSource.read(db.config, big, { orderBy: "id", chunkSize: CHUNK })) {
      sizes.push(chunk.length);
      for (const row of chunk) {
        ordered &&= row.id === previous + 1;
        previous = Number(row.id);
      }
      count += chunk.length;
      if (sizes.length % 4 === 1) peak = Math.max(peak, retainedHeap() - baseline);
    }
    expect(count).toBe(ROWS);
    expect(ordered).toBe(true);
    expect(Math.max(...sizes)).toBe(CHUNK);
    expect(sizes).toHaveLength(ROWS / CHUNK);

    // The yardstick: the same rows kept in memory all at once.
    const all: Row[] = [];
    const before = retainedHeap();
    for await (const chunk of mysqlSource.read(db.config, big, { orderBy: "id", chunkSize: CHUNK })) all.push(...chunk);
    const everything = retainedHeap() - before;
    expect(all).toHaveLength(ROWS);
    expect(peak).toBeLessThan(everything / 5);
  });

  it("reads inside a READ ONLY transaction", async () => {
    const consume = async () => {
      for await (const chunk of mysqlSource.read(db.config, { kind: "sql", sql: "select wipe() as id" }, { orderBy: "id", chunkSize: CHUNK })) {
        expect(chunk).toEqual([]);
      }
    };
    await expect(consume()).rejects.toThrow("Cannot execute statement in a READ ONLY transaction");
    const after = await mysqlSource.preview(db.config, big, { limit: 0 });
    expect(after.totalRows).toBe(ROWS);
  });

  it("kills the statement, ends the transaction and returns the connection when the consumer stops early", async () => {
    for (let i = 0; i < 6; i++) {
      for await (const chunk of mysqlSource.read(db.config, big, { orderBy: "id", chunkSize: CHUNK })) {
        expect(chunk[0]).toMatchObject({ id: 1 });
        break;
      }
      expect(await busy()).toEqual({ statements: 0, transactions: 0 });
    }
  });

  it("stops with SourceCancelledError when the signal fires between chunks", async () => {
    const controller = new AbortController();
    let chunks = 0;
    const consume = async () => {
      for await (const chunk of mysqlSource.read(db.config, big, { orderBy: "id", chunkSize: CHUNK, signal: controller.signal })) {
        chunks += chunk.length > 0 ? 1 : 0;
        controller.abort();
      }
    };
    await expect(consume()).rejects.toThrow(SourceCancelledError);
    expect(chunks).toBe(1);
    expect(await busy()).toEqual({ statements: 0, transactions: 0 });
  });

  it("kills the server query when the signal fires while the server is working", async () => {
    const controller = new AbortController();
    const query = { kind: "sql" as const, sql: "SELECT 1 AS id, SLEEP(10) AS slept" };
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const consume = async () => {
      for await (const chunk of mysqlSource.read(db.config, query, { orderBy: "id", chunkSize: CHUNK, signal: controller.signal })) {
        expect(chunk).toEqual([]);
      }
    };
    await expect(consume()).rejects.toThrow(SourceCancelledError);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await busy()).toEqual({ statements: 0, transactions: 0 });
    const after = await mysqlSource.preview(db.config, big, { limit: 1 });
    expect(after.totalRows).toBe(ROWS);
  });
});
