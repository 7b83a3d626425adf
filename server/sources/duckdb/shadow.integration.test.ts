/** DuckDB comparing a scan with the engine's shadow itself (shadow.ts), against the full scan of the same file. */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SourceQueryError, type CellValue, type ModelQuery, type ScanChunk, type ScanOptions, type ScanShadow, type ShadowSettled } from "@/server/sources/types";
import { expectScanStopsCleanly } from "@/test/source-queries";
import { createDuckdbSource } from "./connector";

let dataDir: string;
const connector = createDuckdbSource({ dataDir: () => dataDir });
const ITEMS: ModelQuery = { kind: "table", schema: "main", table: "items" };
const ROWS = 5_000;
const SALT = 0x5a17_0000_0000_1234n;

function file() {
  return { database: "file", path: path.join(dataDir, "duckdb", "shadow.duckdb") } as const;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "sluice-duckdb-shadow-"));
  await mkdir(path.join(dataDir, "duckdb"), { recursive: true });
  const instance = await DuckDBInstance.create(file().path);
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE items AS SELECT range AS id, 'item ' || range AS name, range * 1.5 AS price FROM range(${ROWS})`);
  connection.closeSync();
  instance.closeSync();
});

afterAll(async () => {
  await connector.close();
  await rm(dataDir, { recursive: true, force: true });
});

function scan(query: ModelQuery, overrides: Partial<ScanOptions> = {}): AsyncIterable<ScanChunk> {
  if (!connector.scan) throw new Error("This source has no scan.");
  return connector.scan(file(), query, { keyColumn: "id", columns: ["name", "price"], hashBytes: () => 0n, ...overrides });
}

type Scanned = { key: CellValue; keyHash: bigint; fingerprint: bigint; scheme: string; name: CellValue };

async function collect(chunks: AsyncIterable<ScanChunk>): Promise<{ rows: Scanned[]; settled: ShadowSettled | undefined }> {
  const rows: Scanned[] = [];
  let settled: ShadowSettled | undefined;
  for await (const chunk of chunks) {
    settled ??= chunk.settled;
    for (let index = 0; index < chunk.size; index++) {
      const keyHash = chunk.scanKey?.(index) ?? 0n;
      rows.push({ key: chunk.key(index), keyHash, fingerprint: chunk.fingerprint(index), scheme: chunk.scheme, name: chunk.row(index).name ?? null });
    }
  }
  return { rows, settled };
}

/** A shadow of `rows` as the engine would keep it: row hashes salted, records in the given order. */
function shadowOf(rows: readonly Scanned[], schemes: string[]): ScanShadow & { keyHashes: BigUint64Array; rowHashes: BigUint64Array } {
  return {
    keyHashes: BigUint64Array.from(rows.map((row) => row.keyHash)),
    rowHashes: BigUint64Array.from(rows.map((row) => row.fingerprint ^ SALT)),
    salt: (scheme) => {
      schemes.push(scheme);
      return SALT;
    },
  };
}

describe("shadow scan", () => {
  it("yields exactly the rows the shadow does not vouch for, and the records whose key is gone", async () => {
    const full = await collect(scan(ITEMS));
    expect(full.rows).toHaveLength(ROWS);
    expect(full.settled).toBeUndefined();
    expect(new Set(full.rows.map((row) => row.keyHash)).size).toBe(ROWS);

    const byKey = new Map(full.rows.map((row) => [row.key, row]));
    const records = [...full.rows].sort((a, b) => Number(a.key) - Number(b.key));
    const schemes: string[] = [];
    const shadow = shadowOf(records, schemes);
    // Record 10: another fingerprint; 11: row hash unknown; 12: not in the shadow (key hash 0); 13: a key no row has.
    shadow.rowHashes[10] = (byKey.get("10")?.fingerprint ?? 0n) ^ SALT ^ 1n;
    shadow.rowHashes[11] = 0n;
    shadow.keyHashes[12] = 0n;
    shadow.keyHashes[13] = 0x00de_1e7e_d000_0000n;

    const shadowed = await collect(scan(ITEMS, { shadow }));
    expect(shadowed.rows.map((row) => row.key).sort()).toEqual(["10", "11", "12", "13"]);
    for (const row of shadowed.rows) expect(row).toEqual(byKey.get(row.key));
    expect(schemes).toEqual([full.rows[0]?.scheme]);
    expect(shadowed.settled).toEqual({ rows: ROWS, gone: Uint32Array.from([13]), repeatedKeys: 0, extraRows: 0 });
  });

  it("counts repeated keys over the whole model when unyielded rows repeat one, never empty keys", async () => {
    const firstOfEachKey = (rows: Scanned[]) => rows.filter((row, index) => row.key !== null && row.key !== "" && rows.findIndex((other) => other.key === row.key) === index);
    const repeated: ModelQuery = { kind: "sql", sql: "SELECT * FROM items UNION ALL SELECT * FROM items WHERE id < 40 UNION ALL SELECT * FROM items WHERE id < 3" };
    const full = await collect(scan(repeated));
    const { rows, settled } = await collect(scan(repeated, { shadow: shadowOf(firstOfEachKey(full.rows), []) }));
    expect(rows).toEqual([]);
    expect(settled).toMatchObject({ rows: ROWS + 43, repeatedKeys: 40, extraRows: 43 });

    const texts: ModelQuery = { kind: "sql", sql: "SELECT * FROM (VALUES ('a', 'x'), ('', 'x'), ('', 'y'), (NULL, 'x'), (NULL, 'y'), ('b', 'x'), ('b', 'y')) AS t(id, name)" };
    const textRows = (await collect(scan(texts, { columns: ["name"] }))).rows;
    const textScan = await collect(scan(texts, { columns: ["name"], shadow: shadowOf(firstOfEachKey(textRows), []) }));
    expect(textScan.settled).toMatchObject({ rows: 7, repeatedKeys: 1, extraRows: 1 });
    expect(textScan.rows.map((row) => [row.key, row.name])).toEqual(expect.arrayContaining([["", "x"], ["", "y"], [null, "x"], [null, "y"], ["b", "y"]]));
    expect(textScan.rows).toHaveLength(5);
  });

  it("leaves keys repeated only among the rows it yields to the engine", async () => {
    const twice: ModelQuery = { kind: "sql", sql: "SELECT * FROM items UNION ALL SELECT * FROM items WHERE id = 7" };
    const all = await collect(scan(ITEMS));
    const { rows, settled } = await collect(scan(twice, { shadow: shadowOf(all.rows.filter((row) => row.key !== "7"), []) }));
    expect(rows.map((row) => row.key)).toEqual(["7", "7"]);
    expect(settled).toMatchObject({ rows: ROWS + 1, repeatedKeys: 0, extraRows: 0 });
  });

  it("refuses anything but one SELECT in model SQL", async () => {
    const smuggled: ModelQuery = { kind: "sql", sql: "SELECT 1 AS id, 'a' AS name, 1 AS price); DROP TABLE items; SELECT (1" };
    await expect(collect(scan(smuggled, { shadow: shadowOf([], []) }))).rejects.toBeInstanceOf(SourceQueryError);
    expect((await collect(scan(ITEMS))).rows).toHaveLength(ROWS);
  });

  it("releases everything when the consumer stops early, and throws when cancelled", async () => {
    const full = await collect(scan(ITEMS));
    const shadow = shadowOf(full.rows.slice(0, 100), []);
    await expectScanStopsCleanly((signal) => scan(ITEMS, { signal, shadow }), 2);
  });
});
