import { describe, expect, it } from "vitest";
import { discovered } from "@/test/catalog";
import { columnType, decodeRow, decodeValue, isoFromMicros, nativeTypeName, tablesFromColumns, toColumn, type Field } from "./values";

describe("bigquery columnType", () => {
  it.each([
    ["INTEGER", "integer"],
    ["INT64", "integer"],
    ["FLOAT", "number"],
    ["FLOAT64", "number"],
    ["NUMERIC", "number"],
    ["NUMERIC(10, 2)", "number"],
    ["BIGNUMERIC", "number"],
    ["BOOLEAN", "boolean"],
    ["BOOL", "boolean"],
    ["STRING", "string"],
    ["STRING(64)", "string"],
    ["BYTES", "string"],
    ["DATE", "date"],
    ["DATETIME", "string"],
    ["TIME", "string"],
    ["TIMESTAMP", "timestamp"],
    ["JSON", "json"],
    ["RECORD", "json"],
    ["STRUCT<a INT64, b STRING>", "json"],
    ["ARRAY<STRING>", "json"],
    ["GEOGRAPHY", "string"],
    ["INTERVAL", "string"],
    ["RANGE<DATE>", "string"],
    ["SOMETHING_NEW", "unknown"],
  ] as const)("%s is %s", (nativeType, expected) => {
    expect(columnType(nativeType)).toBe(expected);
  });

  it("names result fields the GoogleSQL way", () => {
    expect(nativeTypeName({ type: "INTEGER" })).toBe("INT64");
    expect(nativeTypeName({ type: "STRING", mode: "REPEATED" })).toBe("ARRAY<STRING>");
    expect(nativeTypeName({ type: "RECORD", mode: "NULLABLE" })).toBe("STRUCT");
    expect(toColumn({ name: "tags", type: "STRING", mode: "REPEATED" }, "tags")).toEqual({ name: "tags", type: "json", nativeType: "ARRAY<STRING>" });
  });
});

describe("bigquery isoFromMicros", () => {
  it("keeps microseconds", () => {
    expect(isoFromMicros("1704450600123456")).toBe("2024-01-05T10:30:00.123456Z");
    expect(isoFromMicros("0")).toBe("1970-01-01T00:00:00.000000Z");
  });

  it("handles instants before 1970", () => {
    expect(isoFromMicros("-1")).toBe("1969-12-31T23:59:59.999999Z");
  });

  it("reads float seconds from older responses", () => {
    expect(isoFromMicros("1.7044506E9")).toBe("2024-01-05T10:30:00.000Z");
  });
});

describe("bigquery decodeValue (raw REST values)", () => {
  it.each<[Field, unknown, unknown]>([
    [{ type: "INTEGER" }, "42", 42],
    [{ type: "INT64" }, "9223372036854775807", "9223372036854775807"],
    [{ type: "FLOAT" }, "2.5", 2.5],
    [{ type: "FLOAT64" }, "NaN", "NaN"],
    [{ type: "FLOAT" }, "-Infinity", "-Infinity"],
    [{ type: "NUMERIC" }, "123456789012345678901234567.123456789", "123456789012345678901234567.123456789"],
    [{ type: "BIGNUMERIC" }, "0.10", "0.10"],
    [{ type: "BOOLEAN" }, "true", true],
    [{ type: "BOOL" }, "false", false],
    [{ type: "STRING" }, "héllo", "héllo"],
    [{ type: "BYTES" }, "3q2+7w==", "3q2+7w=="],
    [{ type: "DATE" }, "2024-01-05", "2024-01-05"],
    [{ type: "DATETIME" }, "2024-01-05T10:30:00.250", "2024-01-05T10:30:00.250"],
    [{ type: "TIME" }, "10:30:00", "10:30:00"],
    [{ type: "TIMESTAMP" }, "1704450600000000", "2024-01-05T10:30:00.000000Z"],
    [{ type: "GEOGRAPHY" }, "POINT(1 2)", "POINT(1 2)"],
    [{ type: "JSON" }, '{"a":[1,{"b":null}]}', { a: [1, { b: null }] }],
    [{ type: "JSON" }, "not json", "not json"],
    [{ type: "STRING" }, null, null],
  ])("%o %j → %j", (field, v, expected) => {
    expect(decodeValue(field, v)).toEqual(expected);
  });

  it("decodes repeated fields and records, nested", () => {
    const field: Field = {
      name: "orders",
      type: "RECORD",
      mode: "REPEATED",
      fields: [
        { name: "id", type: "INTEGER" },
        { name: "tags", type: "STRING", mode: "REPEATED" },
        { name: "paid_at", type: "TIMESTAMP" },
      ],
    };
    const v = [
      { v: { f: [{ v: "1" }, { v: [{ v: "new" }, { v: "gift" }] }, { v: "1704450600000001" }] } },
      { v: { f: [{ v: "2" }, { v: [] }, { v: null }] } },
    ];
    expect(decodeValue(field, v)).toEqual([
      { id: 1, tags: ["new", "gift"], paid_at: "2024-01-05T10:30:00.000001Z" },
      { id: 2, tags: [], paid_at: null },
    ]);
  });

  it("keys a row by the given names", () => {
    const fields: Field[] = [
      { name: "id", type: "INTEGER" },
      { name: "id", type: "STRING" },
    ];
    expect(decodeRow(fields, ["id", "id_2"], { f: [{ v: "7" }, { v: "seven" }] })).toEqual({ id: 7, id_2: "seven" });
    expect(decodeRow(fields, ["id", "id_2"], undefined)).toEqual({ id: null, id_2: null });
  });
});

describe("bigquery tablesFromColumns", () => {
  it("groups INFORMATION_SCHEMA rows into tables and views", () => {
    const row = (table_schema: string, table_name: string, table_type: string, column_name: string, data_type: string) => ({
      table_schema,
      table_name,
      table_type,
      column_name,
      data_type,
    });
    expect(
      tablesFromColumns([
        row("analytics", "customers", "BASE TABLE", "id", "INT64"),
        row("analytics", "customers", "BASE TABLE", "tags", "ARRAY<STRING>"),
        row("analytics", "active", "VIEW", "id", "INT64"),
        row("marts", "daily", "MATERIALIZED VIEW", "day", "DATE"),
        row("raw", "events", "EXTERNAL", "payload", "JSON"),
      ]),
    ).toEqual([
      discovered("analytics", "customers", "table", [["id", "integer", "INT64"], ["tags", "json", "ARRAY<STRING>"]]),
      discovered("analytics", "active", "view", [["id", "integer", "INT64"]]),
      discovered("marts", "daily", "view", [["day", "date", "DATE"]]),
      discovered("raw", "events", "table", [["payload", "json", "JSON"]]),
    ]);
  });
});
