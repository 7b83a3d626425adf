/**
 * Every connector's `Dialect`, built from how its warehouse quotes identifiers and where a model's
 * SQL goes in the statements Sluice wraps around it. Pure.
 *
 * Model layouts (in both, the newline before ")" keeps a trailing `-- comment` from swallowing
 * the closing parenthesis):
 * - "inline": `(<sql>\n) AS sluice_model`. The SQL starts right after the "(", so a character
 *   offset the server reports maps back with `inlineModelPosition` (Postgres, MySQL).
 * - "own-lines": `(\n<sql>\n) AS sluice_model`. Statements start with the relation, so the SQL
 *   starts on line 2 and a line/column the warehouse reports is one line below the same place in
 *   the user's SQL (DuckDB, Snowflake, BigQuery, Databricks).
 */
import { MODEL_ALIAS, quoteWith, trimStatement } from "../sql";
import type { Dialect, ModelQuery, SourceType } from "../types";

export type DialectSpec = {
  name: SourceType;
  /** The quote character (doubled inside a name), or a function for warehouses that escape instead. */
  quote: string | ((identifier: string) => string);
  modelLayout: "inline" | "own-lines";
  /** DuckDB: the model's alias is quoted, and LIMIT goes on a line of its own (after any comment). */
  quoteAlias?: boolean;
  limitOnOwnLine?: boolean;
  /** Replaces `schema.table` (BigQuery puts the project in front). */
  qualifiedTable?: (schema: string | null, table: string) => string;
};

/** A whole number for LIMIT, refused otherwise: it is written into the SQL. */
export function sqlCount(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Row limit must be a whole number ≥ 0, got ${n}.`);
  return String(n);
}

export function createDialect(spec: DialectSpec): Dialect {
  const { quote } = spec;
  const quoteIdentifier = typeof quote === "string" ? (identifier: string) => quoteWith(quote, identifier) : quote;
  const alias = spec.quoteAlias ? quoteIdentifier(MODEL_ALIAS) : MODEL_ALIAS;
  const open = spec.modelLayout === "inline" ? "(" : "(\n";
  /** A missing or empty schema leaves the table unqualified (in the session's schema). */
  const qualifiedTable =
    spec.qualifiedTable ??
    ((schema: string | null, table: string) =>
      schema === null || schema === "" ? quoteIdentifier(table) : `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`);
  const separator = spec.limitOnOwnLine ? "\n" : " ";
  return {
    name: spec.name,
    quoteIdentifier,
    qualifiedTable,
    relation: (query: ModelQuery) =>
      query.kind === "table" ? qualifiedTable(query.schema, query.table) : `${open}${trimStatement(query.sql)}\n) AS ${alias}`,
    limit: (sql: string, n: number) => `${sql}${separator}LIMIT ${sqlCount(n)}`,
  };
}

/**
 * Maps a 0-based character index in `statement` (which wraps the model in the "inline" layout) to
 * the 1-based position in the model's SQL as the user typed it, leading whitespace included.
 * Undefined when the index lies outside that SQL (e.g. in the wrapper Sluice wrote) or for tables.
 */
export function inlineModelPosition(statement: string, query: ModelQuery, index: number): number | undefined {
  if (query.kind !== "sql") return undefined;
  const body = trimStatement(query.sql);
  const start = statement.indexOf(`(${body}\n)`) + 1;
  if (start <= 0 || index < start || index >= start + body.length) return undefined;
  const leading = query.sql.length - query.sql.trimStart().length;
  return index - start + 1 + leading;
}
