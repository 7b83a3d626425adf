/** What is in the listed databases: tables and views with their columns, from information_schema. */
import { groupColumns } from "../shared/catalog";
import type { DiscoveredTable } from "../types";
import { run, type RunContext, type Session } from "./api";
import { columnType } from "./transform";

/** A column row of the discover query. */
export type CatalogRow = {
  table_schema: string;
  table_name: string;
  table_type: string;
  column_name: string;
  data_type: string;
  column_type: string;
};

const SYSTEM_SCHEMAS = ["mysql", "information_schema", "performance_schema", "sys"];

/**
 * Tables (also MariaDB's system-versioned ones) and views of `schemas`, never the system
 * databases. information_schema lists only what the user has some privilege on. Names are bound
 * as string literals (escaped by mysql2's `format`), never spliced.
 */
export function discoverStatement(schemas: readonly string[], quote: (value: string) => string): string {
  return `SELECT c.TABLE_SCHEMA AS table_schema, c.TABLE_NAME AS table_name, t.TABLE_TYPE AS table_type,
      c.COLUMN_NAME AS column_name, c.DATA_TYPE AS data_type, c.COLUMN_TYPE AS column_type
    FROM information_schema.COLUMNS c
    JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
    WHERE c.TABLE_SCHEMA IN (${schemas.map(quote).join(", ")})
      AND c.TABLE_SCHEMA NOT IN (${SYSTEM_SCHEMAS.map(quote).join(", ")})
      AND t.TABLE_TYPE IN ('BASE TABLE', 'VIEW', 'SYSTEM VERSIONED')
    ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION`;
}

/**
 * MariaDB stores JSON as LONGTEXT with a `json_valid(col)` CHECK constraint named after the
 * column; this finds those columns (MySQL has a real JSON type and needs no such query).
 */
export function jsonColumnsStatement(schemas: readonly string[], quote: (value: string) => string): string {
  return `SELECT CONSTRAINT_SCHEMA AS table_schema, TABLE_NAME AS table_name, CONSTRAINT_NAME AS column_name
    FROM information_schema.CHECK_CONSTRAINTS
    WHERE CONSTRAINT_SCHEMA IN (${schemas.map(quote).join(", ")}) AND CHECK_CLAUSE LIKE 'json\\\\_valid(%'`;
}

/** The native type name of a column: DATA_TYPE, "unsigned" when COLUMN_TYPE says so, or "json". */
export function nativeTypeOf(row: Pick<CatalogRow, "data_type" | "column_type">, json: boolean): string {
  if (json) return "json";
  return /\bunsigned\b/i.test(row.column_type) ? `${row.data_type} unsigned` : row.data_type;
}

/** Groups the (ordered) column rows into tables; `jsonColumns` holds "schema.table.column" keys. Pure. */
export function groupTables(rows: readonly CatalogRow[], jsonColumns: ReadonlySet<string> = new Set()): DiscoveredTable[] {
  return groupColumns(
    rows.map((row) => {
      const nativeType = nativeTypeOf(row, jsonColumns.has(`${row.table_schema}.${row.table_name}.${row.column_name}`));
      return {
        schema: row.table_schema,
        table: row.table_name,
        kind: row.table_type === "VIEW" ? "view" : "table",
        column: { name: row.column_name, type: columnType(nativeType), nativeType },
      };
    }),
  );
}

function text(row: object, key: string): string {
  const value: unknown = Reflect.get(row, key);
  return typeof value === "string" ? value : String(value);
}

export async function discoverTables(session: Session, schemas: readonly string[], context: RunContext): Promise<DiscoveredTable[]> {
  const quote = (value: string) => session.connection.escape(value);
  const { rows } = await run(session, discoverStatement(schemas, quote), context);
  const catalog: CatalogRow[] = rows.map((row) => ({
    table_schema: text(row, "table_schema"),
    table_name: text(row, "table_name"),
    table_type: text(row, "table_type"),
    column_name: text(row, "column_name"),
    data_type: text(row, "data_type"),
    column_type: text(row, "column_type"),
  }));
  const json = new Set<string>();
  if (session.flavor === "mariadb") {
    const checks = await run(session, jsonColumnsStatement(schemas, quote), context);
    for (const row of checks.rows) json.add(`${text(row, "table_schema")}.${text(row, "table_name")}.${text(row, "column_name")}`);
  }
  return groupTables(catalog, json);
}
