/** `read`: one streamed SELECT in key order, bounded memory, and connections released early. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCancelBetweenChunks, expectCancelWhileWorking, expectEarlyStops, expectOrderedBoundedRead } from "@/test/source-queries";
import type { ModelQuery } from "../types";
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

/** Reads `query` (the big table unless given) in chunks of CHUNK, ordered by id. */
const read = (signal?: AbortSignal, query: ModelQuery = big) => mysqlSource.read(db.config, query, { orderBy: "id", chunkSize: CHUNK, signal });

const idle = async () => expect(await busy()).toEqual({ statements: 0, transactions: 0 });

describe("read", () => {
  it("streams every row in key order in chunks of at most chunkSize, holding about one chunk at a time", async () => {
    await expectOrderedBoundedRead(read, { rows: ROWS, chunk: CHUNK });
  });

  it("reads inside a READ ONLY transaction", async () => {
    const consume = async () => {
      for await (const chunk of read(undefined, { kind: "sql", sql: "select wipe() as id" })) {
        expect(chunk).toEqual([]);
      }
    };
    await expect(consume()).rejects.toThrow("Cannot execute statement in a READ ONLY transaction");
    const after = await mysqlSource.preview(db.config, big, { limit: 0 });
    expect(after.totalRows).toBe(ROWS);
  });

  it("kills the statement, ends the transaction and returns the connection when the consumer stops early", async () => {
    await expectEarlyStops(read, idle);
  });

  it("stops with SourceCancelledError when the signal fires between chunks", async () => {
    await expectCancelBetweenChunks(read);
    await idle();
  });

  it("kills the server query when the signal fires while the server is working", async () => {
    await expectCancelWhileWorking((signal) => read(signal, { kind: "sql", sql: "SELECT 1 AS id, SLEEP(10) AS slept" }));
    await idle();
    const after = await mysqlSource.preview(db.config, big, { limit: 1 });
    expect(after.totalRows).toBe(ROWS);
  });
});
