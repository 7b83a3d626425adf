/**
 * The pieces of SQL that differ between warehouses, one table keyed by SourceType. Pure.
 *
 * Literals (values are written into the SQL, so a compiled audience is a self-contained SELECT
 * usable as a model):
 * - Text: Postgres `'…'` with `''`, or `E'…'` (backslashes doubled) when the text has a
 *   backslash, so it reads the same whatever `standard_conforming_strings` is. DuckDB `'…'` with
 *   `''` (backslash is plain). MySQL/MariaDB and Snowflake `''` for a quote and `\\` for a
 *   backslash: with MySQL's NO_BACKSLASH_ESCAPES the literal still ends where it should (the
 *   backslash would only be read twice). BigQuery `\'`, `\\` and escapes for control characters
 *   (its quoted strings cannot hold a newline). Databricks `\'` and `\\` (Spark reads `''`
 *   as two adjacent literals). The validator refuses NUL and malformed Unicode.
 * - Numbers: plain decimals (values.ts). Booleans: TRUE / FALSE. Days: `DATE 'YYYY-MM-DD'`.
 *   Date-times: `TIMESTAMP 'YYYY-MM-DD HH:MM:SS'` (the session's zone; UTC on BigQuery).
 *
 * Relative times use the warehouse's clock: now()/CURRENT_DATE (Postgres, DuckDB), NOW()/
 * CURRENT_DATE (MySQL), CURRENT_TIMESTAMP()/CURRENT_DATE() with DATEADD (Snowflake),
 * TIMESTAMP_SUB/DATE_SUB (BigQuery; months on a timestamp go through DATETIME, in UTC),
 * current_timestamp() ± INTERVAL / date_add / add_months (Databricks).
 *
 * Split buckets: the first 8 hex digits of md5(seed || ':' || key as text), read as an unsigned
 * 32-bit number, mod 100. md5 is the same everywhere and forever (unlike Postgres' hashtext or
 * DuckDB's hash(), which may change between versions), so a member stays in its group across
 * sessions, versions and even warehouses: `splitBucket` in split-bucket.ts computes the same.
 */
import type { SourceType } from "@/server/sources/types";

export type TemporalKind = "date" | "timestamp";
export type IntervalUnit = "day" | "month";
export type Direction = "asc" | "desc";

export interface SqlPieces {
  /** A text literal that reads back as exactly `value`. */
  string: (value: string) => string;
  date: (day: string) => string;
  timestamp: (time: string) => string;
  /** The current date or timestamp on the warehouse's clock. */
  current: (kind: TemporalKind) => string;
  /** `expr` moved by `amount` (negative: into the past) days or months; keeps the kind. */
  shift: (expr: string, amount: number, unit: IntervalUnit, kind: TemporalKind) => string;
  /** The text at `path` (validated keys) inside a JSON column. */
  jsonText: (expr: string, path: readonly string[]) => string;
  /** `expr` as text, for comparisons that must also work on enums, uuids, bytes. */
  text: (expr: string) => string;
  contains: (expr: string, literal: string) => string;
  startsWith: (expr: string, literal: string) => string;
  endsWith: (expr: string, literal: string) => string;
  /** 0–99 from a hash of the seed literal and the key (see the file comment). */
  bucket: (key: string, seedLiteral: string) => string;
  /** An ORDER BY item with NULLs last in both directions. */
  orderBy: (expr: string, direction: Direction) => string;
  /**
   * How a breakdown counts each condition in one query: `count(*) FILTER (WHERE …)`,
   * `count(CASE WHEN … THEN 1 END)`, or one scalar subquery per condition where the warehouse
   * only allows subqueries (EXISTS …) in a WHERE.
   */
  breakdown: "filter" | "case" | "subqueries";
}

