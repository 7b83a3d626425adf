/** `read`: a server-side cursor in key order, bounded memory, and connections released early. */
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Row, SourceCancelledError } from "../types";
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

/** Heap in use after a full collection: what is still reachable, not garbage awaiting GC. */
function retainedHeap(): number {
  v8.setFlagsFromString("--expose-gc");
  const gc: unknown = runInNewContext("gc");
  if (typeof gc === "function") Reflect.apply(gc, undefined, []);
  return process.memoryUsage().heapUsed;
}

describe("read", () => {
  it("streams every row in key order in chunks of at most chunkSize, holding one chunk at a time", async () => {
    const baseline = retainedHeap();
    let peak = 0;
    let count = 0;
    let previous = 0;
    let ordered = true;
    const sizes: number[] = [];
    for await (const chunk of postgresSource.read(db.config, big, { orderBy: "id", chunkSize: CHUNK })) {
      sizes.push(chunk.length);
      for (const row of chunk) {
        const id = Number(row.id);
        ordered &&= id === previous + 1;
        previous = id;
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
    for await (const chunk of postgresSource.read(db.config, big, { orderBy: "id", chunkSize: CHUNK })) all.push(...chunk);
    const everything = retainedHeap() - before;
    expect(all).toHaveLength(ROWS);
    expect(peak).toBeLessThan(everything / 5);
  });

  it("reads inside one READ ONLY, REPEATABLE READ transaction", async () => {
    const query = {
      kind: "sql" as const,
      sql: "select 1 as id, current_setting('transaction_isolation') as isolation, current_setting('transaction_read_only') as read_only",
    };
    const chunks: Row[][] = [];
    for await (const chunk of postgresSource.read(db.config, query, { orderBy: "id", chunkSize: CHUNK })) chunks.push(chunk);
    expect(chunks).toEqual([[{ id: 1, isolation: "repeatable read", read_only: "on" }]]);
  });

  it("releases the connection and ends the transaction when the consumer stops early", async () => {
    for (let i = 0; i < 6; i++) {
      for await (const chunk of postgresSource.read(db.config, big, { orderBy: "id", chunkSize: CHUNK })) {
        expect(chunk[0]).toMatchObject({ id: 1 });
        break;
      }
      expect(await busyConnections()).toBe(0);
    }
  });

  it("stops with SourceCancelledError when the signal fires between chunks", async () => {
    const controller = new AbortController();
    let chunks = 0;
    const consume = async () => {
      for await (const chunk of postgresSource.read(db.config, big, { orderBy: "id", chunkSize: CHUNK, signal: controller.signal })) {
        chunks += chunk.length > 0 ? 1 : 0;
        controller.abort();
      }
    };
    await expect(consume()).rejects.toThrow(SourceCancelledError);
    expect(chunks).toBe(1);
    expect(await busyConnections()).toBe(0);
  });

  it("cancels the server query when the signal fires while the server is working", async () => {
    const controller = new AbortController();
    const query = { kind: "sql" as const, sql: "select 1 as id from pg_sleep(10)" };
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const consume = async () => {
      for await (const chunk of postgresSource.read(db.config, query, { orderBy: "id", chunkSize: CHUNK, signal: controller.signal })) {
        expect(chunk).toEqual([]);
      }
    };
    await expect(consume()).rejects.toThrow(SourceCancelledError);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await busyConnections()).toBe(0);
    const after = await postgresSource.preview(db.config, big, { limit: 1 });
    expect(after.totalRows).toBe(ROWS);
  });
});
