/**
 * Databricks types and values. The driver runs with `preserveBigNumericPrecision`: BIGINT arrives
 * as a JS bigint and DECIMAL as an exact string; Arrow dates and timestamps arrive as Dates
 * (millisecond precision), complex types as objects or JSON strings, binary as base64. Rows
 * arrive keyed by column name, so of two columns with one name only the last survives: alias
 * them in model SQL.
 */
import type { CellValue, Column, ColumnType, DiscoveredTable, Row } from "../types";
import { floatCell, integerCell, parseJsonCell, toCell } from "../shared/values";
import { groupColumns } from "../shared/catalog";

/** Thrift TTypeId values (TCLIService) and the SQL names people know them by. */
export const TYPE_IDS: Record<number, { name: string; type: ColumnType }> = {
  0: { name: "BOOLEAN", type: "boolean" },
  1: { name: "TINYINT", type: "integer" },
  2: { name: "SMALLINT", type: "integer" },
  3: { name: "INT", type: "integer" },
  4: { name: "BIGINT", type: "integer" },
  5: { name: "FLOAT", type: "number" },
  6: { name: "DOUBLE", type: "number" },
  7: { name: "STRING", type: "string" },
  8: { name: "TIMESTAMP", type: "timestamp" },
  9: { name: "BINARY", type: "string" },
  10: { name: "ARRAY", type: "json" },
  11: { name: "MAP", type: "json" },
  12: { name: "STRUCT", type: "json" },
  13: { name: "UNION", type: "json" },
  14: { name: "USER_DEFINED", type: "unknown" },
  15: { name: "DECIMAL", type: "number" },
  16: { name: "VOID", type: "unknown" },
  17: { name: "DATE", type: "date" },
  18: { name: "VARCHAR", type: "string" },
  19: { name: "CHAR", type: "string" },
  20: { name: "INTERVAL YEAR TO MONTH", type: "string" },
  21: { name: "INTERVAL DAY TO SECOND", type: "string" },
};

/** Portable type of a Databricks SQL type name (`bigint`, `decimal(10,2)`, `array<string>`, …). */
export function columnType(nativeType: string): ColumnType {
  const type = nativeType.trim().toLowerCase().replace(/[(<].*$/, "").trim();
  switch (type) {
    case "tinyint":
    case "byte":
    case "smallint":
    case "short":
    case "int":
    case "integer":
    case "bigint":
    case "long":
      return "integer";
    case "float":
    case "real":
    case "double":
    case "decimal":
    case "dec":
    case "numeric":
      return "number";
    case "boolean":
      return "boolean";
    case "string":
    case "varchar":
    case "char":
    case "binary":
    case "interval":
      return "string";
    case "date":
      return "date";
    case "timestamp":
    case "timestamp_ntz":
    case "timestamp_ltz":
      return "timestamp";
    case "array":
    case "map":
    case "struct":
    case "variant":
    case "object":
      return "json";
    default:
      return type.startsWith("interval") ? "string" : "unknown";
  }
}

/** A result column: its name and Thrift type id. */
export type ResultColumn = { name: string; typeId: number | null };

/** Reads the driver's TTableSchema (`columns[].typeDesc.types[0].primitiveEntry.type`). */
export function resultColumns(schema: unknown): ResultColumn[] {
  const columns: unknown = typeof schema === "object" && schema !== null ? Reflect.get(schema, "columns") : undefined;
  if (!Array.isArray(columns)) return [];
  return columns.map((column: unknown, index) => {
    const get = (value: unknown, key: string): unknown =>
      typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
    const name = get(column, "columnName");
    const types = get(get(column, "typeDesc"), "types");
    const typeId = get(get(Array.isArray(types) ? types[0] : undefined, "primitiveEntry"), "type");
    return { name: typeof name === "string" ? name : `col${index}`, typeId: typeof typeId === "number" ? typeId : null };
  });
}

export function toColumn(column: ResultColumn): Column {
  const known = column.typeId === null ? undefined : TYPE_IDS[column.typeId];
  return known
    ? { name: column.name, type: known.type, nativeType: known.name }
    : { name: column.name, type: "unknown", nativeType: "UNKNOWN" };
}

/** One value of a column as a JSON-safe cell. */
export function toCellValue(value: unknown, typeId: number | null): CellValue {
  if (value === null || value === undefined) return null;
  switch (typeId) {
    case 1:
    case 2:
    case 3:
    case 4:
      return typeof value === "bigint" || typeof value === "number" || typeof value === "string" ? integerCell(value) : toCell(value);
    case 5:
    case 6:
      return typeof value === "number" || typeof value === "string" ? floatCell(value) : toCell(value);
    case 15:
      // Exact decimal string; a number only when the driver could not keep precision.
      return typeof value === "string" || typeof value === "number" ? value : toCell(value);
    case 17:
      return value instanceof Date ? value.toISOString().slice(0, 10) : toCell(value);
    case 10:
    case 11:
    case 12:
      return typeof value === "string" ? parseJsonCell(value) : toCell(value);
    default:
      return toCell(value);
  }
}

/** A fetched row (keyed by column name) as a Sluice row. */
export function toRow(columns: readonly ResultColumn[], values: object): Row {
  const row: Row = {};
  for (const column of columns) row[column.name] = toCellValue(Reflect.get(values, column.name), column.typeId);
  return row;
}

/** Groups information_schema rows (schema, table, table type, column, full data type) into tables. */
export function tablesFromColumns(rows: readonly object[]): DiscoveredTable[] {
  return groupColumns(
    rows.map((row) => {
      const text = (key: string) => {
        const value: unknown = Reflect.get(row, key);
        return typeof value === "string" ? value : "";
      };
      const dataType = text("full_data_type");
      return {
        schema: text("table_schema"),
        table: text("table_name"),
        kind: text("table_type").toUpperCase().includes("VIEW") ? "view" : "table",
        column: { name: text("column_name"), type: columnType(dataType), nativeType: dataType },
      };
    }),
  );
}
