/**
 * The DuckDB source: the embedded demo warehouse, a workspace's uploaded files, or a DuckDB
 * file placed on the server (see paths.ts). Reads run on cached read-only instances
 * (instances.ts) with external access disabled; each operation uses its own connection, closed
 * when it ends. Values follow the contract in values.ts (BIGINT and DECIMAL as exact strings).
 */
import type {
  DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBResult,
} from "@duckdb/node-api";

import {
  CHECK_TIMEOUT_MS,
  defineSource,
  PREVIEW_TIMEOUT_MS,
  type CheckResult,
  type Column,
  type KeyCheck,
  type ModelQuery,
  type PreviewResult,
  type QueryOptions,
  type Row,
  type SourceConnector,
} from "@/server/sources/types";
import { groupColumns } from "@/server/sources/shared/catalog";
import { keyCheckFromRow, totalFromRow } from "@/server/sources/shared/statements";
import { resolveWithin, throwIfAborted } from "@/server/sources/shared/time-limits";
import { trimStatement } from "@/server/sources/sql";
import { duckdbDialect as dialect, duckdbStatements as statements, portableType } from "./dialect";
import { cleanMessage, DuckdbUnavailableError } from "./errors";
import { InstanceCache, type Lease } from "./instances";
import { assertRealPathAllowed, duckdbConfigSchema, resolveDatabasePath, type DuckdbConfig } from "./paths";
import { prepareSelect, QueryGuard, type ModelSource } from "./query";
import { DuckdbScanChunk, scanStatement } from "./scan";
import { shadowScan } from "./shadow";
import { streamSelect } from "./stream";
import { type CellConverter, converterFor, resultColumns, rowsFromChunk } from "./values";

export type DuckdbSourceOptions = {
  /** Sluice's data directory (`SLUICE_DATA_DIR`); a function so it is read when first needed. */
  dataDir: string | (() => string);
  /** Close an instance unused for this long (default 5 minutes). */
  idleMs?: number;
};

export const DEMO_NOT_READY =
  "The demo warehouse is still being prepared… Sluice builds it in the background when it starts; try again in a minute.";

const DISCOVER_SQL = `
SELECT t.schema_name, t.table_name, t.kind, c.column_name, c.data_type
FROM (
  SELECT database_name, schema_name, table_name, 'table' AS kind FROM duckdb_tables() WHERE NOT internal AND NOT temporary
  UNION ALL
  SELECT database_name, schema_name, view_name, 'view' FROM duckdb_views() WHERE NOT internal AND NOT temporary
) AS t
JOIN duckdb_columns() AS c USING (database_name, schema_name, table_name)
WHERE t.database_name = current_database()
ORDER BY t.schema_name, t.table_name, c.column_index`;

function missingMessage(config: DuckdbConfig, filePath: string): string {
  switch (config.database) {
    case "demo":
      return DEMO_NOT_READY;
    case "uploads":
      return "No files have been uploaded to this workspace yet. Upload a CSV or Parquet file to create its first table.";
    case "file":
      return `There is no DuckDB file at ${filePath}.`;
  }
}

/** A DuckDB failure to open a file, as a message people can act on. */
function openError(filePath: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes("Could not set lock") || message.includes("Conflicting lock")) {
    return new DuckdbUnavailableError(
      "permission_denied",
      `${filePath} is open for writing in another program, and DuckDB cannot read it meanwhile. Close that program, or copy the file and read the copy.`,
    );
  }
  if (message.includes("not a valid DuckDB database file")) {
    return new DuckdbUnavailableError("invalid_config", `${filePath} is not a DuckDB database file.`);
  }
  if (message.includes("does not exist")) return new DuckdbUnavailableError("database_not_found", `${filePath} does not exist.`);
  return new DuckdbUnavailableError("unknown", `DuckDB could not open ${filePath}: ${cleanMessage(message)}`);
}

/** Where the model's SQL sits in its statements, for error positions. */
function modelSource(query: ModelQuery): ModelSource {
  return query.kind === "sql" ? { body: trimStatement(query.sql), original: query.sql } : null;
}

async function connect(instance: DuckDBInstance, guard: QueryGuard): Promise<DuckDBConnection> {
  const connection = await instance.connect();
  guard.watch(connection);
  return connection;
}

/** Runs one connection's work on `instance`; the connection is closed whatever happens. */
async function onConnection<T>(
  instance: DuckDBInstance,
  guard: QueryGuard,
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const connection = await connect(instance, guard);
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
  }
}

/** Every row of a (small) SELECT, converted, with its columns. */
async function selectRows(
  connection: DuckDBConnection,
  guard: QueryGuard,
  sql: string,
  model: ModelSource,
): Promise<{ columns: Column[]; rows: Row[] }> {
  const prepared = await prepareSelect(connection, guard, sql, model);
  try {
    const result = await guard.run(() => prepared.run(), model, sql);
    const names = result.deduplicatedColumnNames();
    const types = result.columnTypes();
    const converters = types.map(converterFor);
    const rows: Row[] = [];
    for await (const chunk of chunks(result, guard)) rows.push(...rowsFromChunk(chunk, names, converters));
    return { columns: resultColumns(names, types), rows };
  } finally {
    prepared.destroySync();
  }
}

/** A result's chunks; a cancelled query throws instead of ending early. */
async function* chunks(result: DuckDBResult, guard: QueryGuard): AsyncGenerator<DuckDBDataChunk> {
  for (;;) {
    const chunk = await guard.run(() => result.fetchChunk());
    if (chunk === null || chunk.rowCount === 0) return;
    yield chunk;
  }
}

