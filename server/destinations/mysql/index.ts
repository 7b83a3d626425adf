/**
 * MySQL/MariaDB table destination: writes records into a table of the configured database,
 * matching rows on a column with a primary key or unique index of its own.
 *
 *   upsert   updates the rows that exist, inserts the others; accepted with `created`
 *   insert   inserts the rows that do not exist; an existing row is left alone (accepted,
 *            created: false)
 *   update   updates existing rows only; a record without a row is rejected
 *   delete   DELETE by identifier; a row already gone is fine
 *
 * A write is one READ COMMITTED transaction: the table is read from information_schema, and each
 * run of records (../postgres/table.ts) is a probe of existing rows plus one UPDATE … JOIN and
 * one multi-row INSERT, in a savepoint (./statements.ts). A value the server refuses in strict
 * mode is narrowed down to its record. A payload holds column names; a missing key leaves the
 * column alone (an update) or to its default (an insert), null writes NULL. Lost connections,
 * deadlocks and lock wait timeouts retry the batch; bad credentials, missing privileges and a
 * missing table refuse the configuration. Tables need a transactional engine (InnoDB): on MyISAM
 * a failed statement may leave part of its rows written.
 *
 * Connections come from one pool per configuration, at most `concurrency` each; deliveries to
 * the same host:port/database share the limits.
 */
import type { PoolConnection, RowDataPacket } from "mysql2";
import { checkMysql } from "../../sources/mysql/index";
import { connectionError, toSourceError } from "../../sources/mysql/errors";
import { createPoolCache } from "../../sources/pool-cache";
import type { RecordOutcome } from "../types";
import { CHECK_TIMEOUT_MS, defineDestination } from "../types";
import {
  accepted,
  destinationCheck,
  destinationObject,
  type Entry,
  type Run,
  tableAccountKey,
  tableLimits,
  type TableWriter,
  updatedOutcomes,
  writeTable,
  writtenOutcomes,
} from "../postgres/table";
import { endPool, execute, getConnection, inSavepoint, inTransaction, openWritePool } from "./api";
import { findTable, type MysqlColumn, type MysqlTable, readTables } from "./catalog";
import { type TMysqlTableConfig, ZMysqlTableConfig } from "./config";
import { classifyWriteError } from "./errors";
import { deleteStatement, insertStatement, probeStatement, slices, updateStatement } from "./statements";

export { ZMysqlTableConfig, type TMysqlTableConfig } from "./config";

const pools = createPoolCache(openWritePool, endPool);

/** The statements of one attempt at `entries` of `run` (see ./statements.ts). */
async function writeRun(
  connection: PoolConnection,
  config: TMysqlTableConfig,
  table: MysqlTable,
  run: Run<MysqlColumn>,
  entries: readonly Entry[],
  signal: AbortSignal,
): Promise<RecordOutcome[]> {
  const { operation, identifier, columns } = run;
  if (operation === "delete") {
    for (const slice of slices(entries, 1)) await execute(connection, config, deleteStatement(table, identifier, slice), signal);
    return entries.map(({ record }) => accepted(record.key));
  }
  const existing = new Set<number>();
  for (const slice of slices(entries, 1)) {
    const rows = await execute<RowDataPacket[]>(connection, config, probeStatement(table, identifier, slice), signal);
    for (const row of rows) existing.add(Number(row.ord));
  }
  const present = entries.filter((entry) => existing.has(entry.index));
  const missing = entries.filter((entry) => !existing.has(entry.index));
  if (operation !== "insert" && columns.length > 1) {
    for (const slice of slices(present, columns.length)) await execute(connection, config, updateStatement(table, identifier, columns, slice), signal);
  }
  if (operation === "update") return updatedOutcomes(entries, identifier, existing);
  for (const slice of slices(missing, columns.length)) await execute(connection, config, insertStatement(table, columns, slice), signal);
  return writtenOutcomes(entries, new Set(missing.map((entry) => entry.index)));
}

function tableWriter(config: TMysqlTableConfig, signal: AbortSignal): TableWriter<MysqlColumn, MysqlTable> {
  const pool = pools.get(config);
  return {
    classify: (error) => classifyWriteError(error, config),
    transaction: (work) =>
      inTransaction(pool, (connection) =>
        work({
          table: (object) => findTable(pool, connection, config.database, object),
          attempt: (table, run, entries) => inSavepoint(connection, () => writeRun(connection, config, table, run, entries, signal)),
        }),
      ),
  };
}

export const mysqlTableDestination = defineDestination<TMysqlTableConfig>({
  type: "mysql",
  label: "MySQL table",
  configSchema: ZMysqlTableConfig,
  secretFields: ["password"],

  limits: tableLimits,
  accountKey: tableAccountKey,

  check: async (config) => destinationCheck(await checkMysql(config, CHECK_TIMEOUT_MS)),

  async discover(config, options) {
    options?.signal?.throwIfAborted();
    const pool = pools.get(config);
    const connection = await getConnection(pool).catch((error: unknown) => {
      throw connectionError(error, config);
    });
    try {
      return (await readTables(pool, connection, config.database)).map(destinationObject);
    } catch (error) {
      throw toSourceError(error, { statement: "", connection: config, timeoutMs: undefined });
    } finally {
      connection.release();
    }
  },

  write: (config, batch, { signal, target }) => writeTable(tableWriter(config, signal), batch, { signal, target }),

  close: () => pools.closeAll(),
});
