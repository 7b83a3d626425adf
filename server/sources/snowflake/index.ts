/**
 * The Snowflake source. Statements run on pooled connections (one pool per configuration), with
 * Snowflake's own time limit (STATEMENT_TIMEOUT_IN_SECONDS) and a cancel on abort; `read` streams
 * one ordered result (one warehouse scan) in chunks. Read-only access comes from the role: see
 * config.ts.
 */
import type { Connection } from "snowflake-sdk";
import { createPoolCache, type PoolCache } from "../pool-cache";
import { defineSource, type ModelQuery, type QueryOptions, type Row } from "../types";
import { abortable, alongside, cancelledError, operationSignal } from "../shared/time-limits";
import { uniqueNames } from "../shared/values";
import { keyCheckFromValues } from "../shared/statements";
import {
  acquireConnection,
  closePool,
  openPool,
  releaseConnection,
  resultColumns,
  startStatement,
  statementRows,
  type SnowflakePool,
} from "./api";
import { checkSnowflake } from "./check";
import { SNOWFLAKE_SECRET_FIELDS, ZSnowflakeConfig, type SnowflakeConfig } from "./config";
import { snowflakeDialect } from "./dialect";
import { toQueryError } from "./errors";
import { DISCOVER_SQL, snowflakeStatements as statements, statementParameters } from "./queries";
import { discoverRow, tablesFromColumns, toCellValue, toColumn, type ResultColumn } from "./values";

type Pools = PoolCache<SnowflakeConfig, Promise<SnowflakePool>>;
type Result = { columns: ResultColumn[]; rows: unknown[][] };

function toRow(names: readonly string[], columns: readonly ResultColumn[], values: readonly unknown[]): Row {
  const row: Row = {};
  columns.forEach((column, index) => {
    row[names[index] ?? column.name] = toCellValue(values[index], column);
  });
  return row;
}

/** Runs one statement and collects its (small) result; `query` is set when it runs model SQL. */
async function fetchAll(
  pools: Pools,
  config: SnowflakeConfig,
  sql: string,
  options: QueryOptions | undefined,
  query: ModelQuery | null,
): Promise<Result> {
  const signal = operationSignal(options);
  const pool = await pools.get(config);
  let connection: Connection | undefined;
  try {
    connection = await acquireConnection(pool, signal);
    const running = startStatement(connection, sql, statementParameters(options?.timeoutMs));
    const statement = await abortable(running.done, signal, running.cancel, options?.timeoutMs);
    const rows: unknown[][] = [];
    for await (const row of statementRows(statement)) {
      if (signal?.aborted) throw cancelledError(signal, options?.timeoutMs);
      rows.push(row);
    }
    return { columns: resultColumns(statement), rows };
  } catch (error) {
    throw query ? toQueryError(error, query, options?.timeoutMs) : error;
  } finally {
    if (connection) await releaseConnection(pool, connection);
  }
}

/** The connector; `endpoint` (tests only) points every connection at another URL. */
export function createSnowflakeSource(endpoint: { accessUrl?: string } = {}) {
  const pools: Pools = createPoolCache<SnowflakeConfig, Promise<SnowflakePool>>(
    (config) => openPool(config, endpoint.accessUrl),
    closePool,
  );
  return defineSource<SnowflakeConfig>({
    type: "snowflake",
    label: "Snowflake",
    configSchema: ZSnowflakeConfig,
    secretFields: SNOWFLAKE_SECRET_FIELDS,
    dialect: snowflakeDialect,

    check: (config) => checkSnowflake(config, { accessUrl: endpoint.accessUrl }),

    async discover(config, options) {
      const result = await fetchAll(pools, config, DISCOVER_SQL, options, null);
      return tablesFromColumns(result.rows.map(discoverRow));
    },

    async preview(config, query, options) {
      const [page, count] = await alongside(
        options.signal,
        (signal) => fetchAll(pools, config, statements.preview(query, options.limit), { ...options, signal }, query),
        (signal) => fetchAll(pools, config, statements.count(query), { ...options, signal }, query),
      );
      const names = uniqueNames(page.columns.map((column) => column.name));
      return {
        columns: page.columns.map((column, index) => ({ ...toColumn(column), name: names[index] ?? column.name })),
        rows: page.rows.map((values) => toRow(names, page.columns, values)),
        totalRows: Number(count.rows[0]?.[0] ?? 0),
      };
    },

    async checkKey(config, query, keyColumn, options) {
      const result = await fetchAll(pools, config, statements.keyCheck(query, keyColumn), options, query);
      return keyCheckFromValues(result.rows[0]);
    },

    async *read(config, query, options) {
      const chunkSize = Math.max(1, Math.floor(options.chunkSize));
      const signal = operationSignal(options);
      const pool = await pools.get(config);
      const connection = await acquireConnection(pool, signal);
      const running = startStatement(connection, statements.read(query, options.orderBy), statementParameters(options.timeoutMs));
      let finished = false;
      try {
        const statement = await abortable(running.done, signal, running.cancel, options.timeoutMs);
        finished = true;
        const columns = resultColumns(statement);
        const names = uniqueNames(columns.map((column) => column.name));
        let chunk: Row[] = [];
        for await (const values of statementRows(statement)) {
          if (signal?.aborted) throw cancelledError(signal, options.timeoutMs);
          chunk.push(toRow(names, columns, values));
          if (chunk.length >= chunkSize) {
            yield chunk;
            chunk = [];
          }
        }
        if (chunk.length > 0) yield chunk;
      } catch (error) {
        throw toQueryError(error, query, options.timeoutMs);
      } finally {
        if (!finished) running.cancel();
        await releaseConnection(pool, connection);
      }
    },

    close: () => pools.closeAll(),
  });
}

export const snowflakeSource = createSnowflakeSource();
