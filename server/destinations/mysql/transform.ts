/**
 * Cells → the parameters MySQL/MariaDB read for a column. Pure.
 *
 * Strings and numbers go as they are and the server converts them (strict mode, set on every
 * connection, refuses what does not fit). JSON columns take the value as JSON (a string value
 * becomes a JSON string); objects and arrays elsewhere are written as JSON text; booleans are
 * 1/0 in numeric columns and "true"/"false" elsewhere. ISO 8601 timestamps are rewritten for
 * DATETIME/TIMESTAMP/DATE columns, which take neither the "T" with a zone nor "Z" on MariaDB:
 * converted to UTC (the session time zone) and written as `YYYY-MM-DD hh:mm:ss[.ffffff]`.
 */
import type { CellValue } from "../../sources/types";
import type { MysqlColumn } from "./catalog";

export type Param = string | number | null;

const TEMPORAL = new Set(["date", "datetime", "timestamp"]);

const ISO_TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(\.\d{1,9})?)?\s*(Z|[+-]\d\d(?::?\d\d)?)?$/i;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/**
 * `2024-01-02T03:04:05.123456+02:00` → `2024-01-02 01:04:05.123456`. Text that is not such a
 * timestamp is returned as it is (the server decides). Fractions keep their digits, up to 6.
 */
export function mysqlDateTime(text: string): string {
  const match = ISO_TIMESTAMP.exec(text.trim());
  if (match === null) return text;
  const [, year, month, day, hours, minutes, seconds = "00", fraction = "", zone] = match;
  let offsetMinutes = 0;
  if (zone !== undefined && zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    offsetMinutes = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0")) * (zone.startsWith("-") ? -1 : 1);
  }
  const utc = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes) - offsetMinutes, Number(seconds)));
  if (Number.isNaN(utc.getTime())) return text;
  const date = `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}`;
  const time = `${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}`;
  return `${date} ${time}${fraction.slice(0, 7)}`;
}

/** The parameter for `value` in `column` (null for SQL NULL). */
export function toParam(value: CellValue | undefined, column: Pick<MysqlColumn, "json" | "type" | "dataType">): Param {
  if (value === null || value === undefined) return null;
  if (column.json) return JSON.stringify(value);
  if (typeof value === "boolean") {
    const numeric = column.type === "integer" || column.type === "number" || column.type === "boolean";
    return numeric ? Number(value) : String(value);
  }
  if (typeof value === "number") return value;
  if (typeof value === "string") return TEMPORAL.has(column.dataType) ? mysqlDateTime(value) : value;
  return JSON.stringify(value);
}
