/**
 * Snowflake quoting. Unquoted identifiers are upper-cased by Snowflake (`orders` means ORDERS),
 * quoted ones are exact: names found by `discover` or returned as result columns are always
 * quoted exactly as Snowflake returned them, so `Orders` and `ORDERS` stay different tables.
 */
import { MODEL_ALIAS, quoteWith, trimStatement } from "../sql";
import type { Dialect, ModelQuery } from "../types";

export function quoteIdentifier(identifier: string): string {
  return quoteWith('"', identifier);
}

/** A whole number for LIMIT, refused otherwise: it is written into the SQL. */
export function sqlCount(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Row limit must be a whole number ≥ 0, got ${n}.`);
  return String(n);
}

/**
 * The model as a FROM-able relation. User SQL sits on lines of its own: a position Snowflake
 * reports is then one line below the same place in the user's SQL, and a trailing `-- comment`
 * cannot swallow the closing parenthesis.
 */
export function relation(query: ModelQuery): string {
  if (query.kind === "table") return qualifiedTable(query.schema, query.table);
  return `(\n${trimStatement(query.sql)}\n) AS ${MODEL_ALIAS}`;
}

/** `"SCHEMA"."TABLE"` inside the session's database (the configured one). */
export function qualifiedTable(schema: string | null, table: string): string {
  return schema === null || schema === "" ? quoteIdentifier(table) : `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

export const snowflakeDialect: Dialect = {
  name: "snowflake",
  quoteIdentifier,
  qualifiedTable,
  relation,
  limit: (sql, n) => `${sql} LIMIT ${sqlCount(n)}`,
};
