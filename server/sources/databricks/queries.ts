/**
 * Every statement the Databricks connector sends, built as pure strings. Identifiers are quoted
 * by the dialect; no value is written into SQL (the only numbers are validated row limits). The
 * model relation always starts on the first line, so user SQL begins on line 2.
 */
import type { ModelQuery } from "../types";
import { quoteIdentifier, relation, sqlCount } from "./dialect";

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

export function previewSql(query: ModelQuery, limit: number): string {
  return `SELECT * FROM ${relation(query)} LIMIT ${sqlCount(limit)}`;
}

export function countSql(query: ModelQuery): string {
  return `SELECT COUNT(*) FROM ${relation(query)}`;
}

/** Rows, NULL keys and key values seen more than once, in one scan. One row: (rows, nulls, duplicates). */
export function keyCheckSql(query: ModelQuery, keyColumn: string): string {
  const key = quoteIdentifier(keyColumn);
  return (
    "SELECT COALESCE(SUM(n), 0), COALESCE(SUM(CASE WHEN k IS NULL THEN n ELSE 0 END), 0), " +
    "COUNT(CASE WHEN k IS NOT NULL AND n > 1 THEN 1 END) " +
    `FROM (SELECT ${key} AS k, COUNT(*) AS n FROM ${relation(query)} GROUP BY ${key}) AS key_groups`
  );
}

/** The whole model in key order: one statement, whose result is fetched chunk by chunk. */
export function readSql(query: ModelQuery, orderBy: string): string {
  return `SELECT * FROM ${relation(query)} ORDER BY ${quoteIdentifier(orderBy)}`;
}

/**
 * Session settings: SQL warehouses stop statements after STATEMENT_TIMEOUT seconds (the
 * statement-level queryTimeout only applies on all-purpose clusters, so both are set).
 */
export function sessionConfiguration(timeoutMs: number | undefined): Record<string, string> | undefined {
  return timeoutMs === undefined ? undefined : { STATEMENT_TIMEOUT: String(timeoutSeconds(timeoutMs)) };
}

export function timeoutSeconds(timeoutMs: number): number {
  return Math.max(1, Math.ceil(timeoutMs / 1000));
}