function text(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function checkFailure(error: unknown): CheckResult {
  if (error instanceof DuckdbUnavailableError) return { ok: false, code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, code: "unknown", message };
}

export function createDuckdbSource(options: DuckdbSourceOptions): SourceConnector<DuckdbConfig> {
  const { dataDir: dir } = options;
  const dataDir = typeof dir === "string" ? () => dir : dir;
  const instances = new InstanceCache(openError, options.idleMs);

  async function lease(config: DuckdbConfig): Promise<Lease> {
    const directory = dataDir();
    const filePath = resolveDatabasePath(config, directory);
    try {
      if (config.database === "file") await assertRealPathAllowed(filePath, directory).catch(rethrowUnlessMissing);
      return await instances.acquire(filePath);
    } catch (error) {
      if (error instanceof DuckdbUnavailableError && error.code === "database_not_found") {
        throw new DuckdbUnavailableError("database_not_found", missingMessage(config, filePath));
      }
      throw error;
    }
  }

  /** Leases the file's instance for one operation, under one time limit / cancellation. */
  async function withInstance<T>(
    config: DuckdbConfig,
    queryOptions: QueryOptions,
    work: (instance: DuckDBInstance, guard: QueryGuard) => Promise<T>,
  ): Promise<T> {
    const guard = new QueryGuard(queryOptions);
    let leased: Lease | undefined;
    try {
      guard.throwIfCancelled();
      leased = await lease(config);
      guard.throwIfCancelled();
      return await work(leased.instance, guard);
    } finally {
      guard.dispose();
      leased?.release();
    }
  }

  return defineSource<DuckdbConfig>({
    type: "duckdb",
    label: "DuckDB",
    configSchema: duckdbConfigSchema(dataDir),
    secretFields: [],
    dialect,

    async check(config) {
      const checked = withInstance(config, { timeoutMs: CHECK_TIMEOUT_MS }, (instance, guard) =>
        onConnection(instance, guard, (connection) => selectRows(connection, guard, "SELECT count(*) FROM duckdb_tables()", null)),
      ).then(
        (): CheckResult => ({ ok: true }),
        (error: unknown) => checkFailure(error),
      );
      return resolveWithin(checked, CHECK_TIMEOUT_MS, () => ({
        ok: false,
        code: "timeout",
        message: `DuckDB did not answer within ${CHECK_TIMEOUT_MS / 1000} s.`,
      }));
    },

    async discover(config, queryOptions = {}) {
      const { rows } = await withInstance(config, queryOptions, (instance, guard) =>
        onConnection(instance, guard, (connection) => selectRows(connection, guard, DISCOVER_SQL, null)),
      );
      return groupColumns(
        rows.map((row) => {
          const nativeType = text(row.data_type);
          return {
            schema: text(row.schema_name),
            table: text(row.table_name),
            kind: row.kind === "view" ? "view" : "table",
            column: { name: text(row.column_name), type: portableType(nativeType), nativeType },
          };
        }),
      );
    },

    async preview(config, query, queryOptions): Promise<PreviewResult> {
      const model = modelSource(query);
      const rowsSql = statements.preview(query, queryOptions.limit);
      const countSql = statements.count(query);
      const timeoutMs = queryOptions.timeoutMs ?? PREVIEW_TIMEOUT_MS;
      return withInstance(config, { timeoutMs, signal: queryOptions.signal }, async (instance, guard) => {
        // Rows and count run side by side on two connections; both finish before the lease ends.
        const [page, count] = await Promise.allSettled([
          onConnection(instance, guard, (connection) => selectRows(connection, guard, rowsSql, model)),
          onConnection(instance, guard, (connection) => selectRows(connection, guard, countSql, model)),
        ]);
        if (page.status === "rejected") throw page.reason;
        if (count.status === "rejected") throw count.reason;
        return { columns: page.value.columns, rows: page.value.rows, totalRows: totalFromRow(count.value.rows[0]) };
      });
    },

    async checkKey(config, query, keyColumn, queryOptions = {}): Promise<KeyCheck> {
      const model = modelSource(query);
      const sql = statements.keyCheck(query, keyColumn);
      const { rows } = await withInstance(config, queryOptions, (instance, guard) =>
        onConnection(instance, guard, (connection) => selectRows(connection, guard, sql, model)),
      );
      return keyCheckFromRow(rows[0]);
    },

    async *read(config, query, queryOptions) {
      const { orderBy, chunkSize } = queryOptions;
      if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
      let batch: Row[] = [];
      let converters: CellConverter[] | undefined;
      for await (const { chunk, names, types } of streamSelect(() => lease(config), statements.read(query, orderBy), modelSource(query), queryOptions)) {
        converters ??= types.map(converterFor);
        for (const row of rowsFromChunk(chunk, names, converters)) {
          batch.push(row);
          if (batch.length === chunkSize) {
            throwIfAborted(queryOptions.signal);
            yield batch;
            batch = [];
          }
        }
      }
      if (batch.length > 0) yield batch;
    },

    async *scan(config, query, scanOptions) {
      const { shadow } = scanOptions;
      if (shadow) {
        yield* shadowScan(() => lease(config), query, modelSource(query), { ...scanOptions, shadow });
        return;
      }
      const sql = scanStatement(query, scanOptions);
      for await (const { chunk, names, types } of streamSelect(() => lease(config), sql, modelSource(query), scanOptions)) {
        yield new DuckdbScanChunk(chunk, names, types);
      }
    },

    async warm(config) {
      (await lease(config)).release();
    },

    async close() {
      await instances.closeAll();
    },
  });
}

function rethrowUnlessMissing(error: unknown): void {
  if (error instanceof Error && "code" in error && error.code === "ENOENT") return;
  throw error;
}
