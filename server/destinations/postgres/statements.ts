/**
 * The set-based statement of one run of records, and what its result means. Pure.
 *
 * Every statement starts from the run's values as parallel arrays, one row per record:
 *     WITH sluice_input AS (SELECT u.ord, u.c1::<type> AS c1, …
 *       FROM unnest($1::int4[], $2::text[], …) AS u(ord, c1, …))
 * where `ord` is the record's index in the batch and c1… are the run's columns in table order,
 * cast to their types (see transform.ts). Then, by operation:
 *   upsert   INSERT … SELECT … ON CONFLICT (<identifier>) DO UPDATE SET <other columns>
 *            (DO NOTHING when there are none), RETURNING whether the row is new (xmax = 0);
 *   insert   the same with DO NOTHING: an existing row is left as it is;
 *   update   UPDATE … FROM sluice_input RETURNING ord: a record without a row is not returned;
 *   delete   DELETE … USING sluice_input.
 * Names come from the catalog and are quoted; values are only ever parameters.
 */
import { postgresDialect } from "../../sources/postgres/dialect";
import type { RecordOutcome } from "../types";
import type { PostgresColumn, PostgresTable } from "./catalog";
import { accepted, type Entry, type Run, updatedOutcomes, writtenOutcomes } from "./table";
import { textArray, toText } from "./transform";

export type Statement = { text: string; params: string[] };

/** A result row: `ord` always, `created` for inserts and upserts ("t"/"f": the pool parses no type). */
export type ResultRow = { ord: unknown; created?: unknown };

const quote = (name: string) => postgresDialect.quoteIdentifier(name);

function inputSource(columns: readonly PostgresColumn[]): string {
  const casts = columns.map((column, i) => `u.c${i + 1}::${column.castType} AS c${i + 1}`).join(", ");
  const arrays = columns.map((_, i) => `$${i + 2}::pg_catalog.text[]`).join(", ");
  const names = columns.map((_, i) => `c${i + 1}`).join(", ");
  return `WITH sluice_input AS (SELECT u.ord, ${casts}
  FROM unnest($1::pg_catalog.int4[], ${arrays}) AS u(ord, ${names}))`;
}

function sqlText(table: PostgresTable, run: Run<PostgresColumn>): string {
  const { operation, identifier, columns } = run;
  const target = postgresDialect.qualifiedTable(table.schema, table.table);
  const alias = (column: PostgresColumn) => `c${columns.indexOf(column) + 1}`;
  const matches = `sluice_target.${quote(identifier.name)} = sluice_input.${alias(identifier)}`;
  const others = columns.filter((column) => column !== identifier);
  const input = inputSource(columns);
  switch (operation) {
    case "upsert":
    case "insert": {
      const overriding = columns.some((column) => column.identityAlways) ? " OVERRIDING SYSTEM VALUE" : "";
      const onConflict =
        operation === "insert" || others.length === 0
          ? "DO NOTHING"
          : `DO UPDATE SET ${others.map((column) => `${quote(column.name)} = EXCLUDED.${quote(column.name)}`).join(", ")}`;
      return `${input},
sluice_written AS (
  INSERT INTO ${target} AS sluice_target (${columns.map((column) => quote(column.name)).join(", ")})${overriding}
  SELECT ${columns.map(alias).join(", ")} FROM sluice_input
  ON CONFLICT (${quote(identifier.name)}) ${onConflict}
  RETURNING sluice_target.${quote(identifier.name)} AS sluice_key, sluice_target.xmax = 0 AS sluice_created)
SELECT sluice_input.ord, sluice_written.sluice_created AS created
  FROM sluice_input JOIN sluice_written ON sluice_written.sluice_key = sluice_input.${alias(identifier)}`;
    }
    case "update":
      if (others.length === 0) {
        return `${input}
SELECT sluice_input.ord FROM sluice_input JOIN ${target} AS sluice_target ON ${matches}`;
      }
      return `${input}
UPDATE ${target} AS sluice_target SET ${others.map((column) => `${quote(column.name)} = sluice_input.${alias(column)}`).join(", ")}
  FROM sluice_input WHERE ${matches}
  RETURNING sluice_input.ord`;
    case "delete":
      return `${input}
DELETE FROM ${target} AS sluice_target USING sluice_input WHERE ${matches}`;
  }
}

/** The statement writing `entries` of `run` into `table`. */
export function runStatement(table: PostgresTable, run: Run<PostgresColumn>, entries: readonly Entry[]): Statement {
  const ords = textArray(entries.map((entry) => String(entry.index)));
  const values = run.columns.map((column) => textArray(entries.map((entry) => toText(entry.record.payload[column.name], column))));
  return { text: sqlText(table, run), params: [ords, ...values] };
}

function flag(value: unknown): boolean {
  return value === true || value === "t";
}

/** The outcome of each of `entries` from the rows the statement returned. */
export function runOutcomes(run: Run<PostgresColumn>, entries: readonly Entry[], rows: readonly ResultRow[]): RecordOutcome[] {
  switch (run.operation) {
    case "upsert":
    case "insert":
      return writtenOutcomes(entries, new Set(rows.filter((row) => flag(row.created)).map((row) => Number(row.ord))));
    case "update":
      return updatedOutcomes(entries, run.identifier, new Set(rows.map((row) => Number(row.ord))));
    case "delete":
      return entries.map(({ record }) => accepted(record.key));
  }
}
