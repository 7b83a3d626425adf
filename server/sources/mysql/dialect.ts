/** Quoting and SQL shapes of MySQL and MariaDB. Pure. */
import { MODEL_ALIAS, quoteWith, trimStatement } from "../sql";
import type { Dialect, ModelQuery } from "../types";

function quoteIdentifier(identifier: string): string {
  return quoteWith("`", identifier);
}

function qualifiedTable(schema: string | null, table: string): string {
  return schema === null ? quoteIdentifier(table) : `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

/** Model SQL becomes `(<sql>\n) AS sluice_model`; the newline ends a trailing `-- comment`. */
function relation(query: ModelQuery): string {
  return query.kind === "table"
    ? qualifiedTable(query.schema, query.table)
    : `(${trimStatement(query.sql)}\n) AS ${MODEL_ALIAS}`;
}

function limit(sql: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`A row limit must be a whole number ≥ 0, got ${n}.`);
  return `${sql} LIMIT ${n}`;
}

export const mysqlDialect: Dialect = { name: "mysql", quoteIdentifier, qualifiedTable, relation, limit };

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

/**
 * The statement-level time limit: MariaDB's `SET STATEMENT max_statement_time=<s> FOR`, MySQL's
 * `MAX_EXECUTION_TIME(<ms>)` optimizer hint (which MariaDB would read as a comment). `select`
 * must start with "SELECT ". Neither prefix adds a line, so line numbers in errors still match.
 */
export function withTimeLimit(select: string, flavor: "mariadb" | "mysql", timeoutMs: number | undefined): string {
  if (timeoutMs === undefined) return select;
  const ms = Math.max(1, Math.round(timeoutMs));
  return flavor === "mariadb"
    ? `SET STATEMENT max_statement_time=${ms / 1000} FOR ${select}`
    : select.replace(/^SELECT /, `SELECT /*+ MAX_EXECUTION_TIME(${ms}) */ `);
}

/**
 * The 1-based position in the model's SQL of a MySQL syntax error ("… near '<text>' at line
 * <n>"), found by locating that text on that line of `statement`; undefined when the text is
 * outside the model's SQL or the message has no such part.
 */
export function syntaxErrorPosition(message: string, statement: string, query: ModelQuery): number | undefined {
  if (query.kind !== "sql") return undefined;
  const match = /near '([\s\S]*)' at line (\d+)$/.exec(message);
  if (match === null) return undefined;
  const [, near = "", line = "1"] = match;
  const lines = statement.split("\n");
  const lineStart = lines.slice(0, Number(line) - 1).reduce((sum, text) => sum + text.length + 1, 0);
  const at = near === "" ? -1 : statement.indexOf(near, lineStart);
  const body = trimStatement(query.sql);
  const start = statement.indexOf(`(${body}\n)`) + 1;
  if (at < 0 || start <= 0 || at < start || at >= start + body.length) return undefined;
  return at - start + 1 + (query.sql.length - query.sql.trimStart().length);
}
