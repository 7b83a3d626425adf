/**
 * The tables a MySQL/MariaDB destination writes to: the base tables of the configured database,
 * from information_schema, with column types, nullability, defaults, generated columns and
 * single-column unique indexes. Tables are named by their name alone.
 */
import type { Pool, PoolConnection, RowDataPacket } from "mysql2";
import { poolFlavor } from "../../sources/mysql/api";
import { jsonColumnsStatement, nativeTypeOf } from "../../sources/mysql/catalog";
import { baseType, columnType } from "../../sources/mysql/transform";
import { DestinationRefusedError } from "../types";
import type { Table, TableColumn } from "../postgres/table";

export type MysqlColumn = TableColumn & {
  /** DATA_TYPE, lower case (`int`, `varchar`, `datetime`…): how values are converted and keys compared. */
  dataType: string;
  unsigned: boolean;
  /** A JSON column (MySQL's type, or MariaDB's LONGTEXT with a json_valid check): values are written as JSON. */
  json: boolean;
  charset: string | null;
  collation: string | null;
};

export type MysqlTable = Table<MysqlColumn> & { database: string };

/** A row of `columnsStatement`; information_schema may answer in upper case, hence the aliases. */
export type ColumnRow = {
  table_name: string;
  column_name: string;
  data_type: string;
  column_type: string;
  is_nullable: string;
  column_default: string | null;
  extra: string | null;
  charset: string | null;
  collation: string | null;
};

/** A row of `uniqueIndexesStatement`: one column of a unique index (no column for a functional part). */
export type IndexRow = { table_name: string; index_name: string; column_name: string | null; sub_part: unknown };

/** Columns of the base tables of database `?`, or of table `?` in it when `oneTable`. */
export function columnsStatement(oneTable: boolean): string {
  return `SELECT c.TABLE_NAME AS table_name, c.COLUMN_NAME AS column_name, c.DATA_TYPE AS data_type,
      c.COLUMN_TYPE AS column_type, c.IS_NULLABLE AS is_nullable, c.COLUMN_DEFAULT AS column_default, c.EXTRA AS extra,
      c.CHARACTER_SET_NAME AS charset, c.COLLATION_NAME AS collation
    FROM information_schema.COLUMNS c
    JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
    WHERE c.TABLE_SCHEMA = ? AND t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ${oneTable ? "AND c.TABLE_NAME = ?" : ""}
    ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`;
}

/** The parts of the unique indexes (primary keys among them) of database `?`, or of table `?` in it. */
export function uniqueIndexesStatement(oneTable: boolean): string {
  return `SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name, COLUMN_NAME AS column_name, SUB_PART AS sub_part
    FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = ? AND NON_UNIQUE = 0 ${oneTable ? "AND TABLE_NAME = ?" : ""}`;
}

/** "table\0column" of every column that is a unique index on its own, whole (not a prefix). Pure. */
export function uniqueColumns(rows: readonly IndexRow[]): Set<string> {
  const parts = new Map<string, IndexRow[]>();
  for (const row of rows) {
    const key = `${row.table_name}\0${row.index_name}`;
    parts.set(key, [...(parts.get(key) ?? []), row]);
  }
  const unique = new Set<string>();
  for (const [part, ...rest] of parts.values()) {
    if (part !== undefined && rest.length === 0 && part.column_name !== null && part.sub_part === null) {
      unique.add(`${part.table_name}\0${part.column_name}`);
    }
  }
  return unique;
}

/** EXTRA names generated columns "VIRTUAL GENERATED", "STORED GENERATED" (MariaDB also "PERSISTENT"). */
const GENERATED = /\b(VIRTUAL|STORED|PERSISTENT)\b/i;

/**
 * Groups the (ordered) column rows into tables of `database`; `unique` comes from
 * `uniqueColumns`, `json` holds "table.column" of MariaDB's JSON columns. Pure.
 */
export function groupTables(database: string, rows: readonly ColumnRow[], unique: ReadonlySet<string>, json: ReadonlySet<string>): MysqlTable[] {
  const tables = new Map<string, MysqlTable>();
  for (const row of rows) {
    let table = tables.get(row.table_name);
    if (table === undefined) {
      table = { name: row.table_name, database, columns: [] };
      tables.set(row.table_name, table);
    }
    const extra = row.extra ?? "";
    const generated = GENERATED.test(extra);
    const nativeType = nativeTypeOf(row, json.has(`${row.table_name}.${row.column_name}`));
    table.columns.push({
      name: row.column_name,
      type: columnType(nativeType),
      required: row.is_nullable === "NO" && row.column_default === null && !/auto_increment/i.test(extra) && !generated,
      unique: unique.has(`${row.table_name}\0${row.column_name}`),
      generated,
      dataType: baseType(nativeType),
      unsigned: /\bunsigned\b/i.test(row.column_type),
      json: nativeType === "json",
      charset: row.charset,
      collation: row.collation,
    });
  }
  return [...tables.values()];
}

/** A value of an information_schema row as text (MySQL 8 may send some as bytes), or null. */
function textOrNull(row: object, key: string): string | null {
  const value: unknown = Reflect.get(row, key);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString("utf8");
  return null;
}

function text(row: object, key: string): string {
  return textOrNull(row, key) ?? "";
}

/**
 * The base tables of the connection's database, or only the table named `table`. Names are
 * bound parameters; MariaDB's JSON columns come from the source's check-constraint query.
 */
export async function readTables(pool: Pool, connection: PoolConnection, database: string, table?: string): Promise<MysqlTable[]> {
  const params = table === undefined ? [database] : [database, table];
  const client = connection.promise();
  const [columns] = await client.execute<RowDataPacket[]>(columnsStatement(table !== undefined), params);
  const [indexes] = await client.execute<RowDataPacket[]>(uniqueIndexesStatement(table !== undefined), params);
  const json = new Set<string>();
  if ((await poolFlavor(pool, connection)) === "mariadb") {
    const [checks] = await client.query<RowDataPacket[]>(jsonColumnsStatement([database], (value) => connection.escape(value)));
    for (const row of checks) json.add(`${text(row, "table_name")}.${text(row, "column_name")}`);
  }
  const columnRows = columns.map(
    (row): ColumnRow => ({
      table_name: text(row, "table_name"),
      column_name: text(row, "column_name"),
      data_type: text(row, "data_type"),
      column_type: text(row, "column_type"),
      is_nullable: text(row, "is_nullable"),
      column_default: textOrNull(row, "column_default"),
      extra: textOrNull(row, "extra"),
      charset: textOrNull(row, "charset"),
      collation: textOrNull(row, "collation"),
    }),
  );
  const indexRows = indexes.map(
    (row): IndexRow => ({
      table_name: text(row, "table_name"),
      index_name: text(row, "index_name"),
      column_name: textOrNull(row, "column_name"),
      sub_part: Reflect.get(row, "sub_part") ?? null,
    }),
  );
  return groupTables(database, columnRows, uniqueColumns(indexRows), json);
}

/** The table named `object`, or a refusal. */
export async function findTable(pool: Pool, connection: PoolConnection, database: string, object: string): Promise<MysqlTable> {
  const [table] = await readTables(pool, connection, database, object);
  if (table === undefined) {
    throw new DestinationRefusedError(`Table ${object} does not exist in database "${database}": choose one of the tables listed.`, "not_found");
  }
  return table;
}
