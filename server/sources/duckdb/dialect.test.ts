import { describe, expect, it } from "vitest";
import { duckdbDialect, portableType } from "./dialect";

describe("duckdbDialect", () => {
  it("quotes identifiers, doubling embedded quotes", () => {
    expect(duckdbDialect.quoteIdentifier("customers")).toBe('"customers"');
    expect(duckdbDialect.quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(duckdbDialect.qualifiedTable("main", "Order Items")).toBe('"main"."Order Items"');
    expect(duckdbDialect.qualifiedTable(null, "t")).toBe('"t"');
  });

  it("wraps a model's SQL on lines of its own, so a trailing comment cannot swallow the parenthesis", () => {
    expect(duckdbDialect.relation({ kind: "sql", sql: "  select 1 -- one\n;; " })).toBe(
      '(\nselect 1 -- one\n) AS "sluice_model"',
    );
    expect(duckdbDialect.relation({ kind: "table", schema: "main", table: "events" })).toBe('"main"."events"');
  });

  it("puts LIMIT on its own line and refuses non-integers", () => {
    expect(duckdbDialect.limit("SELECT * FROM t -- x", 10)).toBe("SELECT * FROM t -- x\nLIMIT 10");
    expect(() => duckdbDialect.limit("SELECT 1", 1.5)).toThrow(RangeError);
    expect(() => duckdbDialect.limit("SELECT 1", -1)).toThrow(RangeError);
  });
});

describe("portableType", () => {
  it.each([
    ["BIGINT", "integer"],
    ["INTEGER", "integer"],
    ["HUGEINT", "integer"],
    ["UBIGINT", "integer"],
    ["DECIMAL(12,2)", "number"],
    ["DOUBLE", "number"],
    ["FLOAT", "number"],
    ["BOOLEAN", "boolean"],
    ["DATE", "date"],
    ["TIMESTAMP", "timestamp"],
    ["TIMESTAMP WITH TIME ZONE", "timestamp"],
    ["TIMESTAMP_NS", "timestamp"],
    ["VARCHAR", "string"],
    ["UUID", "string"],
    ["ENUM('a', 'b')", "string"],
    ["TIME", "string"],
    ["INTERVAL", "string"],
    ["BLOB", "string"],
    ["JSON", "json"],
    ["INTEGER[]", "json"],
    ["VARCHAR[3]", "json"],
    ['STRUCT("a" INTEGER)', "json"],
    ["STRUCT(a INTEGER, b VARCHAR)", "json"],
    ["MAP(VARCHAR, INTEGER)", "json"],
    ["UNION(num INTEGER, str VARCHAR)", "json"],
    ['"NULL"', "unknown"],
    ["SOMETHING_NEW", "unknown"],
  ])("%s → %s", (nativeType, expected) => {
    expect(portableType(nativeType)).toBe(expected);
  });
});
