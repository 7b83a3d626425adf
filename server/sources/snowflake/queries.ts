/**
 * Every statement the Snowflake connector sends, built as pure strings. Identifiers are quoted by
 * the dialect; no value is ever written into SQL (the only numbers are validated row limits).
 * The model relation always starts on the first line, so user SQL begins on line 2.
 */
import type { ModelQuery } from "../types";
import { quoteIdentifier, relation, sqlCount } from "./dialect";

/** What the session really got: unknown or ungranted names come back NULL instead of failing. */
export const CHECK_SQL = "SELECT CURRENT_DATABASE(), CURRENT_SCHEMA(), CURRENT_WAREHOUSE(), CURRENT_ROLE()";

/** Columns of every table and view of the session's database that the role can see. */
export const DISCOVER_SQL = [
  "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, t.TABLE_TYPE, c.COLUMN_NAME, c.DATA_TYPE, c.NUMERIC_PRECISION, c.NUMERIC_SCALE",
  "FROM INFORMATION_SCHEMA.COLUMNS AS c",
  "JOIN INFORMATION_SCHEMA.TABLES AS t",
  "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME",
  "WHERE c.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'",
  "ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION",
].join(" ");

export function previewSql(query: ModelQuery, limit: number): string {
  return `SELECT * FROM ${relation(query)} LIMIT ${sqlCount(limit)}`;
}

export function countSql(query: ModelQuery): string {
  return `SELECT COUNT(*) FROM ${relation(query)}`;
}

/**
 * Rows, NULL keys and key values seen more than once, in one scan: group by the key, then count
 * the groups. Result: one row of (rows, null keys, duplicate keys).
 */
export function keyCheckSql(query: ModelQuery, keyColumn: string): string {
  const key = quoteIdentifier(keyColumn);
  return (
    "SELECT COALESCE(SUM(n), 0), COALESCE(SUM(CASE WHEN k IS NULL THEN n ELSE 0 END), 0), " +
    "COUNT(CASE WHEN k IS NOT NULL AND n > 1 THEN 1 END) " +
    `FROM (SELECT ${key} AS k, COUNT(*) AS n FROM ${relation(query)} GROUP BY ${key}) AS key_groups`
  );
}

/** The whole model in key order, streamed by the driver from one result (one warehouse scan). */
export function readSql(query: ModelQuery, orderBy: string): string {
  return `SELECT * FROM ${relation(query)} ORDER BY ${quoteIdentifier(orderBy)}`;
}

/**
 * Session parameters sent with each statement: a server-side time limit, one statement only,
 * and UTC so TIMESTAMP_LTZ values do not depend on the user's default time zone.
 */
export function statementParameters(timeoutMs: number | undefined): Record<string, string | number> {
  const parameters: Record<string, string | number> = { MULTI_STATEMENT_COUNT: 1, TIMEZONE: "UTC" };
  if (timeoutMs !== undefined) parameters.STATEMENT_TIMEOUT_IN_SECONDS = Math.max(1, Math.ceil(timeoutMs / 1000));
  return parameters;
}
