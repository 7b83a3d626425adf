/**
 * Every statement the Databricks connector sends, built as pure strings. Identifiers are quoted
 * by the dialect; no value is written into SQL (the only numbers are validated row limits). The
 * model relation always starts on the first line, so user SQL begins on line 2.
 */
import { timeoutSeconds } from "../shared/time-limits";
import { createModelStatements } from "../shared/statements";
import { databricksDialect } from "./dialect";

/** The catalog and schema the session really got. */
export const CHECK_SQL = "SELECT current_catalog(), current_schema()";

/** Columns of every table and view of the session's catalog (Unity Catalog's information_schema). */
export const DISCOVER_SQL = [
  "SELECT c.table_schema, c.table_name, t.table_type, c.column_name, c.full_data_type",
  "FROM information_schema.columns AS c",
  "JOIN information_schema.tables AS t",
  "ON t.table_catalog = c.table_catalog AND t.table_schema = c.table_schema AND t.table_name = c.table_name",
  "WHERE c.table_catalog = current_catalog() AND c.table_schema <> 'information_schema'",
  "ORDER BY c.table_schema, c.table_name, c.ordinal_position",
].join(" ");

/** Preview, count, key check and read of a model; results are read by column position. */
export const databricksStatements = createModelStatements(databricksDialect, "positional");

/**
 * Session settings: SQL warehouses stop statements after STATEMENT_TIMEOUT seconds (the
 * statement-level queryTimeout only applies on all-purpose clusters, so both are set).
 */
export function sessionConfiguration(timeoutMs: number | undefined): Record<string, string> | undefined {
  return timeoutMs === undefined ? undefined : { STATEMENT_TIMEOUT: String(timeoutSeconds(timeoutMs)) };
}
