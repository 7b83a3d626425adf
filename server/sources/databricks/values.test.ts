import { describe, expect, it } from "vitest";
import { discovered } from "@/test/catalog";
import { columnType, resultColumns, tablesFromColumns, toCellValue, toColumn, toRow } from "./values";

/** A TTableSchema as the driver returns it from getSchema(). */
const schema = {
  columns: [
    { columnName: "id", typeDesc: { types: [{ primitiveEntry: { type: 4 } }] }, position: 1 },
    { columnName: "amount", typeDesc: { types: [{ primitiveEntry: { type: 15, typeQualifiers: {} } }] }, position: 2 },
    { columnName: "placed_at", typeDesc: { types: [{ primitiveEntry: { type: 8 } }] }, position: 3 },
    { columnName: "tags", typeDesc: { types: [{ primitiveEntry: { type: 10 } }] }, position: 4 },
    { columnName: "odd", typeDesc: { types: [] }, position: 5 },
  ],
};

describe("databricks columnType", () => {
  it.each([
    ["bigint", "integer"],
    ["INT", "integer"],
    ["tinyint", "integer"],
    ["decimal(10,2)", "number"],
    ["double", "number"],
    ["float", "number"],
    ["boolean", "boolean"],
    ["string", "string"],
    ["varchar(20)", "string"],
    ["binary", "string"],
    ["date", "date"],
    ["timestamp", "timestamp"],
    ["timestamp_ntz", "timestamp"],
    ["array<string>", "json"],
    ["map<string,int>", "json"],
    ["struct<a:int,b:string>", "json"],
    ["variant", "json"],
    ["interval day to second", "string"],
    ["void", "unknown"],
  ] as const)("%s is %s", (nativeType, expected) => {
    expect(columnType(nativeType)).toBe(expected);
  });
});

describe("databricks result columns", () => {
  it("reads names and Thrift type ids from the schema", () => {
    const columns = resultColumns(schema);
    expect(columns).toEqual([
      { name: "id", typeId: 4 },
      { name: "amount", typeId: 15 },
      { name: "placed_at", typeId: 8 },
      { name: "tags", typeId: 10 },
      { name: "odd", typeId: null },
    ]);
    expect(columns.map(toColumn)).toEqual([
      { name: "id", type: "integer", nativeType: "BIGINT" },
      { name: "amount", type: "number", nativeType: "DECIMAL" },
      { name: "placed_at", type: "timestamp", nativeType: "TIMESTAMP" },
      { name: "tags", type: "json", nativeType: "ARRAY" },
      { name: "odd", type: "unknown", nativeType: "UNKNOWN" },
    ]);
    expect(resultColumns(null)).toEqual([]);
  });
});

describe("databricks toCellValue", () => {
  it("keeps BIGINT and DECIMAL exact", () => {
    expect(toCellValue(42n, 4)).toBe(42);
    expect(toCellValue(9223372036854775807n, 4)).toBe("9223372036854775807");
    expect(toCellValue(7, 3)).toBe(7);
    expect(toCellValue("12345678901234567890.123456", 15)).toBe("12345678901234567890.123456");
  });

  it("keeps doubles JSON-safe", () => {
    expect(toCellValue(1.25, 6)).toBe(1.25);
    expect(toCellValue(Number.NaN, 6)).toBe("NaN");
  });

  it("writes dates and timestamps as ISO strings", () => {
    expect(toCellValue(new Date("2024-01-05T00:00:00Z"), 17)).toBe("2024-01-05");
    expect(toCellValue(new Date("2024-01-05T10:30:00.123Z"), 8)).toBe("2024-01-05T10:30:00.123Z");
    expect(toCellValue("2024-01-05 10:30:00", 8)).toBe("2024-01-05 10:30:00");
  });

  it("turns complex values into JSON, whether objects or JSON strings", () => {
    expect(toCellValue(["a", "b"], 10)).toEqual(["a", "b"]);
    expect(toCellValue('{"a":1,"b":[true]}', 12)).toEqual({ a: 1, b: [true] });
    expect(toCellValue({ k: 1n }, 11)).toEqual({ k: 1 });
    expect(toCellValue("not json", 11)).toBe("not json");
  });

  it("writes binary as base64 and keeps NULL", () => {
    expect(toCellValue(Buffer.from([1, 2, 3]), 9)).toBe("AQID");
    expect(toCellValue(null, 4)).toBeNull();
    expect(toCellValue(undefined, 7)).toBeNull();
  });

  it("keys rows by column name", () => {
    const columns = resultColumns(schema);
    expect(toRow(columns, { id: 1n, amount: "9.90", placed_at: new Date(0), tags: ["x"], odd: "?" })).toEqual({
      id: 1,
      amount: "9.90",
      placed_at: "1970-01-01T00:00:00.000Z",
      tags: ["x"],
      odd: "?",
    });
  });
});

describe("databricks tablesFromColumns", () => {
  it("groups information_schema rows into tables and views", () => {
    const row = (table_schema: string, table_name: string, table_type: string, column_name: string, full_data_type: string) => ({
      table_schema,
      table_name,
      table_type,
      column_name,
      full_data_type,
    });
    expect(
      tablesFromColumns([
        row("sales", "customers", "MANAGED", "id", "bigint"),
        row("sales", "customers", "MANAGED", "balance", "decimal(12,2)"),
        row("sales", "active_customers", "VIEW", "id", "bigint"),
        row("marts", "daily", "MATERIALIZED_VIEW", "day", "date"),
        row("raw", "events", "EXTERNAL", "payload", "struct<a:int>"),
      ]),
    ).toEqual([
      discovered("sales", "customers", "table", [["id", "integer", "bigint"], ["balance", "number", "decimal(12,2)"]]),
      discovered("sales", "active_customers", "view", [["id", "integer", "bigint"]]),
      discovered("marts", "daily", "view", [["day", "date", "date"]]),
      discovered("raw", "events", "table", [["payload", "json", "struct<a:int>"]]),
    ]);
  });
});
