/**
 * The bench model: `bench_customers`, ten typical customer columns, the same deterministic rows
 * in Postgres and in DuckDB (row i is a pure function of i, so any two copies can be compared),
 * the change an incremental run has to find, and one canonical text form of a row shared by both
 * databases and by webhook payloads, which is how correctness is checked.
 */
import type { ModelColumn } from "@/db/schema";
import type { CellValue } from "@/server/sources/types";

export const TABLE = "bench_customers";
export const KEY = "id";

type Column = { name: string; type: string; postgres: string; duckdb: string };

export const COLUMNS: readonly Column[] = [
  { name: "id", type: "integer", postgres: "bigint", duckdb: "BIGINT" },
  { name: "email", type: "string", postgres: "text", duckdb: "VARCHAR" },
  { name: "first_name", type: "string", postgres: "text", duckdb: "VARCHAR" },
  { name: "last_name", type: "string", postgres: "text", duckdb: "VARCHAR" },
  { name: "country", type: "string", postgres: "text", duckdb: "VARCHAR" },
  { name: "city", type: "string", postgres: "text", duckdb: "VARCHAR" },
  { name: "plan", type: "string", postgres: "text", duckdb: "VARCHAR" },
  { name: "lifetime_value", type: "number", postgres: "numeric(12,2)", duckdb: "DECIMAL(12,2)" },
  { name: "signed_up_at", type: "timestamp", postgres: "timestamptz", duckdb: "TIMESTAMPTZ" },
  { name: "is_active", type: "boolean", postgres: "boolean", duckdb: "BOOLEAN" },
];

export type Dialect = "postgres" | "duckdb";

export function modelColumns(dialect: Dialect): ModelColumn[] {
  return COLUMNS.map((column) => ({ name: column.name, type: column.type, nativeType: column[dialect], samples: [] }));
}

/** `CREATE TABLE`; the Postgres table has the key as primary key (the destination needs one to upsert). */
export function createTableStatement(dialect: Dialect, table: string): string {
  const columns = COLUMNS.map((column) => `${column.name} ${column[dialect]}${column.name === KEY && dialect === "postgres" ? " PRIMARY KEY" : ""}`);
  return `CREATE TABLE ${table} (${columns.join(", ")})`;
}

const FIRST_NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Dennis", "Radia", "Tim", "Hedy", "Linus", "Katherine", "Guido"];
const LAST_NAMES = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Ritchie", "Perlman", "Lee", "Lamarr", "Torvalds", "Johnson", "Rossum", "Wirth", "Kay", "Backus", "Hoare"];
const COUNTRIES = ["US", "DE", "FR", "GB", "NL", "ES", "IT", "SE", "BR", "JP", "IN", "CA"];
const CITIES = ["Springfield", "Berlin", "Lyon", "Leeds", "Utrecht", "Sevilla", "Torino", "Malmö", "Recife", "Osaka", "Pune", "Calgary", "Austin", "Hamburg", "Nantes", "Bristol", "Delft", "Bilbao", "Bologna", "Uppsala", "Curitiba", "Kyoto", "Mysore", "Halifax"];
const PLANS = ["free", "starter", "pro", "enterprise"];

const list = (values: string[]) => values.map((value) => `'${value}'`).join(", ");

/** Picks `values[expression % length]`; both databases index lists from 1. */
function pick(dialect: Dialect, values: string[], expression: string): string {
  return dialect === "postgres"
    ? `(ARRAY[${list(values)}])[((${expression}) % ${values.length})::int + 1]`
    : `[${list(values)}][(${expression}) % ${values.length} + 1]`;
}

/** The values of row `i` (a bigint expression), in column order. */
function rowExpressions(dialect: Dialect, i: string): string[] {
  // DuckDB's `/` divides as floats; `//` is its integer division.
  const div = (n: number) => `${i} ${dialect === "postgres" ? "/" : "//"} ${n}`;
  const seconds = `(${i} * 104729) % 157680000`;
  return [
    i,
    `'customer' || ${i} || '@example.com'`,
    pick(dialect, FIRST_NAMES, i),
    pick(dialect, LAST_NAMES, div(16)),
    pick(dialect, COUNTRIES, div(3)),
    `CASE WHEN ${i} % 50 = 7 THEN NULL ELSE ${pick(dialect, CITIES, div(5))} END`,
    pick(dialect, PLANS, div(7)),
    dialect === "postgres" ? `(((${i} * 7919) % 1000000) * 0.01)::numeric(12,2)` : `CAST(CAST((${i} * 7919) % 1000000 AS DECIMAL(18,0)) * 0.01 AS DECIMAL(12,2))`,
    dialect === "postgres"
      ? `timestamptz '2020-01-01 00:00:00+00' + (${seconds}) * interval '1 second'`
      : `TIMESTAMPTZ '2020-01-01 00:00:00+00' + to_seconds(${seconds})`,
    `${i} % 10 <> 3`,
  ];
}

