/**
 * DuckDB's SQL dialect: identifier quoting, how a model becomes a relation, and how DuckDB's
 * type names map onto Sluice's portable column types. Pure functions, unit-tested.
 */
import { MODEL_ALIAS, quoteWith, trimStatement } from "@/server/sources/sql";
import type { ColumnType, Dialect, ModelQuery } from "@/server/sources/types";

function quoteIdentifier(identifier: string): string {
  return quoteWith('"', identifier);
}

function qualifiedTable(schema: string | null, table: string): string {
  return schema === null ? quoteIdentifier(table) : `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

/**
 * A model's SQL as a subquery. The body sits on lines of its own so a trailing `--` comment
 * cannot swallow the closing parenthesis, and so DuckDB's "LINE n" in an error maps back onto
 * the model's own lines (see `modelErrorPosition`).
 */
function sqlRelation(sql: string): string {
  return `(\n${trimStatement(sql)}\n) AS ${quoteIdentifier(MODEL_ALIAS)}`;
}

export const duckdbDialect: Dialect = {
  name: "duckdb",
  quoteIdentifier,
  qualifiedTable,
  relation(query: ModelQuery): string {
    return query.kind === "table" ? qualifiedTable(query.schema, query.table) : sqlRelation(query.sql);
  },
  /** `sql` is a complete SELECT statement; the limit goes on a line of its own (after any comment). */
  limit(sql: string, n: number): string {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`limit must be a non-negative integer, got ${n}`);
    return `${sql}\nLIMIT ${n}`;
  },
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
