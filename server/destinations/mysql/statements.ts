/**
 * The statements of a MySQL/MariaDB write, set-based, with `?` parameters (server-side prepared
 * statements). Pure.
 *
 * A run's values travel as a derived table, one row per record with its index in the batch:
 *     (SELECT 0 AS ord, ? AS c1, ? AS c2 UNION ALL SELECT 1, ?, ? …) AS sluice_input
 * joined to the table on the identifier. A derived column carries the connection's collation,
 * so the identifier is compared the way the column compares (its own collation; integers as
 * integers, exact past 2^53) — see `comparable`.
 *   probe    which records have a row (the ord of each match), read before writing: it tells
 *            updates from inserts and gives `created`;
 *   update   UPDATE … JOIN sluice_input SET <columns> for the records that have a row;
 *   insert   INSERT … VALUES for those that do not (an upsert is both);
 *   delete   DELETE … WHERE <identifier> IN (…).
 * No ON DUPLICATE KEY UPDATE: it matches on any unique key, so a record colliding with another
 * row on a second unique column would overwrite that row; a plain INSERT refuses it instead.
 */
import { mysqlDialect } from "../../sources/mysql/dialect";
import type { Entry } from "../postgres/table";
import type { MysqlColumn, MysqlTable } from "./catalog";
import { type Param, toParam } from "./transform";

export type Statement = { text: string; params: Param[] };

/** The most placeholders one prepared statement may have (MySQL and MariaDB). */
export const MAX_PLACEHOLDERS = 65_535;

const quote = (name: string) => mysqlDialect.quoteIdentifier(name);

const INTEGER_TYPES = new Set(["tinyint", "smallint", "mediumint", "int", "integer", "bigint"]);
const TEXT_TYPES = new Set(["char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"]);
const NAME = /^[A-Za-z0-9_]+$/;

/** `expression` (a derived column) converted so that comparing it with `column` follows the column's rules. */
export function comparable(column: MysqlColumn, expression: string): string {
  if (INTEGER_TYPES.has(column.dataType)) return `CAST(${expression} AS ${column.unsigned ? "UNSIGNED" : "SIGNED"})`;
  if (TEXT_TYPES.has(column.dataType) && column.charset !== null && column.collation !== null && NAME.test(column.charset) && NAME.test(column.collation)) {
    return `CONVERT(${expression} USING ${column.charset}) COLLATE ${column.collation}`;
  }
  return expression;
}

function ordLiteral(entry: Entry): string {
  if (!Number.isSafeInteger(entry.index) || entry.index < 0) throw new RangeError(`A batch index must be a whole number ≥ 0, got ${entry.index}.`);
  return String(entry.index);
}

/** The derived table of `entries` with `columns` as c1, c2…, and its parameters. */
function derived(columns: readonly MysqlColumn[], entries: readonly Entry[]): Statement {
  const rows = entries.map((entry, i) => {
    const values = columns.map((_, k) => (i === 0 ? `? AS c${k + 1}` : "?"));
    return `SELECT ${ordLiteral(entry)}${i === 0 ? " AS ord" : ""}, ${values.join(", ")}`;
  });
  const params = entries.flatMap((entry) => columns.map((column) => toParam(entry.record.payload[column.name], column)));
  return { text: `(${rows.join(" UNION ALL ")}) AS sluice_input`, params };
}

function target(table: MysqlTable): string {
  return mysqlDialect.qualifiedTable(table.database, table.name);
}

/** The batch indexes (`ord`) of `entries` whose row exists. */
export function probeStatement(table: MysqlTable, identifier: MysqlColumn, entries: readonly Entry[]): Statement {
  const input = derived([identifier], entries);
  return {
    text: `SELECT sluice_input.ord FROM ${input.text}
  JOIN ${target(table)} AS sluice_target ON sluice_target.${quote(identifier.name)} = ${comparable(identifier, "sluice_input.c1")}`,
    params: input.params,
  };
}

/** Sets every column of `columns` but the identifier on the rows of `entries`. */
export function updateStatement(table: MysqlTable, identifier: MysqlColumn, columns: readonly MysqlColumn[], entries: readonly Entry[]): Statement {
  const ordered = [identifier, ...columns.filter((column) => column !== identifier)];
  const input = derived(ordered, entries);
  const assignments = ordered.slice(1).map((column, k) => `sluice_target.${quote(column.name)} = sluice_input.c${k + 2}`);
  return {
    text: `UPDATE ${target(table)} AS sluice_target JOIN ${input.text}
  ON sluice_target.${quote(identifier.name)} = ${comparable(identifier, "sluice_input.c1")}
  SET ${assignments.join(", ")}`,
    params: input.params,
  };
}

export function insertStatement(table: MysqlTable, columns: readonly MysqlColumn[], entries: readonly Entry[]): Statement {
  const row = `(${columns.map(() => "?").join(", ")})`;
  return {
    text: `INSERT INTO ${target(table)} (${columns.map((column) => quote(column.name)).join(", ")}) VALUES ${entries.map(() => row).join(", ")}`,
    params: entries.flatMap((entry) => columns.map((column) => toParam(entry.record.payload[column.name], column))),
  };
}

export function deleteStatement(table: MysqlTable, identifier: MysqlColumn, entries: readonly Entry[]): Statement {
  return {
    text: `DELETE FROM ${target(table)} WHERE ${quote(identifier.name)} IN (${entries.map(() => "?").join(", ")})`,
    params: entries.map((entry) => toParam(entry.record.payload[identifier.name], identifier)),
  };
}

/** `entries` in slices small enough for statements with `perRecord` placeholders each. */
export function slices(entries: readonly Entry[], perRecord: number): Entry[][] {
  const size = Math.max(1, Math.floor(MAX_PLACEHOLDERS / Math.max(1, perRecord)));
  const out: Entry[][] = [];
  for (let start = 0; start < entries.length; start += size) out.push(entries.slice(start, start + size));
  return out;
}
