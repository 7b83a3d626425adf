/**
 * BigQuery (GoogleSQL) quoting. Identifiers are quoted with backticks; inside them BigQuery uses
 * the escapes of string literals, so a backtick is written \` and a backslash \\ (doubling a
 * backtick would end the identifier). Each part of a path is quoted on its own, so project ids
 * with dashes or a domain (`example.com:proj`) and dotted names stay whole. Model SQL sits on
 * lines of its own: BigQuery's `[line:column]` is one line below the same place in the user's SQL.
 */
import { createDialect } from "../shared/dialect";
import type { Dialect } from "../types";

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

/** The dialect with tables qualified by `project`; null: the project that runs the query (the configured one). */
export function bigqueryDialectIn(project: string | null): Dialect {
  return createDialect({
    name: "bigquery",
    quote: quoteIdentifier,
    modelLayout: "own-lines",
    qualifiedTable: (schema, table) => tablePath(project, schema, table),
  });
}

export const bigqueryDialect = bigqueryDialectIn(null);
