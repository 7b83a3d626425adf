/**
 * Snowflake types and values as Sluice handles them. Numbers arrive as strings (the driver is
 * asked to `fetchAsString` them) so NUMBER(38,0) ids and decimals stay exact; dates and
 * timestamps arrive as the driver's date objects, which keep nanoseconds (TIMESTAMP_NTZ is
 * written without a zone, LTZ/TZ as the UTC instant); BINARY is upper-case hex, as Snowflake
 * shows it.
 */
import type { CellValue, Column, ColumnType, DiscoveredTable } from "../types";
import { floatCell, integerCell, toCell } from "../shared/values";
import { groupColumns } from "../shared/catalog";

/**
 * Portable type of a Snowflake type name, from INFORMATION_SCHEMA (`NUMBER`, `TEXT`, …) or from
 * result metadata (`fixed`, `real`, `text`, …). NUMBER with scale 0 is an integer.
 */
export function columnType(nativeType: string, scale: number | null): ColumnType {
  const type = nativeType.toUpperCase();
  switch (type) {
    case "NUMBER":
    case "FIXED":
    case "DECIMAL":
    case "NUMERIC":
      return scale === null || scale === 0 ? "integer" : "number";
    case "INT":
    case "INTEGER":
    case "BIGINT":
    case "SMALLINT":
    case "TINYINT":
    case "BYTEINT":
      return "integer";
    case "FLOAT":
    case "REAL":
    case "DOUBLE":
      return "number";
    case "TEXT":
    case "VARCHAR":
    case "CHAR":
    case "STRING":
    case "BINARY":
    case "TIME":
      return "string";
    case "BOOLEAN":
      return "boolean";
    case "DATE":
      return "date";
    case "TIMESTAMP_NTZ":
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
    case "TIMESTAMP":
    case "DATETIME":
      return "timestamp";
    case "VARIANT":
    case "OBJECT":
    case "ARRAY":
    case "MAP":
    case "GEOGRAPHY":
    case "GEOMETRY":
    case "VECTOR":
      return "json";
    default:
      return "unknown";
  }
}

/** The type name people know from Snowflake for result metadata names (`fixed` → NUMBER(38,0)). */
export function nativeTypeName(driverType: string, precision: number | null, scale: number | null): string {
  switch (driverType.toLowerCase()) {
    case "fixed":
      return `NUMBER(${precision ?? 38},${scale ?? 0})`;
    case "real":
      return "FLOAT";
    case "text":
      return "VARCHAR";
    default:
      return driverType.toUpperCase();
  }
}

/** A result column as the driver describes it. */
export type ResultColumn = { name: string; type: string; scale: number | null; precision: number | null };

export function toColumn(column: ResultColumn): Column {
  return {
    name: column.name,
    type: columnType(column.type, column.scale),
    nativeType: nativeTypeName(column.type, column.precision, column.scale),
  };
}

/** The driver's date objects: a Date with the exact epoch seconds and nanoseconds attached. */
interface SnowflakeDate extends Date {
  getEpochSeconds(): number;
  getNanoSeconds(): number;
}

function isSnowflakeDate(value: unknown): value is SnowflakeDate {
  return (
    value instanceof Date &&
    typeof Reflect.get(value, "getEpochSeconds") === "function" &&
    typeof Reflect.get(value, "getNanoSeconds") === "function"
  );
}

/** ISO 8601 from epoch seconds and nanoseconds; `zone` is "Z" for instants, "" for wall-clock time. */
export function isoTimestamp(epochSeconds: number, nanoSeconds: number, scale: number | null, zone: "Z" | ""): string {
  const base = new Date(epochSeconds * 1000).toISOString().slice(0, 19);
  const digits = Math.min(Math.max(scale ?? 9, 0), 9);
  const fraction = digits > 0 ? `.${String(nanoSeconds).padStart(9, "0").slice(0, digits)}` : "";
  return `${base}${fraction}${zone}`;
}

/** One value of a column of driver type `type` (result metadata name) as a JSON-safe cell. */
export function toCellValue(value: unknown, column: Pick<ResultColumn, "type" | "scale">): CellValue {
  if (value === null || value === undefined) return null;
  const type = column.type.toLowerCase();
  if (type === "fixed" && (typeof value === "string" || typeof value === "number")) {
    // Integers that fit a double become numbers; decimals stay exact strings ("12.30").
    return column.scale === null || column.scale === 0 ? integerCell(value) : String(value);
  }
  if (type === "real" && (typeof value === "string" || typeof value === "number")) return floatCell(value);
  if (isSnowflakeDate(value)) {
    if (type === "date") return new Date(value.getEpochSeconds() * 1000).toISOString().slice(0, 10);
    const zone = type === "timestamp_ntz" ? "" : "Z";
    return isoTimestamp(value.getEpochSeconds(), value.getNanoSeconds(), column.scale, zone);
  }
  if (type === "binary" && value instanceof Uint8Array) return Buffer.from(value).toString("hex").toUpperCase();
  return toCell(value);
}

/** A discovered column row: schema, table, table type, column, data type, numeric precision and scale. */
export type DiscoverRow = [string, string, string, string, string, number | null, number | null];

export function discoverRow(values: readonly unknown[]): DiscoverRow {
  const text = (index: number) => {
    const value = values[index];
    return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
  };
  const number = (index: number) => {
    const value = values[index];
    return value === null || value === undefined || value === "" ? null : Number(value);
  };
  return [text(0), text(1), text(2), text(3), text(4), number(5), number(6)];
}

/** Groups column rows (ordered by schema, table, position) into tables. */
export function tablesFromColumns(rows: readonly DiscoverRow[]): DiscoveredTable[] {
  return groupColumns(
    rows.map(([schema, table, tableType, column, dataType, precision, scale]) => {
      const type = dataType.toUpperCase();
      const nativeType = type === "NUMBER" && precision !== null ? `NUMBER(${precision},${scale ?? 0})` : type;
      return {
        schema,
        table,
        kind: tableType.toUpperCase().includes("VIEW") ? "view" : "table",
        column: { name: column, type: columnType(type, scale), nativeType },
      };
    }),
  );
}
