/**
 * A DuckDB scan that compares rows with the engine's shadow (`ScanShadow`) inside DuckDB: the
 * state's key hashes and row hashes go into a temporary table straight from their typed arrays,
 * and one FULL JOIN with the model yields only the rows whose key the shadow lacks or whose
 * fingerprint differs, and the shadow records whose key is gone. The engine reads ~1% of the rows
 * of an incremental run instead of all of them.
 *
 * Repeated keys among unchanged rows never reach the engine, so they are found by counting: when
 * more model rows matched a shadow record than there are records still present, some key repeats,
 * and a GROUP BY over the model's keys counts how often (only then: it costs half the join).
 *
 * The temporary table lives on the scan's own connection and goes with it; the instance stays
 * read-only (temporary tables are not part of the database file).
 */
import duckdb from "@duckdb/node-bindings";
import { DuckDBDataChunk, DuckDBTypeId, UBIGINT, type DuckDBConnection, type DuckDBPreparedStatement } from "@duckdb/node-api";

import type { ModelQuery, ScanChunk, ScanOptions, ScanShadow, ShadowSettled } from "@/server/sources/types";
import { duckdbDialect as dialect } from "./dialect";
import type { Lease } from "./instances";
import { prepareSelect, type ModelSource, type QueryGuard } from "./query";
import { DuckdbScanChunk, scanStatement, schemeOf } from "./scan";
import { streamSelect } from "./stream";

const TABLE = "sluice_shadow";
/** Rows per appended chunk: DuckDB's vector size. */
const BATCH = 2048;
/** The join's columns before the scan's own: the shadow record. */
const SKIP = 1;

export function shadowScanStatement(query: ModelQuery, options: Pick<ScanOptions, "keyColumn" | "columns">): string {
  return `SELECT s.record AS sluice_shadow_record, m.* FROM (${scanStatement(query, options)}) AS m
FULL JOIN (SELECT rowid AS record, key_hash, row_hash FROM temp.${TABLE} WHERE key_hash <> 0) AS s ON s.key_hash = m.sluice_key_hash
WHERE m.sluice_key_hash IS NULL OR s.row_hash IS NULL OR s.row_hash = 0 OR xor(s.row_hash, $1::UBIGINT) <> m.sluice_fingerprint`;
}

/** One row: the model's rows and the shadow's records. */
export function countsStatement(query: ModelQuery): string {
  return `SELECT (SELECT count(*) FROM ${dialect.relation(query)}) AS row_count, (SELECT count(*) FROM temp.${TABLE} WHERE key_hash <> 0) AS records`;
}

/** One row: non-empty key values that occur more than once, and the rows beyond the first of each. */
export function repeatedKeysStatement(query: ModelQuery, keyColumn: string, textKey: boolean): string {
  const key = dialect.quoteIdentifier(keyColumn);
  const empty = textKey ? `${key} IS NULL OR ${key} = ''` : `${key} IS NULL`;
  return `SELECT count(*) FILTER (WHERE n > 1 AND key_hash IS NOT NULL) AS repeated_keys,
  coalesce(sum(n - 1) FILTER (WHERE n > 1 AND key_hash IS NOT NULL), 0) AS extra_rows
FROM (SELECT key_hash, count(*) AS n FROM (SELECT CASE WHEN ${empty} THEN NULL ELSE hash(${key}) END AS key_hash FROM ${dialect.relation(query)}) GROUP BY key_hash)`;
}

