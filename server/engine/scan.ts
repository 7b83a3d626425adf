/**
 * How a run reads its model: the connector's `scan` when it has one (Postgres COPY, DuckDB
 * hashing in the warehouse), otherwise its `read` seen as scan chunks whose fingerprint is the
 * canonical hash of the scanned cells (fingerprint.ts).
 */
import type { ModelQuery, Row, ScanChunk, ScanOptions, SourceConnector } from "../sources/types";
import { type Hasher, payloadCanonicalizer } from "./fingerprint";

const READ_CHUNK_ROWS = 10_000;

class RowsChunk implements ScanChunk {
  readonly scheme = "cells/1";

  constructor(
    private readonly rows: readonly Row[],
    private readonly keyColumn: string,
    private readonly canonical: (row: Row) => string,
    private readonly hasher: Hasher,
  ) {}

  get size(): number {
    return this.rows.length;
  }

  key(index: number) {
    return this.row(index)[this.keyColumn] ?? null;
  }

  fingerprint(index: number): bigint {
    return this.hasher.hashCanonical(this.canonical(this.row(index)));
  }

  row(index: number): Row {
    const row = this.rows[index];
    if (row === undefined) throw new RangeError(`No row ${index} in a chunk of ${this.rows.length}.`);
    return row;
  }
}

async function* chunksOfRows(rows: AsyncIterable<Row[]>, options: ScanOptions, hasher: Hasher): AsyncGenerator<ScanChunk> {
  const canonical = payloadCanonicalizer([...new Set([options.keyColumn, ...options.columns])]);
  for await (const batch of rows) yield new RowsChunk(batch, options.keyColumn, canonical, hasher);
}

export function scanModel(
  connector: SourceConnector<unknown>,
  config: unknown,
  query: ModelQuery,
  options: Omit<ScanOptions, "hashBytes">,
  hasher: Hasher,
): AsyncIterable<ScanChunk> {
  const scanOptions: ScanOptions = { ...options, hashBytes: hasher.hashBytes };
  if (connector.scan) return connector.scan(config, query, scanOptions);
  const rows = connector.read(config, query, { ...options, orderBy: options.keyColumn, chunkSize: READ_CHUNK_ROWS });
  return chunksOfRows(rows, scanOptions, hasher);
}
