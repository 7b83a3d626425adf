/**
 * The tables a Postgres destination writes to, from pg_catalog: columns with their types,
 * nullability, defaults and single-column unique constraints. Tables are named
 * `<schema>.<table>`, unquoted, as `discover` lists them.
 */
import { postgresDialect } from "../../sources/postgres/dialect";
import { canonicalType, columnType } from "../../sources/postgres/transform";
import { DestinationRefusedError } from "../types";
import type { Table, TableColumn } from "./table";

export type PostgresColumn = TableColumn & {
  /**
   * The type the text of a value is cast to: the type's schema-qualified internal name, quoted,
   * without modifiers (`"pg_catalog"."bpchar"`, never `character`, which means char(1)), so the
   * column's own length and precision apply on assignment and refuse what does not fit.
   */
  castType: string;
  /** How a value is written as text: JSON for json/jsonb, an array literal for arrays. */
  format: "json" | "array" | "text";
  /** GENERATED ALWAYS AS IDENTITY: an insert that gives a value needs OVERRIDING SYSTEM VALUE. */
  identityAlways: boolean;
};

export type PostgresTable = Table<PostgresColumn> & { schema: string; table: string };

/** A row of the catalog statements. Flags arrive as "t"/"f" (the pool parses no type). */
export type CatalogRow = {
  schema_name: string;
  table_name: string;
  column_name: string;
  native_type: string;
  type_schema: string;
  type_name: string;
  typtype: string;
  not_null: unknown;
  has_default: unknown;
  /** pg_attribute.attidentity: "a" (ALWAYS), "d" (BY DEFAULT) or "". */
  identity: string;
  /** pg_attribute.attgenerated: "s" (stored) or "". */
  generated: string;
  is_unique: unknown;
};

/**
 * A unique index can match rows on its own (and be an ON CONFLICT arbiter) when it covers this
 * one column, whole, on every row, and is checked at once (not deferrable).
 */
const COLUMNS = `SELECT n.nspname AS schema_name, c.relname AS table_name, a.attname AS column_name,
    format_type(a.atttypid, NULL) AS native_type, tn.nspname AS type_schema, t.typname AS type_name, t.typtype,
    a.attnotnull AS not_null, a.atthasdef AS has_default, a.attidentity AS identity, a.attgenerated AS generated,
    EXISTS (SELECT FROM pg_catalog.pg_index i
      WHERE i.indrelid = c.oid AND i.indisunique AND i.indimmediate AND i.indisvalid AND i.indpred IS NULL
        AND i.indexprs IS NULL AND i.indnkeyatts = 1 AND i.indkey[0] = a.attnum) AS is_unique
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
  WHERE c.relkind IN ('r', 'p')`;

const ORDER = "ORDER BY n.nspname, c.relname, a.attnum";

/**
 * Tables (and partitioned tables, not their partitions) the user may write to, in `schemas` or
 * in every schema but Postgres' own. Schema names are bound as $1…$n.
 */
export function discoverStatement(schemas: readonly string[]): string {
  const only = schemas.length > 0 ? `AND n.nspname IN (${schemas.map((_, i) => `$${i + 1}`).join(", ")})` : "";
  return `${COLUMNS} AND NOT c.relispartition
    AND n.nspname NOT IN ('information_schema', 'pg_catalog') AND n.nspname NOT LIKE 'pg\\_%'
    AND has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE') ${only}
  ${ORDER}`;
}

/** Every way to read `object` as `<schema>.<table>` (names may contain dots). */
export function nameCandidates(object: string): [schema: string, table: string][] {
  const candidates: [string, string][] = [];
  for (let at = object.indexOf("."); at >= 0; at = object.indexOf(".", at + 1)) candidates.push([object.slice(0, at), object.slice(at + 1)]);
  return candidates;
}

/** The table named by one of `candidates`, bound as ($1, $2), ($3, $4)…; privileges are the statement's to check. */
export function tableStatement(candidates: readonly (readonly [string, string])[]): string {
  const pairs = candidates.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(", ");
  return `${COLUMNS} AND (n.nspname, c.relname) IN (${pairs}) ${ORDER}`;
}

function flag(value: unknown): boolean {
  return value === true || value === "t";
}

function columnOf(row: CatalogRow): PostgresColumn {
  const generated = row.generated !== "";
  const canonical = canonicalType(row.native_type);
  const quote = (name: string) => postgresDialect.quoteIdentifier(name);
  return {
    name: row.column_name,
    type: columnType(row.native_type, row.typtype),
    required: flag(row.not_null) && !flag(row.has_default) && row.identity === "" && !generated,
    unique: flag(row.is_unique),
    generated,
    castType: `${quote(row.type_schema)}.${quote(row.type_name)}`,
    format: canonical.endsWith("[]") ? "array" : canonical === "json" || canonical === "jsonb" ? "json" : "text",
    identityAlways: row.identity === "a",
  };
}

/** Groups the (ordered) column rows into tables. Pure. */
export function groupTables(rows: readonly CatalogRow[]): PostgresTable[] {
  const tables = new Map<string, PostgresTable>();
  for (const row of rows) {
    const key = JSON.stringify([row.schema_name, row.table_name]);
    let table = tables.get(key);
    if (table === undefined) {
      table = { name: `${row.schema_name}.${row.table_name}`, schema: row.schema_name, table: row.table_name, columns: [] };
      tables.set(key, table);
    }
    table.columns.push(columnOf(row));
  }
  return [...tables.values()];
}

/** The one table among `found` for `object`; refuses when there is none, or more than one. */
export function onlyTable(found: readonly PostgresTable[], object: string, database: string): PostgresTable {
  const [table, other] = found;
  if (table === undefined) {
    throw new DestinationRefusedError(`Table ${object} does not exist in database "${database}": choose one of the tables listed.`, "not_found");
  }
  if (other !== undefined) {
    throw new DestinationRefusedError(
      `"${object}" names more than one table (${found.map((each) => `"${each.schema}"."${each.table}"`).join(", ")}); rename one of them.`,
      "invalid_config",
    );
  }
  return table;
}
