/**
 * Cells → the text Postgres reads for a column, and Postgres array literals. Pure.
 *
 * Every value travels as text in a `text[]` parameter and is cast to the column's type in the
 * statement (postgres.js cannot send typed arrays without fetching types, and infers the wrong
 * type for a `Date[]`). Text is the type's own input format, so Postgres applies its parsing:
 * ISO 8601 timestamps (with or without zone; the session zone is UTC), numbers, booleans
 * ("true"/"false"), uuids. json/jsonb columns take the value as JSON (a string value becomes a
 * JSON string), array columns a JS array, anything else the value's text (objects as JSON).
 */
import type { CellValue } from "../../sources/types";
import type { PostgresColumn } from "./catalog";

/** An element of an array literal: double-quoted, with `\` and `"` escaped. */
function quoteElement(text: string): string {
  return `"${text.replace(/[\\"]/g, "\\$&")}"`;
}

function scalarText(value: Exclude<CellValue, null | CellValue[]>): string {
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** A JS array as a Postgres array literal; nested arrays become dimensions (`{{1,2},{3,4}}`). */
export function arrayText(values: readonly CellValue[]): string {
  const elements = values.map((value) => (value === null ? "NULL" : Array.isArray(value) ? arrayText(value) : quoteElement(scalarText(value))));
  return `{${elements.join(",")}}`;
}

/** A list of texts (null for SQL NULL) as the literal of a `text[]` parameter. */
export function textArray(texts: readonly (string | null)[]): string {
  return `{${texts.map((text) => (text === null ? "NULL" : quoteElement(text))).join(",")}}`;
}

/** The text Postgres reads for `value` in `column`, or null for SQL NULL. */
export function toText(value: CellValue | undefined, column: Pick<PostgresColumn, "format">): string | null {
  if (value === null || value === undefined) return null;
  if (column.format === "json") return JSON.stringify(value);
  if (column.format === "array" && Array.isArray(value)) return arrayText(value);
  return Array.isArray(value) ? JSON.stringify(value) : scalarText(value);
}
