/** What is in the database: tables, views and their columns, and names of result column types. */
import { groupColumns } from "../shared/catalog";
import type { Column, DiscoveredTable } from "../types";
import { cancelOnAbort, type PostgresClient, type Transaction } from "./api";
import { BUILTIN_TYPE_NAMES, canonicalType, columnType } from "./transform";

/** A column row of the discover query. */
export type CatalogRow = {
  schema: string;
  name: string;
  table_type: string;
  column: string;
  data_type: string;
  udt_name: string;
  typtype: string | null;
};

/**
 * Tables, views and foreign tables of every schema except Postgres' own (pg_catalog,
 * information_schema, pg_toast, pg_temp_*, Redshift's pg_internal…), from information_schema,
 * which lists only what the user may see. Materialized views are not in information_schema.
 */
export function discoverStatement(schemas: readonly string[]): string {
  const only = schemas.length > 0 ? `AND c.table_schema IN (${schemas.map((_, i) => `$${i + 1}`).join(", ")})` : "";
  return `SELECT c.table_schema AS schema, c.table_name AS name, t.table_type, c.column_name AS column,
      c.data_type, c.udt_name, ty.typtype
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    LEFT JOIN pg_catalog.pg_namespace un ON un.nspname = c.udt_schema
    LEFT JOIN pg_catalog.pg_type ty ON ty.typnamespace = un.oid AND ty.typname = c.udt_name
    WHERE c.table_schema NOT IN ('information_schema', 'pg_catalog') AND c.table_schema NOT LIKE 'pg\\_%'
      AND t.table_type IN ('BASE TABLE', 'VIEW', 'FOREIGN') ${only}
    ORDER BY c.table_schema, c.table_name, c.ordinal_position`;
}

function nativeTypeOf(row: CatalogRow): string {
  if (row.data_type === "ARRAY") return canonicalType(row.udt_name);
  return row.data_type === "USER-DEFINED" ? row.udt_name : row.data_type;
}

/** Groups the (ordered) column rows into tables. Pure. */
export function groupTables(rows: readonly CatalogRow[]): DiscoveredTable[] {
  return groupColumns(
    rows.map((row) => {
      const nativeType = nativeTypeOf(row);
      return {
        schema: row.schema,
        table: row.name,
        kind: row.table_type === "VIEW" ? "view" : "table",
        column: { name: row.column, type: columnType(nativeType, row.typtype ?? undefined), nativeType },
      };
    }),
  );
}

export async function discoverTables(tx: Transaction, schemas: readonly string[], signal?: AbortSignal): Promise<DiscoveredTable[]> {
  const pending = tx.unsafe<CatalogRow[]>(discoverStatement(schemas), [...schemas], { prepare: false });
  return groupTables(await cancelOnAbort(signal, () => pending.cancel(), () => pending));
}

type TypeInfo = { name: string; typtype?: string };
const typeNames = new WeakMap<PostgresClient, Map<number, TypeInfo>>();

/**
 * Result columns (name + type OID) → Columns. Built-in OIDs are known; others (enums, domains
 * over arrays, extension types) are looked up in pg_type once per pool. A failed lookup leaves
 * the type "unknown" rather than failing the query.
 */
export async function describeColumns(client: PostgresClient, columns: { name: string; type: number }[]): Promise<Column[]> {
  let known = typeNames.get(client);
  if (known === undefined) {
    known = new Map();
    typeNames.set(client, known);
  }
  const missing = [...new Set(columns.map((column) => column.type))].filter(
    (oid) => !BUILTIN_TYPE_NAMES.has(oid) && !known.has(oid),
  );
  if (missing.length > 0) {
    const placeholders = missing.map((_, i) => `$${i + 1}`).join(", ");
    const rows = await client
      .unsafe<{ oid: string; typname: string; typtype: string }[]>(
        `SELECT oid, typname, typtype FROM pg_catalog.pg_type WHERE oid IN (${placeholders})`,
        missing.map(String),
        { prepare: false },
      )
      .catch(() => []);
    for (const row of rows) known.set(Number(row.oid), { name: canonicalType(row.typname), typtype: row.typtype });
  }
  return columns.map(({ name, type }) => {
    const info = known.get(type) ?? { name: BUILTIN_TYPE_NAMES.get(type) ?? `oid ${type}` };
    return { name, type: columnType(info.name, info.typtype), nativeType: info.name };
  });
}
