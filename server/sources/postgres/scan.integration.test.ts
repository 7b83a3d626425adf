/** The fast scan of a Postgres model (COPY text) against `read`, on the local Postgres, in a database of this file's own. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHasher, type Hasher } from "@/server/engine/fingerprint";
import { expectScanStopsCleanly } from "@/test/source-queries";
import type { CellValue, ModelQuery, Row, ScanChunk, ScanOptions } from "../types";
import { SourceQueryError } from "../types";
import { postgresSource } from "./index";
import { createScratchDatabase, type ScratchDatabase } from "./testing";

let db: ScratchDatabase;
let hasher: Hasher;
const ITEMS: ModelQuery = { kind: "table", schema: "public", table: "items" };
const COLUMNS = ["name", "price", "ratio", "qty", "active", "day", "created", "local_at", "tags", "data", "raw", "feeling", "note"];

beforeAll(async () => {
  hasher = await createHasher();
  db = await createScratchDatabase();
  await db.sql.unsafe(`
    CREATE TYPE mood AS ENUM ('happy', 'sad');
    CREATE TABLE items (
      id bigint PRIMARY KEY, name text, price numeric(10,2), ratio double precision, qty integer, active boolean,
      day date, created timestamptz, local_at timestamp, tags text[], data jsonb, raw bytea, feeling mood, note text
    );
    INSERT INTO items VALUES
      (1, 'apple', 12.50, 0.1, 3, true, '2024-02-29', '2024-01-02 03:04:05.123456+00', '2024-01-02 03:04:05',
        '{red,"big one","a\\\\b"}', '{"n": 1, "big": 12345678901234567890, "s": "tab\\there"}', '\\x0102', 'happy', E'tab\\there, new\\nline, back\\\\slash, cr\\r, bell\\b, ff\\f, vt' || chr(11)),
      (2, '', 99999999.99, 'NaN', -1, false, NULL, NULL, NULL, '{}', '[]', NULL, NULL, 'üñí 💡 \\N'),
      (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    INSERT INTO items (id, name, qty) SELECT g, 'bulk ' || g, g FROM generate_series(100, 25099) g;
  `);
  // Sessions default to +05:30 here; Sluice's connections must still read timestamptz in UTC.
  await db.sql.unsafe(`ALTER DATABASE "${db.name}" SET timezone TO 'Asia/Kolkata'`);
});

afterAll(async () => {
  await postgresSource.close();
  await db.drop();
});

function options(overrides: Partial<ScanOptions> = {}): ScanOptions {
  return { keyColumn: "id", columns: COLUMNS, hashBytes: hasher.hashBytes, ...overrides };
}

function scan(query: ModelQuery, scanOptions: ScanOptions): AsyncIterable<ScanChunk> {
  if (!postgresSource.scan) throw new Error("This source has no scan.");
  return postgresSource.scan(db.config, query, scanOptions);
}

function keyText(key: CellValue): string {
  return typeof key === "string" ? key : JSON.stringify(key);
}

type Scanned = { key: unknown; fingerprint: bigint; row: Row; scheme: string };

async function scanAll(query: ModelQuery = ITEMS, scanOptions = options()): Promise<Map<string, Scanned>> {
  const rows = new Map<string, Scanned>();
  for await (const chunk of scan(query, scanOptions)) {
    for (let index = 0; index < chunk.size; index++) {
      rows.set(keyText(chunk.key(index)), { key: chunk.key(index), fingerprint: chunk.fingerprint(index), row: chunk.row(index), scheme: chunk.scheme });
    }
  }
  return rows;
}

async function readAll(): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();
  for await (const chunk of postgresSource.read(db.config, ITEMS, { orderBy: "id", chunkSize: 5000 })) {
    for (const row of chunk) rows.set(keyText(row.id ?? null), row);
  }
  return rows;
}

function pick(row: Row, names: string[]): Row {
  return Object.fromEntries(names.map((name) => [name, row[name] ?? null]));
}

describe("scan", () => {
  it("gives every row's key and, on demand, the row exactly as read gives it", async () => {
    const [scanned, read] = await Promise.all([scanAll(), readAll()]);
    expect(scanned.size).toBe(25_003);
    expect([...scanned.keys()].sort()).toEqual([...read.keys()].sort());
    for (const [key, { row }] of scanned) expect(row).toEqual(pick(read.get(key) ?? {}, ["id", ...COLUMNS]));
    const first = scanned.get("1");
    expect(first?.key).toBe("1");
    expect(first?.row).toMatchObject({ created: "2024-01-02T03:04:05.123456Z", note: "tab\there, new\nline, back\\slash, cr\r, bell\b, ff\f, vt\v" });
    expect(scanned.get("2")?.row).toMatchObject({ name: "", note: "üñí 💡 \\N" });
    expect(scanned.get("3")?.row.name).toBeNull();
    expect(first?.scheme).toContain("price:numeric");
  });

  it("changes a row's fingerprint when any scanned value changes, NULL and empty text included", async () => {
    const before = await scanAll();
    await db.sql.unsafe(`UPDATE items SET name = NULL WHERE id = 2; UPDATE items SET name = '' WHERE id = 3; UPDATE items SET price = 12.51 WHERE id = 1`);
    const after = await scanAll();
    for (const key of ["1", "2", "3"]) expect(after.get(key)?.fingerprint).not.toBe(before.get(key)?.fingerprint);
    expect(after.get("100")?.fingerprint).toBe(before.get("100")?.fingerprint);
    await db.sql.unsafe(`UPDATE items SET name = '' WHERE id = 2; UPDATE items SET name = NULL WHERE id = 3; UPDATE items SET price = 12.50 WHERE id = 1`);
    const restored = await scanAll();
    for (const key of ["1", "2", "3"]) expect(restored.get(key)?.fingerprint).toBe(before.get(key)?.fingerprint);
  });

  it("reads only the key and the asked columns, from a SQL model too", async () => {
    const scanned = await scanAll({ kind: "sql", sql: "SELECT id, upper(name) AS shout FROM items WHERE id < 10" }, options({ columns: ["shout"] }));
    expect([...scanned.values()].map((entry) => entry.row).sort((a, b) => Number(a.id) - Number(b.id))).toEqual([
      { id: "1", shout: "APPLE" },
      { id: "2", shout: "" },
      { id: "3", shout: null },
    ]);
  });

  it("refuses model SQL that smuggles in a second statement, and reports SQL errors with the warehouse's words", async () => {
    const smuggled = scanAll({ kind: "sql", sql: "SELECT id FROM items) AS m) TO STDOUT; DELETE FROM items; COPY (SELECT 1" }, options({ columns: [] }));
    await expect(smuggled).rejects.toBeInstanceOf(SourceQueryError);
    expect(Number((await db.sql`SELECT count(*)::int AS n FROM items`)[0]?.n)).toBe(25_003);
    await expect(scanAll(ITEMS, options({ columns: ["nope"] }))).rejects.toThrow(/column "nope" does not exist/);
  });

  it("releases its connection when the consumer stops early, and stops when cancelled", async () => {
    await expectScanStopsCleanly((signal) => scan(ITEMS, options({ signal })), 8);
    expect((await scanAll()).size).toBe(25_003);
  });

  it("hashes a key from its bytes exactly when they are its canonical text, and leaves the rest to the engine", async () => {
    const cases: { type: string; values: string; fromBytes: number }[] = [
      { type: "bigint", values: "1, -42, 9007199254740993", fromBytes: 3 },
      { type: "integer", values: "0, -7, 2147483647", fromBytes: 3 },
      { type: "text", values: `'a', 'cust-9', '', NULL, E'tab\\tkey', 'ünï', ' 1'`, fromBytes: 3 },
      { type: "uuid", values: "'550e8400-e29b-41d4-a716-446655440000'", fromBytes: 1 },
      { type: "numeric", values: "1.50, 2", fromBytes: 2 },
      { type: "double precision", values: "1, 2.5", fromBytes: 0 },
      { type: "boolean", values: "true", fromBytes: 0 },
      { type: "timestamptz", values: "'2024-01-02 03:04:05+00'", fromBytes: 0 },
    ];
    for (const { type, values, fromBytes } of cases) {
      const query: ModelQuery = { kind: "sql", sql: `SELECT k AS id FROM unnest(ARRAY[${values}]::${type}[]) AS k` };
      let hashed = 0;
      for await (const chunk of scan(query, options({ columns: [] }))) {
        for (let index = 0; index < chunk.size; index++) {
          const fromChunk = chunk.keyHash?.(index) ?? null;
          if (fromChunk === null) continue;
          hashed++;
          const key = chunk.key(index);
          expect(typeof key === "string" || typeof key === "number" ? hasher.keyHash(key) : null, `${type} ${JSON.stringify(key)}`).toBe(fromChunk);
        }
      }
      expect(hashed, type).toBe(fromBytes);
    }
  });
});
