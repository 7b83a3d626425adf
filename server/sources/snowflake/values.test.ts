import { describe, expect, it } from "vitest";
import { discovered } from "@/test/catalog";
import { columnType, discoverRow, isoTimestamp, nativeTypeName, tablesFromColumns, toCellValue, toColumn } from "./values";

/** The driver's date objects: a Date with exact epoch seconds and nanoseconds attached. */
function driverDate(epochSeconds: number, nanoSeconds: number): Date {
  return Object.assign(new Date(epochSeconds * 1000 + Math.floor(nanoSeconds / 1e6)), {
    getEpochSeconds: () => epochSeconds,
    getNanoSeconds: () => nanoSeconds,
  });
}

describe("snowflake columnType", () => {
  it.each([
    ["NUMBER", 0, "integer"],
    ["NUMBER", 2, "number"],
    ["fixed", 0, "integer"],
    ["fixed", 4, "number"],
    ["FLOAT", null, "number"],
    ["real", null, "number"],
    ["TEXT", null, "string"],
    ["text", null, "string"],
    ["BINARY", null, "string"],
    ["TIME", null, "string"],
    ["BOOLEAN", null, "boolean"],
    ["DATE", null, "date"],
    ["TIMESTAMP_NTZ", 9, "timestamp"],
    ["timestamp_ltz", 9, "timestamp"],
    ["TIMESTAMP_TZ", 3, "timestamp"],
    ["VARIANT", null, "json"],
    ["object", null, "json"],
    ["ARRAY", null, "json"],
    ["GEOGRAPHY", null, "json"],
    ["VECTOR", null, "json"],
    ["SOMETHING_NEW", null, "unknown"],
  ] as const)("%s (scale %s) is %s", (nativeType, scale, expected) => {
    expect(columnType(nativeType, scale)).toBe(expected);
  });

  it("names driver types the way Snowflake shows them", () => {
    expect(nativeTypeName("fixed", 38, 0)).toBe("NUMBER(38,0)");
    expect(nativeTypeName("fixed", 10, 2)).toBe("NUMBER(10,2)");
    expect(nativeTypeName("real", null, null)).toBe("FLOAT");
    expect(nativeTypeName("text", null, null)).toBe("VARCHAR");
    expect(nativeTypeName("timestamp_ntz", 0, 9)).toBe("TIMESTAMP_NTZ");
    expect(toColumn({ name: "ID", type: "fixed", precision: 38, scale: 0 })).toEqual({
      name: "ID",
      type: "integer",
      nativeType: "NUMBER(38,0)",
    });
  });
});

