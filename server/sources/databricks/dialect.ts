/**
 * Databricks SQL (Spark) quoting: identifiers in backticks, a backtick inside doubled. Tables are
 * `schema`.`table` in the session's catalog (the configured one).
 */
import { MODEL_ALIAS, quoteWith, trimStatement } from "../sql";
import type { Dialect, ModelQuery } from "../types";

export function quoteIdentifier(identifier: string): string {
  return quoteWith("`", identifier);
}

export function qualifiedTable(schema: string | null, table: string): string {
  return schema === null || schema === "" ? quoteIdentifier(table) : `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

export function sqlCount(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Row limit must be a whole number ≥ 0, got ${n}.`);
  return String(n);
}

/**
 * The model as a FROM-able relation. User SQL sits on lines of its own: a `line 2, pos 7` is then
 * one line below the same place in the user's SQL, and a trailing `-- comment` cannot swallow
 * the closing parenthesis.
 */
export function relation(query: ModelQuery): string {
  if (query.kind === "table") return qualifiedTable(query.schema, query.table);
  return `(\n${trimStatement(query.sql)}\n) AS ${MODEL_ALIAS}`;
}

export const databricksDialect: Dialect = {
  name: "databricks",
  quoteIdentifier,
  qualifiedTable,
  relation,
  limit: (sql, n) => `${sql} LIMIT ${sqlCount(n)}`,
};
