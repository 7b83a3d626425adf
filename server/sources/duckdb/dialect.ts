/**
 * DuckDB's SQL dialect: identifier quoting, how a model becomes a relation, and how DuckDB's
 * type names map onto Sluice's portable column types. Pure functions, unit-tested.
 */
import { createDialect } from "@/server/sources/shared/dialect";
import { createModelStatements, type ModelStatements } from "@/server/sources/shared/statements";
import type { ColumnType } from "@/server/sources/types";

/**
 * Model SQL sits on lines of its own, so DuckDB's "LINE n" in an error maps back onto the model's
 * own lines (see `modelErrorPosition`); the alias is quoted, and LIMIT goes on a line of its own
 * so it cannot end up inside a trailing `--` comment of a complete SELECT.
 */
export const duckdbDialect = createDialect({
  name: "duckdb",
  quote: '"',
  modelLayout: "own-lines",
  quoteAlias: true,
  limitOnOwnLine: true,
});

/** Named results; the key check in DuckDB's own words (FILTER), and the read puts NULL keys last. */
export const duckdbStatements: ModelStatements = {
  ...createModelStatements(duckdbDialect, "named"),
  keyCheck: (query, keyColumn) => `SELECT
  coalesce(sum(n), 0) AS row_count,
  coalesce(sum(n) FILTER (WHERE k IS NULL), 0) AS null_keys,
  count(*) FILTER (WHERE k IS NOT NULL AND n > 1) AS duplicate_keys
FROM (SELECT ${duckdbDialect.quoteIdentifier(keyColumn)} AS k, count(*) AS n FROM ${duckdbDialect.relation(query)} GROUP BY 1) AS key_counts`,
  read: (query, orderBy) =>
    `SELECT * FROM ${duckdbDialect.relation(query)}\nORDER BY ${duckdbDialect.quoteIdentifier(orderBy)} ASC NULLS LAST`,
};

const INTEGER_TYPES = new Set([
  "TINYINT",
  "SMALLINT",
  "INTEGER",
  "BIGINT",
  "HUGEINT",
  "UTINYINT",
  "USMALLINT",
  "UINTEGER",
  "UBIGINT",
  "UHUGEINT",
  "INT",
  "INT1",
  "INT2",
  "INT4",
  "INT8",
  "INT16",
  "INT32",
  "INT64",
  "INT128",
  "LONG",
  "SHORT",
  "SIGNED",
  "BIGNUM",
  "VARINT",
]);
const NUMBER_TYPES = new Set(["DOUBLE", "FLOAT", "REAL", "FLOAT4", "FLOAT8"]);
const TIMESTAMP_TYPES = new Set([
  "TIMESTAMP",
  "DATETIME",
  "TIMESTAMP_S",
  "TIMESTAMP_MS",
  "TIMESTAMP_US",
  "TIMESTAMP_NS",
  "TIMESTAMPTZ",
  "TIMESTAMP WITH TIME ZONE",
]);
const STRING_TYPES = new Set([
  "VARCHAR",
  "TEXT",
  "STRING",
  "CHAR",
  "BPCHAR",
  "NVARCHAR",
  "UUID",
  "TIME",
  "TIME_NS",
  "TIMETZ",
  "TIME WITH TIME ZONE",
  "INTERVAL",
  "BLOB",
  "BYTEA",
  "BINARY",
  "VARBINARY",
  "BIT",
  "BITSTRING",
  "GEOMETRY",
]);

/**
 * The portable type of a DuckDB type name as DuckDB prints it (`duckdb_columns().data_type`
 * or a result column's type): `DECIMAL(12,2)` → number, `INTEGER[]` → json, `JSON` → json.
 * BIGINT and wider integers are "integer" even though their values travel as strings.
 */
export function portableType(nativeType: string): ColumnType {
  const name = nativeType.trim().toUpperCase();
  if (name === "JSON" || /\[\d*\]$/.test(name) || /^(STRUCT|MAP|UNION|VARIANT)\b/.test(name)) return "json";
  if (name === "BOOLEAN" || name === "BOOL" || name === "LOGICAL") return "boolean";
  if (name === "DATE") return "date";
  if (TIMESTAMP_TYPES.has(name)) return "timestamp";
  if (INTEGER_TYPES.has(name)) return "integer";
  if (NUMBER_TYPES.has(name) || /^(DECIMAL|NUMERIC)\b/.test(name)) return "number";
  if (/^ENUM\b/.test(name) || STRING_TYPES.has(name.replace(/\s*\(\d+\)$/, ""))) return "string";
  return "unknown";
}