describe("snowflake toCellValue", () => {
  const integer = { type: "fixed", scale: 0 };

  it("keeps integers exact: numbers when they fit, strings beyond 2^53", () => {
    expect(toCellValue("42", integer)).toBe(42);
    expect(toCellValue("-9007199254740991", integer)).toBe(-9007199254740991);
    expect(toCellValue("12345678901234567890123456789012345678", integer)).toBe("12345678901234567890123456789012345678");
  });

  it("keeps decimals as exact strings", () => {
    expect(toCellValue("12.30", { type: "fixed", scale: 2 })).toBe("12.30");
    expect(toCellValue("0.1000000000000000055511151231257827", { type: "fixed", scale: 34 })).toBe(
      "0.1000000000000000055511151231257827",
    );
  });

  it("turns floats into numbers, and NaN or infinity into strings", () => {
    expect(toCellValue("1.5", { type: "real", scale: null })).toBe(1.5);
    expect(toCellValue("NaN", { type: "real", scale: null })).toBe("NaN");
    expect(toCellValue("inf", { type: "real", scale: null })).toBe("inf");
  });

  it("writes dates as YYYY-MM-DD", () => {
    expect(toCellValue(driverDate(Date.UTC(2024, 0, 5) / 1000, 0), { type: "date", scale: null })).toBe("2024-01-05");
  });

  it("writes timestamps with the column's fraction digits; NTZ without a zone, LTZ/TZ in UTC", () => {
    const seconds = Date.UTC(2024, 0, 5, 10, 30, 0) / 1000;
    expect(toCellValue(driverDate(seconds, 123456789), { type: "timestamp_ntz", scale: 9 })).toBe("2024-01-05T10:30:00.123456789");
    expect(toCellValue(driverDate(seconds, 123456789), { type: "timestamp_tz", scale: 3 })).toBe("2024-01-05T10:30:00.123Z");
    expect(toCellValue(driverDate(seconds, 0), { type: "timestamp_ltz", scale: 0 })).toBe("2024-01-05T10:30:00Z");
  });

  it("handles timestamps before 1970", () => {
    expect(isoTimestamp(-1, 500_000_000, 6, "Z")).toBe("1969-12-31T23:59:59.500000Z");
  });

  it("keeps booleans, strings and times; binary as Snowflake's hex", () => {
    expect(toCellValue(true, { type: "boolean", scale: null })).toBe(true);
    expect(toCellValue("héllo", { type: "text", scale: null })).toBe("héllo");
    expect(toCellValue("10:30:00", { type: "time", scale: 0 })).toBe("10:30:00");
    expect(toCellValue(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { type: "binary", scale: null })).toBe("DEADBEEF");
  });

  it("makes VARIANT, OBJECT and ARRAY values JSON-safe", () => {
    const variant = { a: [1, { b: null }], when: new Date("2024-01-05T00:00:00Z"), big: 2n ** 64n };
    expect(toCellValue(variant, { type: "variant", scale: null })).toEqual({
      a: [1, { b: null }],
      when: "2024-01-05T00:00:00.000Z",
      big: "18446744073709551616",
    });
  });

  it("keeps NULL as null", () => {
    expect(toCellValue(null, integer)).toBeNull();
    expect(toCellValue(undefined, { type: "text", scale: null })).toBeNull();
  });
});

describe("snowflake discovery rows", () => {
  it("reads rows whose numbers arrive as strings", () => {
    expect(discoverRow(["PUBLIC", "ORDERS", "BASE TABLE", "ID", "NUMBER", "38", "0"])).toEqual([
      "PUBLIC",
      "ORDERS",
      "BASE TABLE",
      "ID",
      "NUMBER",
      38,
      0,
    ]);
    expect(discoverRow(["PUBLIC", "ORDERS", "BASE TABLE", "NOTE", "TEXT", null, null])).toEqual([
      "PUBLIC",
      "ORDERS",
      "BASE TABLE",
      "NOTE",
      "TEXT",
      null,
      null,
    ]);
  });

  it("groups columns into tables and views, names exactly as returned", () => {
    const tables = tablesFromColumns([
      ["PUBLIC", "ORDERS", "BASE TABLE", "ID", "NUMBER", 38, 0],
      ["PUBLIC", "ORDERS", "BASE TABLE", "AMOUNT", "NUMBER", 12, 2],
      ["PUBLIC", "ORDERS", "BASE TABLE", "placed at", "TIMESTAMP_NTZ", null, null],
      ["PUBLIC", "orders", "VIEW", "ID", "NUMBER", 38, 0],
      ["REPORTING", "DAILY", "MATERIALIZED VIEW", "DAY", "DATE", null, null],
    ]);
    expect(tables).toEqual([
      discovered("PUBLIC", "ORDERS", "table", [["ID", "integer", "NUMBER(38,0)"], ["AMOUNT", "number", "NUMBER(12,2)"], ["placed at", "timestamp", "TIMESTAMP_NTZ"]]),
      discovered("PUBLIC", "orders", "view", [["ID", "integer", "NUMBER(38,0)"]]),
      discovered("REPORTING", "DAILY", "view", [["DAY", "date", "DATE"]]),
    ]);
  });
});
