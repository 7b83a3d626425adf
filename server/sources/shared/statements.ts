/**
 * The statements Sluice runs over a model, built from a connector's dialect: a preview page, the
 * row count, the key check and the ordered read. Identifiers are quoted by the dialect and no
 * value is written into SQL (the only numbers are validated row limits). Except in the named key
 * check, the model relation is on the statement's first line, so "own-lines" SQL starts on line 2.
 *
 * `results` is how the driver hands rows back:
 * - "named": rows are objects keyed by column name, so every computed column gets an alias
 *   (`total`; `row_count`, `null_keys`, `duplicate_keys`), read with `keyCheckFromRow`.
 * - "positional": rows are read by column order, read with `keyCheckFromValues`.
 */
import type { Dialect, KeyCheck, ModelQuery } from "../types";

export type ModelStatements = {
  /** The model's first `limit` rows. */
  preview: (query: ModelQuery, limit: number) => string;
  /** One row, one column: the model's row count. */
  count: (query: ModelQuery) => string;
  /**
   * One row in one scan: rows, rows whose key is NULL, and the number of distinct non-null key
   * values that occur more than once (not the number of surplus rows).
   */
  keyCheck: (query: ModelQuery, keyColumn: string) => string;
  /** The whole model in key order. */
  read: (query: ModelQuery, orderBy: string) => string;
  /** The given columns of every row, in no particular order. */
  columns: (query: ModelQuery, columns: readonly string[]) => string;
};

export function createModelStatements(dialect: Dialect, results: "named" | "positional"): ModelStatements {
  const from = (query: ModelQuery) => `FROM ${dialect.relation(query)}`;
  const keyCheck =
    results === "named"
      ? (query: ModelQuery, keyColumn: string) => {
          const key = dialect.quoteIdentifier(keyColumn);
          return `SELECT COALESCE(SUM(n), 0) AS row_count,
      COALESCE(SUM(CASE WHEN k IS NULL THEN n ELSE 0 END), 0) AS null_keys,
      COALESCE(SUM(CASE WHEN k IS NOT NULL AND n > 1 THEN 1 ELSE 0 END), 0) AS duplicate_keys
    FROM (SELECT ${key} AS k, COUNT(*) AS n ${from(query)} GROUP BY ${key}) AS key_counts`;
        }
      : (query: ModelQuery, keyColumn: string) => {
          const key = dialect.quoteIdentifier(keyColumn);
          return (
            "SELECT COALESCE(SUM(n), 0), COALESCE(SUM(CASE WHEN k IS NULL THEN n ELSE 0 END), 0), " +
            "COUNT(CASE WHEN k IS NOT NULL AND n > 1 THEN 1 END) " +
            `FROM (SELECT ${key} AS k, COUNT(*) AS n ${from(query)} GROUP BY ${key}) AS key_groups`
          );
        };
  return {
    preview: (query, limit) => dialect.limit(`SELECT * ${from(query)}`, limit),
    count: (query) => (results === "named" ? `SELECT COUNT(*) AS total ${from(query)}` : `SELECT COUNT(*) ${from(query)}`),
    keyCheck,
    read: (query, orderBy) => `SELECT * ${from(query)} ORDER BY ${dialect.quoteIdentifier(orderBy)}`,
    columns: (query, columns) => `SELECT ${columns.map((column) => dialect.quoteIdentifier(column)).join(", ")} ${from(query)}`,
  };
}

function count(value: unknown): number {
  return Number(value ?? 0);
}

/** The `total` of a named count result's first row (0 without one). */
export function totalFromRow(row: object | undefined): number {
  return count(row === undefined ? undefined : Reflect.get(row, "total"));
}

/** The key check of a named result's first row. */
export function keyCheckFromRow(row: object | undefined): KeyCheck {
  const get = (key: string): unknown => (row === undefined ? undefined : Reflect.get(row, key));
  return { rows: count(get("row_count")), nullKeys: count(get("null_keys")), duplicateKeys: count(get("duplicate_keys")) };
}

/** The key check of a positional result's first row: (rows, null keys, duplicate keys). */
export function keyCheckFromValues(values: readonly unknown[] | undefined): KeyCheck {
  const [rows, nullKeys, duplicateKeys] = values ?? [];
  return { rows: count(rows), nullKeys: count(nullKeys), duplicateKeys: count(duplicateKeys) };
}
