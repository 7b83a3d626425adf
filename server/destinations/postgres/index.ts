/**
 * Postgres table destination: writes records into a table of a Postgres database, matching rows
 * on a column with a primary key or unique constraint of its own.
 *
 *   upsert   INSERT … ON CONFLICT (identifier) DO UPDATE; accepted with `created` (xmax = 0)
 *   insert   INSERT … ON CONFLICT (identifier) DO NOTHING; an existing row is left alone
 *            (accepted, created: false)
 *   update   UPDATE of existing rows only; a record without a row is rejected
 *   delete   DELETE by identifier; a row already gone is fine
 *
 * A write is one transaction: the table is read from the catalog, each run of records is one
 * `unnest` statement in a savepoint, and a value the database refuses is narrowed down to its
 * record (./table.ts has the whole procedure, ./statements.ts the SQL). A payload holds column
 * names; a missing key leaves the column alone (an update) or to its default (an insert), null
 * writes NULL. Connection failures, deadlocks, serialization failures and timeouts retry the
 * batch; bad credentials, missing privileges and a missing table refuse the configuration.
 *
 * Connections come from one pool per configuration (the source's client, TCP no-delay on), at
 * most `concurrency` each; deliveries to the same host:port/database share the limits.
 */
import { checkPostgres } from "../../sources/postgres/index";
import { schemaList } from "../../sources/postgres/config";
import { toSourceError } from "../../sources/postgres/errors";
import { createPoolCache } from "../../sources/pool-cache";
import { CHECK_TIMEOUT_MS, defineDestination } from "../types";
import { inSavepoint, inTransaction, openPool, type PostgresClient, run } from "./api";
import { type CatalogRow, discoverStatement, groupTables, nameCandidates, onlyTable, type PostgresColumn, type PostgresTable, tableStatement } from "./catalog";
import { type TPostgresTableConfig, ZPostgresTableConfig } from "./config";
import { classifyWriteError } from "./errors";
import { type ResultRow, runOutcomes, runStatement } from "./statements";
import { destinationCheck, destinationObject, tableAccountKey, tableLimits, type TableWriter, writeTable } from "./table";

export { ZPostgresTableConfig, type TPostgresTableConfig } from "./config";

const pools = createPoolCache(openPool, (client: PostgresClient) => client.end({ timeout: 5 }));

function tableWriter(config: TPostgresTableConfig, signal: AbortSignal): TableWriter<PostgresColumn, PostgresTable> {
  return {
    classify: (error) => classifyWriteError(error, config),
    transaction: (work) =>
      inTransaction(pools.get(config), (tx) =>
        work({
          async table(object) {
            const candidates = nameCandidates(object);
            if (candidates.length === 0) return onlyTable([], object, config.database);
            const rows = await run<CatalogRow>(tx, { text: tableStatement(candidates), params: candidates.flat() }, signal);
            return onlyTable(groupTables(rows), object, config.database);
          },
          async attempt(table, writing, entries) {
            const rows = await inSavepoint(tx, (sp) => run<ResultRow>(sp, runStatement(table, writing, entries), signal));
            return runOutcomes(writing, entries, rows);
          },
        }),
      ),
  };
}

export const postgresTableDestination = defineDestination<TPostgresTableConfig>({
  type: "postgres",
  label: "Postgres table",
  configSchema: ZPostgresTableConfig,
  secretFields: ["password"],

  limits: tableLimits,
  accountKey: tableAccountKey,

  check: async (config) => destinationCheck(await checkPostgres(config, CHECK_TIMEOUT_MS)),

  async discover(config, options) {
    const schemas = schemaList(config);
    const text = discoverStatement(schemas);
    try {
      const rows = await run<CatalogRow>(pools.get(config), { text, params: schemas }, options?.signal);
      return groupTables(rows).map(destinationObject);
    } catch (error) {
      throw toSourceError(error, { statement: text, connection: config, timeoutMs: undefined });
    }
  },

  write: (config, batch, { signal, target }) => writeTable(tableWriter(config, signal), batch, { signal, target }),

  close: () => pools.closeAll(),
});