function standardString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function quotesDoubledBackslashEscaped(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

function backslashEscaped(value: string): string {
  return `'${value.replace(/[\\']/g, (character) => `\\${character}`)}'`;
}

const BIGQUERY_ESCAPES: Record<string, string> = { "\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function bigqueryString(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is escaped here
  const escaped = value.replace(/[\\'\u0000-\u001f\u007f]/g, (character) => {
    return BIGQUERY_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `'${escaped}'`;
}

function postgresString(value: string): string {
  return value.includes("\\") ? `E${quotesDoubledBackslashEscaped(value)}` : standardString(value);
}

function sign(amount: number): { op: "+" | "-"; n: number } {
  return amount < 0 ? { op: "-", n: -amount } : { op: "+", n: amount };
}

/** `'$.a.b'`: keys are validated identifiers, so the path needs no quoting inside. */
function jsonPath(path: readonly string[]): string {
  return standardString(["$", ...path].join("."));
}

/** Postgres and DuckDB: `expr ± INTERVAL '30 days'`. */
function intervalShift(expr: string, amount: number, unit: IntervalUnit): string {
  const { op, n } = sign(amount);
  return `${expr} ${op} INTERVAL '${n} ${unit}${n === 1 ? "" : "s"}'`;
}

const nullsLast = (expr: string, direction: Direction) => `${expr} ${direction.toUpperCase()} NULLS LAST`;

const postgres: SqlPieces = {
  string: postgresString,
  date: (day) => `DATE '${day}'`,
  timestamp: (time) => `TIMESTAMP '${time}'`,
  current: (kind) => (kind === "date" ? "CURRENT_DATE" : "now()"),
  shift: intervalShift,
  jsonText: (expr, path) => {
    const keys = path.map((key) => standardString(key));
    const last = keys.pop() ?? "''";
    return `(${[expr, ...keys].join(" -> ")} ->> ${last})`;
  },
  text: (expr) => `CAST(${expr} AS text)`,
  contains: (expr, literal) => `strpos(${expr}, ${literal}) > 0`,
  startsWith: (expr, literal) => `starts_with(${expr}, ${literal})`,
  endsWith: (expr, literal) => `right(${expr}, char_length(${literal})) = ${literal}`,
  bucket: (key, seed) => `(('x' || substr(md5(${seed} || CAST(${key} AS text)), 1, 8))::bit(32)::bigint % 100)`,
  orderBy: nullsLast,
  breakdown: "filter",
};

const duckdb: SqlPieces = {
  string: standardString,
  date: (day) => `DATE '${day}'`,
  timestamp: (time) => `TIMESTAMP '${time}'`,
  current: (kind) => (kind === "date" ? "current_date" : "now()"),
  shift: intervalShift,
  jsonText: (expr, path) => `json_extract_string(${expr}, ${jsonPath(path)})`,
  text: (expr) => `CAST(${expr} AS VARCHAR)`,
  contains: (expr, literal) => `contains(${expr}, ${literal})`,
  startsWith: (expr, literal) => `starts_with(${expr}, ${literal})`,
  endsWith: (expr, literal) => `ends_with(${expr}, ${literal})`,
  bucket: (key, seed) => `(CAST('0x' || substr(md5(${seed} || CAST(${key} AS VARCHAR)), 1, 8) AS UBIGINT) % 100)`,
  orderBy: nullsLast,
  breakdown: "filter",
};

const mysql: SqlPieces = {
  string: quotesDoubledBackslashEscaped,
  date: (day) => `DATE '${day}'`,
  timestamp: (time) => `TIMESTAMP '${time}'`,
  current: (kind) => (kind === "date" ? "CURRENT_DATE" : "NOW()"),
  shift: (expr, amount, unit) => {
    const { op, n } = sign(amount);
    return `${expr} ${op} INTERVAL ${n} ${unit.toUpperCase()}`;
  },
  jsonText: (expr, path) => `JSON_VALUE(${expr}, ${jsonPath(path)})`,
  text: (expr) => expr,
  contains: (expr, literal) => `LOCATE(${literal}, ${expr}) > 0`,
  startsWith: (expr, literal) => `LEFT(${expr}, CHAR_LENGTH(${literal})) = ${literal}`,
  endsWith: (expr, literal) => `RIGHT(${expr}, CHAR_LENGTH(${literal})) = ${literal}`,
  bucket: (key, seed) => `(CAST(CONV(SUBSTRING(MD5(CONCAT(${seed}, CAST(${key} AS CHAR))), 1, 8), 16, 10) AS UNSIGNED) % 100)`,
  orderBy: (expr, direction) => `${expr} IS NULL, ${expr} ${direction.toUpperCase()}`,
  breakdown: "case",
};

const snowflake: SqlPieces = {
  string: quotesDoubledBackslashEscaped,
  date: (day) => `DATE '${day}'`,
  timestamp: (time) => `TIMESTAMP '${time}'`,
  current: (kind) => (kind === "date" ? "CURRENT_DATE()" : "CURRENT_TIMESTAMP()"),
  shift: (expr, amount, unit) => `DATEADD(${unit}, ${amount}, ${expr})`,
  jsonText: (expr, path) => `CAST(GET_PATH(${expr}, ${standardString(path.join("."))}) AS VARCHAR)`,
  text: (expr) => expr,
  contains: (expr, literal) => `CONTAINS(${expr}, ${literal})`,
  startsWith: (expr, literal) => `STARTSWITH(${expr}, ${literal})`,
  endsWith: (expr, literal) => `ENDSWITH(${expr}, ${literal})`,
  bucket: (key, seed) => `MOD(TO_NUMBER(UPPER(SUBSTR(MD5(${seed} || TO_VARCHAR(${key})), 1, 8)), 'XXXXXXXX'), 100)`,
  orderBy: nullsLast,
  breakdown: "subqueries",
};

const bigquery: SqlPieces = {
  string: bigqueryString,
  date: (day) => `DATE '${day}'`,
  timestamp: (time) => `TIMESTAMP '${time}'`,
  current: (kind) => (kind === "date" ? "CURRENT_DATE()" : "CURRENT_TIMESTAMP()"),
  shift: (expr, amount, unit, kind) => {
    const { op, n } = sign(amount);
    const verb = op === "+" ? "ADD" : "SUB";
    const interval = `INTERVAL ${n} ${unit.toUpperCase()}`;
    if (kind === "date") return `DATE_${verb}(${expr}, ${interval})`;
    // TIMESTAMP_ADD/SUB stop at days; months go through a UTC DATETIME.
    return unit === "day"
      ? `TIMESTAMP_${verb}(${expr}, ${interval})`
      : `TIMESTAMP(DATETIME_${verb}(DATETIME(${expr}), ${interval}))`;
  },
  jsonText: (expr, path) => `JSON_VALUE(${expr}, ${jsonPath(path)})`,
  text: (expr) => `CAST(${expr} AS STRING)`,
  contains: (expr, literal) => `STRPOS(${expr}, ${literal}) > 0`,
  startsWith: (expr, literal) => `STARTS_WITH(${expr}, ${literal})`,
  endsWith: (expr, literal) => `ENDS_WITH(${expr}, ${literal})`,
  bucket: (key, seed) =>
    `MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(CONCAT(${seed}, CAST(${key} AS STRING)))), 1, 8)) AS INT64), 100)`,
  orderBy: nullsLast,
  breakdown: "subqueries",
};

const databricks: SqlPieces = {
  string: backslashEscaped,
  date: (day) => `DATE '${day}'`,
  timestamp: (time) => `TIMESTAMP '${time}'`,
  current: (kind) => (kind === "date" ? "current_date()" : "current_timestamp()"),
  shift: (expr, amount, unit, kind) => {
    if (kind === "date") return unit === "day" ? `date_add(${expr}, ${amount})` : `add_months(${expr}, ${amount})`;
    const { op, n } = sign(amount);
    return `${expr} ${op} INTERVAL ${n} ${unit.toUpperCase()}S`;
  },
  // to_json first: Databricks' JSON columns are structs, maps, arrays or variants, not text.
  jsonText: (expr, path) => `get_json_object(to_json(${expr}), ${jsonPath(path)})`,
  text: (expr) => expr,
  contains: (expr, literal) => `contains(${expr}, ${literal})`,
  startsWith: (expr, literal) => `startswith(${expr}, ${literal})`,
  endsWith: (expr, literal) => `endswith(${expr}, ${literal})`,
  bucket: (key, seed) => `pmod(CAST(conv(substr(md5(concat(${seed}, CAST(${key} AS STRING))), 1, 8), 16, 10) AS BIGINT), 100)`,
  orderBy: nullsLast,
  breakdown: "subqueries",
};

export const SQL_PIECES: Record<SourceType, SqlPieces> = { postgres, duckdb, mysql, snowflake, bigquery, databricks };
