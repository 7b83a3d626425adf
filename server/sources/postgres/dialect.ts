/** Quoting and SQL shapes of PostgreSQL (and Redshift). Pure. */
import { MODEL_ALIAS, quoteWith, trimStatement } from "../sql";
import type { Dialect, ModelQuery } from "../types";

function quoteIdentifier(identifier: string): string {
  return quoteWith('"', identifier);
}

function qualifiedTable(schema: string | null, table: string): string {
  return schema === null ? quoteIdentifier(table) : `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

/**
 * A model's SQL becomes `(<sql>\n) AS sluice_model`: the newline keeps a trailing `-- comment`
 * from swallowing the closing parenthesis. The SQL starts right after the "(", which is how
 * error positions are mapped back to it (see `modelPosition`).
 */
function relation(query: ModelQuery): string {
  return query.kind === "table"
    ? qualifiedTable(query.schema, query.table)
    : `(${trimStatement(query.sql)}\n) AS ${MODEL_ALIAS}`;
}

function limit(sql: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`A row limit must be a whole number ≥ 0, got ${n}.`);
  return `${sql} LIMIT ${n}`;
}

export const postgresDialect: Dialect = { name: "postgres", quoteIdentifier, qualifiedTable, relation, limit };

/**
 * Maps a 1-based character position in `statement` (as Postgres reports it) to the position in
 * the model's SQL as the user typed it, or undefined when the position lies outside that SQL
 * (e.g. an unknown key column in the wrapper Sluice wrote).
 */
export function modelPosition(statement: string, query: ModelQuery, position: number): number | undefined {
  if (query.kind !== "sql") return undefined;
  const body = trimStatement(query.sql);
  const start = statement.indexOf(`(${body}\n)`);
  if (start < 0 || body.length === 0) return undefined;
  const offset = position - (start + 1);
  if (offset < 1 || offset > body.length) return undefined;
  const leading = query.sql.length - query.sql.trimStart().length;
  return offset + leading;
}

/**
 * One pass over the model: rows, rows whose key is NULL, and the number of distinct non-null
 * key values that occur more than once (not the number of surplus rows).
 */
export function keyCheckStatement(relation: string, key: string): string {
  return `SELECT COALESCE(SUM(n), 0) AS row_count,
      COALESCE(SUM(CASE WHEN k IS NULL THEN n ELSE 0 END), 0) AS null_keys,
      COALESCE(SUM(CASE WHEN k IS NOT NULL AND n > 1 THEN 1 ELSE 0 END), 0) AS duplicate_keys
    FROM (SELECT ${key} AS k, COUNT(*) AS n FROM ${relation} GROUP BY ${key}) AS key_counts`;
}
