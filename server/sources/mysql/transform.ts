/**
 * MySQL/MariaDB types → Sluice's portable types and JSON-safe cell values. Pure.
 *
 * The pool is opened with `dateStrings` (dates as the server's text), `bigNumberStrings`
 * (BIGINT and DECIMAL as exact strings) and session time zone UTC, so `toCell` only has to
 * make dates ISO, binary base64 and BIT a number.
 */
import { toJsonCell } from "../shared/values";
import type { CellValue, Column, ColumnType, Row } from "../types";

/** Result field metadata, as mysql2 reports it (FieldPacket). */
export type FieldInfo = {
  name: string;
  columnType?: number;
  characterSet?: number;
  flags: number | string[];
  extendedTypeName?: string;
  extendedFormat?: string;
};

const BINARY_CHARSET = 63;
const UNSIGNED_FLAG = 32;
const ENUM_FLAG = 256;
const SET_FLAG = 2048;

/** MYSQL_TYPE_* codes → type names; blob/string codes are refined by character set. */
const TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "decimal"], [1, "tinyint"], [2, "smallint"], [3, "int"], [4, "float"], [5, "double"], [6, "null"],
  [7, "timestamp"], [8, "bigint"], [9, "mediumint"], [10, "date"], [11, "time"], [12, "datetime"],
  [13, "year"], [14, "date"], [15, "varchar"], [16, "bit"], [245, "json"], [246, "decimal"],
  [247, "enum"], [248, "set"], [249, "blob"], [250, "blob"], [251, "blob"], [252, "blob"],
  [253, "varchar"], [254, "char"], [255, "geometry"],
]);

const INTEGER_NAMES = new Set(["tinyint", "smallint", "mediumint", "int", "bigint"]);

/** The native type name of a result field (MariaDB's extended metadata names json and uuid). */
export function fieldNativeType(field: FieldInfo): string {
  if (field.extendedFormat === "json") return "json";
  if (field.extendedTypeName) return field.extendedTypeName;
  const flags = typeof field.flags === "number" ? field.flags : 0;
  if (flags & ENUM_FLAG) return "enum";
  if (flags & SET_FLAG) return "set";
  const name = TYPE_NAMES.get(field.columnType ?? -1) ?? "unknown";
  const binary = field.characterSet === BINARY_CHARSET;
  if (name === "blob") return binary ? "blob" : "text";
  if (name === "varchar" && binary) return "varbinary";
  if (name === "char" && binary) return "binary";
  return INTEGER_NAMES.has(name) && flags & UNSIGNED_FLAG ? `${name} unsigned` : name;
}

const COLUMN_TYPES: Readonly<Record<string, ColumnType>> = {
  tinyint: "integer", smallint: "integer", mediumint: "integer", int: "integer", integer: "integer",
  bigint: "integer", year: "integer", bit: "integer",
  decimal: "number", numeric: "number", float: "number", double: "number", real: "number",
  date: "date", datetime: "timestamp", timestamp: "timestamp", json: "json",
  char: "string", varchar: "string", tinytext: "string", text: "string", mediumtext: "string", longtext: "string",
  enum: "string", set: "string", time: "string", uuid: "string", inet4: "string", inet6: "string",
  binary: "string", varbinary: "string", tinyblob: "string", blob: "string", mediumblob: "string", longblob: "string",
};

/** `bigint(20) unsigned` → `bigint`, `DECIMAL(10,2)` → `decimal`. */
export function baseType(nativeType: string): string {
  return nativeType.toLowerCase().replace(/\(.*?\)/g, "").replace(/\s+unsigned|\s+zerofill/g, "").trim();
}

export function columnType(nativeType: string): ColumnType {
  return COLUMN_TYPES[baseType(nativeType)] ?? "unknown";
}

export function fieldColumn(field: FieldInfo): Column {
  const nativeType = fieldNativeType(field);
  return { name: field.name, type: columnType(nativeType), nativeType };
}

/** BIT(n) bytes (big-endian) → a number, or an exact string past 2^53. */
function bitValue(bytes: Uint8Array): CellValue {
  const value = bytes.reduce((sum, byte) => (sum << 8n) | BigInt(byte), 0n);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

/**
 * A value as mysql2 returned it → a cell. DATETIME has no zone and stays without one
 * (`2024-01-02T03:04:05.678`); TIMESTAMP is read in the session zone, UTC, and gets a `Z`.
 * MySQL's zero dates (`0000-00-00`) are not dates and become null.
 */
export function toCell(value: unknown, nativeType: string): CellValue {
  const name = baseType(nativeType);
  if (name === "bit" && value instanceof Uint8Array) return bitValue(value);
  if (typeof value !== "string") return toJsonCell(value);
  if ((name === "date" || name === "datetime" || name === "timestamp") && value.startsWith("0000-00-00")) return null;
  if (name === "datetime") return value.replace(" ", "T");
  if (name === "timestamp") return `${value.replace(" ", "T")}Z`;
  return value;
}

/** A result row (mysql2 row object) → a Sluice row, each value converted by its column's native type. */
export function toRow(raw: object, columns: readonly Column[]): Row {
  const row: Row = {};
  for (const column of columns) {
    const value: unknown = Reflect.get(raw, column.name);
    row[column.name] = toCell(value, column.nativeType);
  }
  return row;
}
