/**
 * BigQuery types and values. Result pages are read raw (`skipParsing`), as the REST API sends
 * them: every scalar a string (`{ v: "42" }`), records as `{ f: [...] }`, repeated fields as
 * `[{ v }, ...]`, timestamps as int64 microseconds (`formatOptions.useInt64Timestamp`). Decoding
 * here keeps INT64 beyond 2^53 and NUMERIC/BIGNUMERIC exact, and timestamps to the microsecond.
 */
import type { CellValue, Column, ColumnType, DiscoveredTable, Row } from "../types";
import { floatCell, integerCell, parseJsonCell } from "../shared/values";
import { groupColumns } from "../shared/catalog";

/** A schema field as the API describes it (a subset of ITableFieldSchema). */
export type Field = { name?: string; type?: string; mode?: string; fields?: Field[] };

/**
 * Portable type of a BigQuery type, from result schemas (`INTEGER`, `RECORD`, …) or from
 * INFORMATION_SCHEMA (`INT64`, `NUMERIC(10, 2)`, `ARRAY<STRING>`, `STRUCT<a INT64>`).
 */
export function columnType(nativeType: string): ColumnType {
  const type = nativeType.trim().toUpperCase().replace(/[(<].*$/, "").trim();
  switch (type) {
    case "INTEGER":
    case "INT64":
      return "integer";
    case "FLOAT":
    case "FLOAT64":
    case "NUMERIC":
    case "BIGNUMERIC":
    case "DECIMAL":
    case "BIGDECIMAL":
      return "number";
    case "BOOLEAN":
    case "BOOL":
      return "boolean";
    case "STRING":
    case "BYTES":
    case "TIME":
    case "DATETIME":
    case "INTERVAL":
    case "GEOGRAPHY":
    case "RANGE":
      return "string";
    case "DATE":
      return "date";
    case "TIMESTAMP":
      return "timestamp";
    case "JSON":
    case "RECORD":
    case "STRUCT":
    case "ARRAY":
      return "json";
    default:
      return "unknown";
  }
}

/** The type as people write it: `ARRAY<INT64>` for a repeated INTEGER field, `STRUCT` for a record. */
export function nativeTypeName(field: Field): string {
  const names: Record<string, string> = { INTEGER: "INT64", FLOAT: "FLOAT64", BOOLEAN: "BOOL", RECORD: "STRUCT" };
  const type = (field.type ?? "UNKNOWN").toUpperCase();
  const name = names[type] ?? type;
  return field.mode?.toUpperCase() === "REPEATED" ? `ARRAY<${name}>` : name;
}

export function toColumn(field: Field, name: string): Column {
  const repeated = field.mode?.toUpperCase() === "REPEATED";
  return { name, type: repeated ? "json" : columnType(field.type ?? ""), nativeType: nativeTypeName(field) };
}

/** int64 microseconds since the epoch (or, from older APIs, float seconds) as ISO 8601 in UTC. */
export function isoFromMicros(value: string): string {
  if (!/^-?\d+$/.test(value)) return new Date(Number(value) * 1000).toISOString();
  const micros = BigInt(value);
  const million = BigInt(1_000_000);
  let seconds = micros / million;
  let fraction = micros % million;
  if (fraction < BigInt(0)) {
    seconds -= BigInt(1);
    fraction += million;
  }
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${base}.${fraction.toString().padStart(6, "0")}Z`;
}

function cellOf(raw: unknown): unknown {
  return typeof raw === "object" && raw !== null && !Array.isArray(raw) ? Reflect.get(raw, "v") : undefined;
}

function scalar(type: string, value: string): CellValue {
  switch (type) {
    case "INTEGER":
    case "INT64":
      return integerCell(value);
    case "FLOAT":
    case "FLOAT64":
      return floatCell(value);
    case "BOOLEAN":
    case "BOOL":
      return value.toLowerCase() === "true";
    case "TIMESTAMP":
      return isoFromMicros(value);
    case "JSON":
      return parseJsonCell(value);
    default:
      // STRING, NUMERIC/BIGNUMERIC (exact), BYTES (base64), DATE, TIME, DATETIME, GEOGRAPHY (WKT), INTERVAL, RANGE.
      return value;
  }
}

/** One field's `v` as a JSON-safe cell: records become objects, repeated fields arrays. */
export function decodeValue(field: Field, v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (field.mode?.toUpperCase() === "REPEATED") {
    const items = Array.isArray(v) ? v : [];
    return items.map((item) => decodeValue({ ...field, mode: "NULLABLE" }, cellOf(item)));
  }
  const type = (field.type ?? "").toUpperCase();
  if (type === "RECORD" || type === "STRUCT") return decodeRecord(field.fields ?? [], v);
  return typeof v === "string" ? scalar(type, v) : null;
}

function decodeRecord(fields: readonly Field[], record: unknown): CellValue {
  const cells: unknown = typeof record === "object" && record !== null ? Reflect.get(record, "f") : undefined;
  const list = Array.isArray(cells) ? cells : [];
  const result: Record<string, CellValue> = {};
  fields.forEach((field, index) => {
    result[field.name ?? `f${index}`] = decodeValue(field, cellOf(list[index]));
  });
  return result;
}

/** A raw result row (`{ f: [{ v }, ...] }`) keyed by `names` (the fields' unique names). */
export function decodeRow(fields: readonly Field[], names: readonly string[], raw: unknown): Row {
  const cells: unknown = typeof raw === "object" && raw !== null ? Reflect.get(raw, "f") : undefined;
  const list = Array.isArray(cells) ? cells : [];
  const row: Row = {};
  fields.forEach((field, index) => {
    row[names[index] ?? field.name ?? `f${index}`] = decodeValue(field, cellOf(list[index]));
  });
  return row;
}

/** Groups INFORMATION_SCHEMA column rows (schema, table, table type, column, data type) into tables. */
export function tablesFromColumns(rows: readonly Row[]): DiscoveredTable[] {
  return groupColumns(
    rows.map((row) => {
      const text = (key: string) => {
        const value: unknown = row[key];
        return typeof value === "string" ? value : "";
      };
      const dataType = text("data_type");
      return {
        schema: text("table_schema"),
        table: text("table_name"),
        kind: text("table_type").toUpperCase().includes("VIEW") ? "view" : "table",
        column: { name: text("column_name"), type: columnType(dataType), nativeType: dataType },
      };
    }),
  );
}
