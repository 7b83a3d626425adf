import { describe, expect, it } from "vitest";
import { snowflakeDialect } from "./dialect";

describe("snowflake quoteIdentifier", () => {
  it.each([
    ["ORDERS", '"ORDERS"'],
    ["orders", '"orders"'],
    ["Order Items", '"Order Items"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ["a`b", '"a`b"'],
    ["naïve.表", '"naïve.表"'],
    ["", '""'],
  ])("quotes %j exactly as %s (no upper-casing)", (identifier, quoted) => {
    expect(snowflakeDialect.quoteIdentifier(identifier)).toBe(quoted);
  });
});

describe("snowflake qualifiedTable", () => {
  it("quotes schema and table separately, keeping dots inside names", () => {
    expect(snowflakeDialect.qualifiedTable("PUBLIC", "ORDERS")).toBe('"PUBLIC"."ORDERS"');
    expect(snowflakeDialect.qualifiedTable("my.schema", 'odd"table')).toBe('"my.schema"."odd""table"');
  });

  it("leaves the schema out when there is none", () => {
    expect(snowflakeDialect.qualifiedTable(null, "ORDERS")).toBe('"ORDERS"');
    expect(snowflakeDialect.qualifiedTable("", "ORDERS")).toBe('"ORDERS"');
  });
});

describe("snowflake relation", () => {
  it("names a discovered table exactly", () => {
    expect(snowflakeDialect.relation({ kind: "table", schema: "Sales", table: "orders" })).toBe('"Sales"."orders"');
  });

  it("wraps SQL on lines of its own, without trailing semicolons", () => {
    expect(snowflakeDialect.relation({ kind: "sql", sql: "  select 1 as x;; \n" })).toBe("(\nselect 1 as x\n) AS sluice_model");
  });

  it("keeps a trailing line comment from swallowing the closing parenthesis", () => {
    expect(snowflakeDialect.relation({ kind: "sql", sql: "select 1 -- done" })).toBe("(\nselect 1 -- done\n) AS sluice_model");
  });
});

describe("snowflake limit", () => {
  it("appends LIMIT n", () => {
    expect(snowflakeDialect.limit('SELECT * FROM "T"', 100)).toBe('SELECT * FROM "T" LIMIT 100');
    expect(snowflakeDialect.limit("SELECT 1", 0)).toBe("SELECT 1 LIMIT 0");
  });

  it.each([1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])("refuses %s as a row limit", (n) => {
    expect(() => snowflakeDialect.limit("SELECT 1", n)).toThrow(RangeError);
  });

  it("is the snowflake dialect", () => {
    expect(snowflakeDialect.name).toBe("snowflake");
    expect(snowflakeDialect.quoteIdentifier('a"b')).toBe('"a""b"');
    expect(snowflakeDialect.qualifiedTable("S", "T")).toBe('"S"."T"');
  });
});
