/**
 * The sync engine's fast read of a DuckDB model: DuckDB hashes every row itself (`hash(key,
 * columns…)`, vectorized, on all cores) and the result's columns stay in DuckDB's vectors: the
 * engine reads each row's key and fingerprint, and converts a whole row to JS values only when it
 * sends it. Reading every row into JS objects costs about ten times as much.
 *
 * DuckDB does not promise `hash()` stays the same across releases, so the DuckDB version is part
 * of the scheme: after an upgrade every row counts as changed once and is sent again.
 */
import { version, type DuckDBDataChunk, type DuckDBType, type DuckDBVector } from "@duckdb/node-api";

import type { CellValue, ModelQuery, Row, ScanChunk, ScanOptions } from "@/server/sources/types";
import { duckdbDialect as dialect } from "./dialect";
import { converterFor, type CellConverter, nativeTypeName, setCell } from "./values";

const SCHEME = "duckdb-hash/1";

/** The key and columns of a scan, after the fingerprint column. */
function scanColumns(options: Pick<ScanOptions, "keyColumn" | "columns">): string[] {
  return [...new Set([options.keyColumn, ...options.columns])];
}

export function scanStatement(query: ModelQuery, options: Pick<ScanOptions, "keyColumn" | "columns">): string {
  const columns = scanColumns(options).map((column) => dialect.quoteIdentifier(column));
  return `SELECT hash(${columns.join(", ")}) AS sluice_fingerprint, ${columns.join(", ")} FROM ${dialect.relation(query)}`;
}

export class DuckdbScanChunk implements ScanChunk {
  readonly scheme: string;
  readonly size: number;
  private readonly vectors: DuckDBVector[];
  private readonly converters: CellConverter[];

  /** `names` and `types` describe the result: the fingerprint first, then the key and the columns. */
  constructor(
    chunk: DuckDBDataChunk,
    private readonly names: readonly string[],
    types: readonly DuckDBType[],
  ) {
    this.size = chunk.rowCount;
    this.vectors = names.map((_, column) => chunk.getColumnVector(column));
    this.converters = types.map(converterFor);
    const described = names.slice(1).map((name, index) => {
      const type = types[index + 1];
      return `${name}:${type === undefined ? "?" : nativeTypeName(type)}`;
    });
    this.scheme = `${SCHEME} ${version()} ${described.join(",")}`;
  }

  key(index: number): CellValue {
    return this.cell(1, index);
  }

  fingerprint(index: number): bigint {
    const value = this.vectors[0]?.getItem(index);
    if (typeof value !== "bigint") throw new TypeError(`DuckDB gave no fingerprint for row ${index}.`);
    return value;
  }

  row(index: number): Row {
    const row: Row = {};
    for (let column = 1; column < this.names.length; column++) setCell(row, this.names[column] ?? "", this.cell(column, index));
    return row;
  }

  private cell(column: number, index: number): CellValue {
    const value = this.vectors[column]?.getItem(index) ?? null;
    const convert = this.converters[column];
    return value === null || convert === undefined ? null : convert(value);
  }
}
