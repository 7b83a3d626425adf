/** `read`: a server-side cursor in key order, bounded memory, and connections released early. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCancelBetweenChunks, expectCancelWhileWorking, expectEarlyStops, expectOrderedBoundedRead } from "@/test/source-queries";
import type { ModelQuery, Row } from "../types";
import { postgresSource } from "./index";
import { createScratchDatabase, type ScratchDatabase } from "./testing";

const ROWS = 100_000;
const CHUNK = 5_000;
const big = { kind: "table" as const, schema: "public", table: "big" };
let db: ScratchDatabase;

beforeAll(async () => {
  db = await createScratchDatabase();
  // Inserted in random order so that only ORDER BY can hand the rows back sorted.
  await db.sql.unsafe(`
    CREATE TABLE big (id int NOT NULL, payload text NOT NULL);
    INSERT INTO big SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, ${ROWS}) g ORDER BY random();
    ALTER TABLE big ADD PRIMARY KEY (id);
  `);
});

afterAll(async () => {
  await postgresSource.close();
  await db.drop();
});

/** Connections of the scratch database that are doing something (a query, an open transaction). */
async function busyConnections(): Promise<number> {
  const [row] = await db.sql`SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = ${db.name} AND pid <> pg_backend_pid() AND state <> 'idle'`;
  return Number(row?.n);
}

/** Reads `query` (the big table unless given) in chunks of CHUNK, ordered by id. */
const read = (signal?: AbortSignal, query: ModelQuery = big) => postgresSource.read(db.config, query, { orderBy: "id", chunkSize: CHUNK, signal });

describe("read", () => {
  it("streams every row in key order in chunks of at most chunkSize, holding one chunk at a time", async () => {
    await expectOrderedBoundedRead(read, { rows: ROWS, chunk: CHUNK });
  });

  it("reads inside one READ ONLY, REPEATABLE READ transaction", async () => {
    const query = {
      kind: "sql" as const,
      sql: "select 1 as id, current_setting('transaction_isolation') as isolation, current_setting('transaction_read_only') as read_only",
    };
    const chunks: Row[][] = [];
    for await (const chunk of read(undefined, query)) chunks.push(chunk);
    expect(chunks).toEqual([[{ id: 1, isolation: "repeatable read", read_only: "on" }]]);
  });

  it("releases the connection and ends the transaction when the consumer stops early", async () => {
    await expectEarlyStops(read, async () => expect(await busyConnections()).toBe(0));
  });

  it("stops with SourceCancelledError when the signal fires between chunks", async () => {
    await expectCancelBetweenChunks(read);
    expect(await busyConnections()).toBe(0);
  });

  it("cancels the server query when the signal fires while the server is working", async () => {
    await expectCancelWhileWorking((signal) => read(signal, { kind: "sql", sql: "select 1 as id from pg_sleep(10)" }));
    expect(await busyConnections()).toBe(0);
    const after = await postgresSource.preview(db.config, big, { limit: 1 });
    expect(after.totalRows).toBe(ROWS);
  });
});
