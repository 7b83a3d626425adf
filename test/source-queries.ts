/**
 * Assertions for source connectors' queries on a real server. `read`: the rows of a table whose
 * `id` is 1…rows come back in key order, in bounded chunks and bounded memory, and a read stopped
 * early or cancelled ends at once. `preview`: a time limit or a cancel stops a query that would
 * work for seconds. Each takes a function that starts the query, so the connector and its
 * settings stay in the test; what the server must look like afterwards is the test's to check.
 */
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { expect } from "vitest";
import { type QueryOptions, type Row, type ScanChunk, SourceCancelledError } from "@/server/sources/types";

export type StartRead = (signal?: AbortSignal) => AsyncIterable<Row[]>;

/** Heap in use after a full collection: what is still reachable, not garbage awaiting GC. */
export function retainedHeap(): number {
  v8.setFlagsFromString("--expose-gc");
  const gc: unknown = runInNewContext("gc");
  if (typeof gc === "function") Reflect.apply(gc, undefined, []);
  return process.memoryUsage().heapUsed;
}

/**
 * Every row, ids 1…`rows` in order, in chunks of `chunk` rows (the last may be smaller); while
 * reading, the heap holds far less than the same rows kept all at once (the yardstick, read again).
 */
export async function expectOrderedBoundedRead(read: StartRead, expected: { rows: number; chunk: number }): Promise<void> {
  const baseline = retainedHeap();
  let peak = 0;
  let count = 0;
  let previous = 0;
  let ordered = true;
  const sizes: number[] = [];
  for await (const chunk of read()) {
    sizes.push(chunk.length);
    for (const row of chunk) {
      ordered &&= row.id === previous + 1;
      previous = Number(row.id);
    }
    count += chunk.length;
    if (sizes.length % 4 === 1) peak = Math.max(peak, retainedHeap() - baseline);
  }
  expect(count).toBe(expected.rows);
  expect(ordered).toBe(true);
  expect(Math.max(...sizes)).toBe(expected.chunk);
  expect(sizes).toHaveLength(Math.ceil(expected.rows / expected.chunk));

  const all: Row[] = [];
  const before = retainedHeap();
  for await (const chunk of read()) all.push(...chunk);
  const everything = retainedHeap() - before;
  expect(all).toHaveLength(expected.rows);
  expect(peak).toBeLessThan(everything / 5);
}

/** Six reads, each left after its first chunk (which starts at id 1); `expectIdle` after each. */
export async function expectEarlyStops(read: StartRead, expectIdle: () => Promise<void>): Promise<void> {
  for (let i = 0; i < 6; i++) {
    for await (const chunk of read()) {
      expect(chunk[0]).toMatchObject({ id: 1 });
      break;
    }
    await expectIdle();
  }
}

/** The signal fires after the first chunk: the read (or scan) throws SourceCancelledError before a second. */
export async function expectCancelBetweenChunks(read: (signal?: AbortSignal) => AsyncIterable<unknown>): Promise<void> {
  const controller = new AbortController();
  const chunks: unknown[] = [];
  const consume = async () => {
    for await (const chunk of read(controller.signal)) {
      chunks.push(chunk);
      controller.abort();
    }
  };
  await expect(consume()).rejects.toThrow(SourceCancelledError);
  expect(chunks).toHaveLength(1);
}

/** The signal fires 100 ms into a query that works for 10 s: the read throws SourceCancelledError within 5 s, no rows. */
export async function expectCancelWhileWorking(read: StartRead): Promise<void> {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const started = performance.now();
  const consume = async () => {
    for await (const chunk of read(controller.signal)) {
      expect(chunk).toEqual([]);
    }
  };
  await expect(consume()).rejects.toThrow(SourceCancelledError);
  expect(performance.now() - started).toBeLessThan(5_000);
}

/** A query that works for 10 s, under a 300 ms time limit: SourceCancelledError saying so, well within 5 s. */
export async function expectStoppedAtTimeLimit(query: (options: QueryOptions) => Promise<unknown>): Promise<void> {
  const started = performance.now();
  const error = await query({ timeoutMs: 300 }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(SourceCancelledError);
  expect(error).toMatchObject({ message: "The query ran longer than 0.3 s and was stopped." });
  expect(performance.now() - started).toBeLessThan(5_000);
}

/**
 * Six queries that work for 10 s, each cancelled 100 ms in, one after the other: each throws
 * SourceCancelledError. On a pool of five, a connection kept by any of them would block the last.
 */
export async function expectRepeatedCancels(query: (options: QueryOptions) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 6; i++) {
    const controller = new AbortController();
    const pending = query({ signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow(SourceCancelledError);
  }
}

/**
 * A scan stopped by its consumer after the first chunk releases what it holds (run `rounds` times,
 * more than the connector's pool holds), and a scan whose signal aborts midway throws instead of
 * ending as if complete.
 */
export async function expectScanStopsCleanly(scan: (signal?: AbortSignal) => AsyncIterable<ScanChunk>, rounds: number): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for await (const chunk of scan()) {
      expect(chunk.size).toBeGreaterThan(0);
      break;
    }
  }
  await expectCancelBetweenChunks(scan);
}

