/** The fast scan of a DuckDB model (hashing in DuckDB) against `read`, on a DuckDB file in a temp data dir. */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SourceQueryError, type CellValue, type ModelQuery, type Row, type ScanChunk, type ScanOptions } from "@/server/sources/types";
import { expectScanStopsCleanly } from "@/test/source-queries";
import { createDuckdbSource } from "./connector";

let dataDir: string;
const connector = createDuckdbSource({ dataDir: () => dataDir });
const ITEMS: ModelQuery = { kind: "table", schema: "main", table: "items" };
const COLUMNS = ["name", "price", "ratio", "day", "created", "doc", "tags", "active"];
const ROWS = 10_003;

function file() {
  return { database: "file", path: path.join(dataDir, "duckdb", "shop.duckdb") } as const;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "sluice-duckdb-scan-"));
  await mkdir(path.join(dataDir, "duckdb"), { recursive: true });
  const instance = await DuckDBInstance.create(file().path);
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE items AS SELECT * FROM (VALUES
    (9007199254740993::BIGINT, 'apple', 12.50::DECIMAL(10,2), 0.1::DOUBLE, DATE '2026-01-02', TIMESTAMPTZ '2024-01-02 03:04:05.123456+00', '{"n":1}'::JSON, ['a', 'b'], true),
    (2::BIGINT, '', -0.05::DECIMAL(10,2), 'NaN'::DOUBLE, NULL, NULL, NULL, [], false),
    (3::BIGINT, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)) AS t(id, name, price, ratio, day, created, doc, tags, active)`);
  await connection.run(`INSERT INTO items SELECT range + 100, 'bulk ' || range, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM range(${ROWS - 3})`);
  connection.closeSync();
  instance.closeSync();
});

afterAll(async () => {
  await connector.close();
  await rm(dataDir, { recursive: true, force: true });
});

function options(overrides: Partial<ScanOptions> = {}): ScanOptions {
  return { keyColumn: "id", columns: COLUMNS, hashBytes: () => 0n, ...overrides };
}

function scan(query: ModelQuery, scanOptions: ScanOptions): AsyncIterable<ScanChunk> {
  if (!connector.scan) throw new Error("This source has no scan.");
  return connector.scan(file(), query, scanOptions);
}

function keyText(key: CellValue): string {
  return typeof key === "string" ? key : JSON.stringify(key);
}

type Scanned = { fingerprint: bigint; row: Row; scheme: string };

async function scanAll(query: ModelQuery = ITEMS, scanOptions = options()): Promise<Map<string, Scanned>> {
  const rows = new Map<string, Scanned>();
  for await (const chunk of scan(query, scanOptions)) {
    for (let index = 0; index < chunk.size; index++) {
      rows.set(keyText(chunk.key(index)), { fingerprint: chunk.fingerprint(index), row: chunk.row(index), scheme: chunk.scheme });
    }
  }
  return rows;
}

describe("scan", () => {
  it("gives every row's key and, on demand, the row exactly as read gives it", async () => {
    const scanned = await scanAll();
    const read = new Map<string, Row>();
    for await (const chunk of connector.read(file(), ITEMS, { orderBy: "id", chunkSize: 4000 })) for (const row of chunk) read.set(keyText(row.id ?? null), row);
    expect(scanned.size).toBe(ROWS);
    for (const [key, { row }] of scanned) expect(row).toEqual(read.get(key));
    expect(scanned.get("9007199254740993")?.row).toMatchObject({ id: "9007199254740993", price: "12.50", doc: { n: 1 }, tags: ["a", "b"] });
    expect(scanned.get("9007199254740993")?.scheme).toMatch(/^duckdb-hash\/1 v?\d+\.\d+\.\d+.* id:BIGINT,name:VARCHAR,price:DECIMAL\(10,2\)/);
  });

  it("gives different fingerprints to different values of one type, NULL and empty text included", async () => {
    const fingerprintOf = async (value: string) => {
      const scanned = await scanAll({ kind: "sql", sql: `SELECT 1 AS id, ${value} AS v` }, options({ columns: ["v"] }));
      return scanned.get("1")?.fingerprint;
    };
    const texts = await Promise.all(["'a'", "''", "NULL::VARCHAR", "'A'", "'a '"].map(fingerprintOf));
    expect(new Set(texts).size).toBe(5);
    const numbers = await Promise.all(["0::DOUBLE", "NULL::DOUBLE", "-0.5::DOUBLE", "0.5::DOUBLE"].map(fingerprintOf));
    expect(new Set(numbers).size).toBe(4);
    expect(await fingerprintOf("'a'")).toBe(texts[0]);
  });

  it("refuses anything but one SELECT in model SQL", async () => {
    await expect(scanAll({ kind: "sql", sql: "SELECT 1 AS id); DROP TABLE items; SELECT (1" }, options({ columns: [] }))).rejects.toBeInstanceOf(SourceQueryError);
    expect((await scanAll()).size).toBe(ROWS);
  });

  it("releases everything when the consumer stops early, and throws when cancelled", async () => {
    await expectScanStopsCleanly((signal) => scan(ITEMS, options({ signal })), 5);
  });
});
