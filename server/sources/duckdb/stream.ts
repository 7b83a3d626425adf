/**
 * Streams one SELECT's result chunk by chunk on a leased instance: the lease, the connection and
 * the prepared statement are held only while the caller iterates, and released whatever happens
 * (a caller that stops early interrupts DuckDB first, so it does not produce the rest).
 * `prepare` may do more on the connection first (shadow.ts fills a temporary table).
 */
import type { DuckDBConnection, DuckDBDataChunk, DuckDBPreparedStatement, DuckDBType } from "@duckdb/node-api";

import type { QueryOptions } from "@/server/sources/types";
import type { Lease } from "./instances";
import { prepareSelect, QueryGuard, type ModelSource } from "./query";

export type StreamedChunk = { chunk: DuckDBDataChunk; names: readonly string[]; types: readonly DuckDBType[] };

export type Prepare = (connection: DuckDBConnection, guard: QueryGuard, sql: string, model: ModelSource) => Promise<DuckDBPreparedStatement>;

export async function* streamSelect(
  lease: () => Promise<Lease>,
  sql: string,
  model: ModelSource,
  queryOptions: QueryOptions,
  prepare: Prepare = prepareSelect,
): AsyncGenerator<StreamedChunk, void, undefined> {
  const guard = new QueryGuard(queryOptions);
  let leased: Lease | undefined;
  let connection: DuckDBConnection | undefined;
  let prepared: DuckDBPreparedStatement | undefined;
  let finished = false;
  try {
    guard.throwIfCancelled();
    leased = await lease();
    connection = await leased.instance.connect();
    guard.watch(connection);
    const statement = await prepare(connection, guard, sql, model);
    prepared = statement;
    const result = await guard.run(() => statement.stream(), model, sql);
    const names = result.deduplicatedColumnNames();
    const types = result.columnTypes();
    for (;;) {
      const chunk = await guard.run(() => result.fetchChunk());
      if (chunk === null || chunk.rowCount === 0) break;
      yield { chunk, names, types };
      guard.throwIfCancelled();
    }
    finished = true;
  } finally {
    if (!finished) connection?.interrupt();
    prepared?.destroySync();
    connection?.closeSync();
    guard.dispose();
    leased?.release();
  }
}
