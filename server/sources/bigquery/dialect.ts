/**
 * BigQuery (GoogleSQL) quoting. Identifiers are quoted with backticks; inside them BigQuery uses
 * the escapes of string literals, so a backtick is written \` and a backslash \\ (doubling a
 * backtick would end the identifier). Each part of a path is quoted on its own, so project ids
 * with dashes or a domain (`example.com:proj`) and dotted names stay whole.
 */
import { MODEL_ALIAS, trimStatement } from "../sql";
import type { Dialect, ModelQuery } from "../types";

const ESCAPES: Record<string, string> = { "\\": "\\\\", "`": "\\`", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

export function quoteIdentifier(identifier: string): string {
  return `\`${identifier.replace(/[\\`\n\r\t]/g, (character) => ESCAPES[character] ?? character)}\``;
}

/** `project`.`dataset`.`table`; the project and dataset are left out when not given. */
export function tablePath(project: string | null, dataset: string | null, table: string): string {
  return [project, dataset, table]
    .filter((part): part is string => part !== null && part !== "")
    .map(quoteIdentifier)
    .join(".");
}

export function sqlCount(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Row limit must be a whole number ≥ 0, got ${n}.`);
  return String(n);
}

/**
 * The model as a FROM-able relation; tables are qualified with `project` when given. User SQL
 * sits on lines of its own: BigQuery's `[line:column]` is then one line below the same place in
 * the user's SQL, and a trailing `-- comment` cannot swallow the closing parenthesis.
 */
export function relationIn(project: string | null, query: ModelQuery): string {
  if (query.kind === "table") return tablePath(project, query.schema, query.table);
  return `(\n${trimStatement(query.sql)}\n) AS ${MODEL_ALIAS}`;
}

export const bigqueryDialect: Dialect = {
  name: "bigquery",
  quoteIdentifier,
  /** `dataset`.`table`, resolved in the project that runs the query (the configured one). */
  qualifiedTable: (schema, table) => tablePath(null, schema, table),
  relation: (query) => relationIn(null, query),
  limit: (sql, n) => `${sql} LIMIT ${sqlCount(n)}`,
};