export async function* shadowScan(
  lease: () => Promise<Lease>,
  query: ModelQuery,
  model: ModelSource,
  options: ScanOptions & { shadow: ScanShadow },
): AsyncGenerator<ScanChunk, void, undefined> {
  let prepared: { scheme: string; rows: number; records: number; textKey: boolean } | undefined;
  const prepare = async (connection: DuckDBConnection, guard: QueryGuard, sql: string): Promise<DuckDBPreparedStatement> => {
    await guard.run(() => connection.run(`CREATE TEMP TABLE ${TABLE} (key_hash UBIGINT, row_hash UBIGINT)`));
    const statement = await prepareSelect(connection, guard, sql, model);
    try {
      const names = Array.from({ length: statement.columnCount }, (_, column) => statement.columnName(column));
      const types = Array.from({ length: statement.columnCount }, (_, column) => statement.columnType(column));
      const scheme = schemeOf(names.slice(SKIP), types.slice(SKIP));
      statement.bindUBigInt(1, options.shadow.salt(scheme));
      await fill(connection, options.shadow);
      const [rows = 0, records = 0] = await selectCounts(connection, guard, countsStatement(query), model);
      prepared = { scheme, rows, records, textKey: types[SKIP + 2]?.typeId === DuckDBTypeId.VARCHAR };
      return statement;
    } catch (error) {
      statement.destroySync();
      throw error;
    }
  };
  const gone: number[] = [];
  /** Yielded rows no shadow record matched. */
  let unmatched = 0;
  const stream = streamSelect(lease, shadowScanStatement(query, options), model, options, prepare);
  for await (const { chunk, names, types } of stream) {
    const records = chunk.getColumnVector(0);
    const keyHashes = chunk.getColumnVector(SKIP + 1);
    const rows: number[] = [];
    for (let row = 0; row < chunk.rowCount; row++) {
      const record = records.getItem(row);
      if (keyHashes.getItem(row) === null) gone.push(Number(record));
      else {
        if (record === null) unmatched++;
        rows.push(row);
      }
    }
    if (rows.length > 0) yield new DuckdbScanChunk(chunk, names, types, SKIP, Uint32Array.from(rows));
  }
  if (!prepared) throw new Error("The shadow scan ended before it was prepared.");
  const someKeyRepeats = prepared.rows - unmatched > prepared.records - gone.length;
  const sql = repeatedKeysStatement(query, options.keyColumn, prepared.textKey);
  const [repeatedKeys, extraRows] = someKeyRepeats ? await firstRow(lease, sql, model, options) : [0, 0];
  yield new SettledChunk(prepared.scheme, { rows: prepared.rows, gone: Uint32Array.from(gone), repeatedKeys, extraRows });
}

/** The shadow's hashes, appended as they are: the table's rowid is the record's index. */
async function fill(connection: DuckDBConnection, shadow: ScanShadow): Promise<void> {
  const appender = await connection.createAppender(TABLE, "main", "temp");
  try {
    const chunk = DuckDBDataChunk.create([UBIGINT, UBIGINT]);
    const batch = new BigUint64Array(BATCH);
    const total = shadow.keyHashes.length;
    for (let start = 0; start < total; start += BATCH) {
      const end = Math.min(start + BATCH, total);
      chunk.rowCount = end - start;
      [shadow.keyHashes, shadow.rowHashes].forEach((hashes, column) => {
        batch.set(hashes.subarray(start, end));
        duckdb.copy_data_to_vector(duckdb.data_chunk_get_vector(chunk.chunk, column), 0, batch.buffer, 0, (end - start) * batch.BYTES_PER_ELEMENT);
      });
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** The numbers of a one-row SELECT. */
async function selectCounts(connection: DuckDBConnection, guard: QueryGuard, sql: string, model: ModelSource): Promise<number[]> {
  const statement = await prepareSelect(connection, guard, sql, model);
  try {
    const reader = await guard.run(() => statement.runAndReadAll(), model, sql);
    return (reader.getRows()[0] ?? []).map((value) => Number(value ?? 0));
  } finally {
    statement.destroySync();
  }
}

/** The two numbers of a one-row SELECT, on a connection of its own. */
async function firstRow(lease: () => Promise<Lease>, sql: string, model: ModelSource, options: ScanOptions): Promise<[number, number]> {
  for await (const { chunk } of streamSelect(lease, sql, model, options)) {
    return [Number(chunk.getColumnVector(0).getItem(0) ?? 0), Number(chunk.getColumnVector(1).getItem(0) ?? 0)];
  }
  return [0, 0];
}

/** The last chunk of a shadow scan: no rows, what the scan settled. */
class SettledChunk implements ScanChunk {
  readonly size = 0;

  constructor(
    readonly scheme: string,
    readonly settled: ShadowSettled,
  ) {}

  key(): never {
    throw new RangeError("A settled chunk has no rows.");
  }

  fingerprint(): never {
    return this.key();
  }

  row(): never {
    return this.key();
  }
}
