/**
 * The Databricks SQL source. Each operation opens a session on the configuration's client, with
 * the operation's time limit as the session's STATEMENT_TIMEOUT, and always closes it; `read`
 * runs one ordered statement and fetches its result chunk by chunk (fetchChunk). Read-only
 * access comes from Unity Catalog grants: see config.ts.
 */
import { createPoolCache } from "../pool-cache";
import { defineSource, type ModelQuery, type QueryOptions, type Row } from "../types";
import { abortable, alongside, operationSignal } from "../shared/time-limits";
import { keyCheckFromValues } from "../shared/statements";
import { closeQuietly, openPool, operationChunks, runStatement, type ClientPool, type Session } from "./api";
import { checkDatabricks } from "./check";
import { DATABRICKS_SECRET_FIELDS, ZDatabricksConfig, type DatabricksConfig } from "./config";
import { databricksDialect } from "./dialect";
import { toQueryError } from "./errors";
import { DISCOVER_SQL, databricksStatements as statements } from "./queries";
import { resultColumns, tablesFromColumns, toColumn, toRow, type ResultColumn } from "./values";

const pools = createPoolCache<DatabricksConfig, ClientPool>(openPool, (pool) => pool.close());

const FETCH_ROWS = 10_000;

/** A session for one operation; an abort while it opens closes it as soon as it arrives. */
async function openSessionFor(config: DatabricksConfig, signal: AbortSignal | undefined, timeoutMs: number | undefined): Promise<Session> {
  const opening = pools.get(config).session(timeoutMs);
  return abortable(opening, signal, () => void opening.then((late) => closeQuietly(late), () => undefined), timeoutMs);
}

type Result = { columns: ResultColumn[]; rows: object[] };

/** Runs one statement in its own session and collects its (small) result. */
async function fetchAll(config: DatabricksConfig, sql: string, options: QueryOptions | undefined, query: ModelQuery | null): Promise<Result> {
  const signal = operationSignal(options);
  const timeoutMs = options?.timeoutMs;
  let session: Session | undefined;
  try {
    session = await openSessionFor(config, signal, timeoutMs);
    const operation = await runStatement(session, sql, signal, timeoutMs);
    try {
      const columns = resultColumns(await abortable(operation.getSchema(), signal, () => undefined, timeoutMs));
      const rows: object[] = [];
      for await (const chunk of operationChunks(operation, FETCH_ROWS, signal, timeoutMs)) rows.push(...chunk);
      return { columns, rows };
    } finally {
      void closeQuietly(operation);
    }
  } catch (error) {
    throw query ? toQueryError(error, query, timeoutMs) : error;
  } finally {
    // Closing is best effort and must not hold the caller's result.
    void closeQuietly(session);
  }
}

/** The first row's values, in column order. */
function firstValues(result: Result): unknown[] | undefined {
  const first = result.rows[0];
  return first && result.columns.map((column): unknown => Reflect.get(first, column.name));
}

export const databricksSource = defineSource<DatabricksConfig>({
  type: "databricks",
  label: "Databricks SQL",
  configSchema: ZDatabricksConfig,
  secretFields: DATABRICKS_SECRET_FIELDS,
  dialect: databricksDialect,

  check: (config) => checkDatabricks(config),

  async discover(config, options) {
    const result = await fetchAll(config, DISCOVER_SQL, options, null);
    return tablesFromColumns(result.rows);
  },

  async preview(config, query, options) {
    const [page, count] = await alongside(
      options.signal,
      (signal) => fetchAll(config, statements.preview(query, options.limit), { ...options, signal }, query),
      (signal) => fetchAll(config, statements.count(query), { ...options, signal }, query),
    );
    return {
      columns: page.columns.map(toColumn),
      rows: page.rows.map((values) => toRow(page.columns, values)),
      totalRows: Number(firstValues(count)?.[0] ?? 0),
    };
  },

  async checkKey(config, query, keyColumn, options) {
    return keyCheckFromValues(firstValues(await fetchAll(config, statements.keyCheck(query, keyColumn), options, query)));
  },

  async *read(config, query, options) {
    const chunkSize = Math.max(1, Math.floor(options.chunkSize));
    const signal = operationSignal(options);
    let session: Session | undefined;
    try {
      session = await openSessionFor(config, signal, options.timeoutMs);
      const operation = await runStatement(session, statements.read(query, options.orderBy), signal, options.timeoutMs);
      try {
        const columns = resultColumns(await abortable(operation.getSchema(), signal, () => undefined, options.timeoutMs));
        for await (const chunk of operationChunks(operation, chunkSize, signal, options.timeoutMs)) {
          yield chunk.map((values): Row => toRow(columns, values));
        }
      } finally {
        void closeQuietly(operation);
      }
    } catch (error) {
      throw toQueryError(error, query, options.timeoutMs);
    } finally {
      void closeQuietly(session);
    }
  },

  close: () => pools.closeAll(),
});