/** Inserts rows `from..to` (inclusive). */
export function insertRowsStatement(dialect: Dialect, table: string, from: number, to: number): string {
  const series = dialect === "postgres" ? `generate_series(${from}::bigint, ${to}::bigint) AS s(i)` : `range(${from}, ${to + 1}) AS s(i)`;
  return `INSERT INTO ${table} SELECT ${rowExpressions(dialect, "i").join(", ")} FROM ${series}`;
}

/**
 * The change between the initial and the incremental run, for a model of `rows` rows:
 * 1% of rows updated (every id divisible by 100), 0.1% deleted (ids ending in 001) and 0.1%
 * inserted (new ids after the last). The three sets never overlap.
 */
export type Mutation = { rows: number; updated: number[]; deleted: number[]; inserted: number[] };

export function mutationOf(rows: number): Mutation {
  const updated: number[] = [];
  const deleted: number[] = [];
  const inserted: number[] = [];
  for (let id = 100; id <= rows; id += 100) updated.push(id);
  for (let id = 1; id <= rows; id += 1000) deleted.push(id);
  const added = Math.ceil(rows / 1000);
  for (let id = rows + 1; id <= rows + added; id++) inserted.push(id);
  return { rows, updated, deleted, inserted };
}

/** The statements applying `mutation`, each with the number of rows it must touch. */
export function mutationStatements(dialect: Dialect, table: string, mutation: Mutation): { sql: string; rows: number }[] {
  const last = mutation.inserted.at(-1) ?? mutation.rows;
  return [
    { sql: `UPDATE ${table} SET lifetime_value = lifetime_value + 1.25, is_active = NOT is_active WHERE id % 100 = 0`, rows: mutation.updated.length },
    { sql: `DELETE FROM ${table} WHERE id % 1000 = 1`, rows: mutation.deleted.length },
    { sql: insertRowsStatement(dialect, table, mutation.rows + 1, last), rows: mutation.inserted.length },
  ];
}

/** Rows whose new values a destination must have received (updated and inserted). */
export function sentRowsCondition(mutation: Mutation): string {
  return `id % 100 = 0 OR id > ${mutation.rows}`;
}

const NULL_TEXT = "\\N";

/**
 * A row as one line, `id|email|…|epoch seconds|T/F`, the same text in both databases: decimals
 * as printed (12.50), timestamps as whole epoch seconds, NULL as \N. Lines sort like their ids.
 */
export function canonicalLineSql(dialect: Dialect): string {
  const epoch = dialect === "postgres" ? "extract(epoch FROM signed_up_at)::bigint" : "CAST(epoch(signed_up_at) AS BIGINT)";
  return `concat_ws('|', id, email, first_name, last_name, country, coalesce(city, '${NULL_TEXT}'), plan, lifetime_value, ${epoch}, CASE WHEN is_active THEN 'T' ELSE 'F' END)`;
}

/** The canonical line of a payload as a source sends it (bigint and decimal as strings, ISO timestamps). */
export function canonicalLineOf(payload: Record<string, CellValue>): string {
  const text = (value: CellValue | undefined) => (value === null || value === undefined ? NULL_TEXT : typeof value === "object" ? JSON.stringify(value) : String(value));
  const at = payload.signed_up_at;
  const epoch = typeof at === "string" ? String(Math.round(Date.parse(at) / 1000)) : text(at);
  return [
    text(payload.id),
    text(payload.email),
    text(payload.first_name),
    text(payload.last_name),
    text(payload.country),
    text(payload.city),
    text(payload.plan),
    text(payload.lifetime_value),
    epoch,
    payload.is_active === true ? "T" : payload.is_active === false ? "F" : text(payload.is_active),
  ].join("|");
}

/** The id a canonical line starts with. */
export function idOfLine(line: string): number {
  return Number(line.slice(0, line.indexOf("|")));
}
