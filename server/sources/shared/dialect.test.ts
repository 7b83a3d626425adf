import { describe, expect, it } from "vitest";
import { createDialect, inlineModelPosition, sqlCount } from "./dialect";

describe("createDialect", () => {
  const inline = createDialect({ name: "mysql", quote: "`", modelLayout: "inline" });
  const ownLines = createDialect({ name: "duckdb", quote: '"', modelLayout: "own-lines", quoteAlias: true, limitOnOwnLine: true });

  it("wraps model SQL inline or on lines of its own", () => {
    expect(inline.relation({ kind: "sql", sql: " select 1;" })).toBe("(select 1\n) AS sluice_model");
    expect(ownLines.relation({ kind: "sql", sql: " select 1;" })).toBe('(\nselect 1\n) AS "sluice_model"');
    expect(inline.limit("SELECT 1", 3)).toBe("SELECT 1 LIMIT 3");
    expect(ownLines.limit("SELECT 1", 3)).toBe("SELECT 1\nLIMIT 3");
  });

  it("leaves a missing or empty schema out", () => {
    expect(inline.qualifiedTable(null, "t")).toBe("`t`");
    expect(inline.qualifiedTable("", "t")).toBe("`t`");
    expect(inline.qualifiedTable("s", "t`x")).toBe("`s`.`t``x`");
  });

  it("writes only whole, non-negative row limits", () => {
    expect(sqlCount(0)).toBe("0");
    for (const n of [-1, 0.5, Number.NaN, 2 ** 60]) expect(() => sqlCount(n)).toThrow(RangeError);
  });
});

describe("inlineModelPosition", () => {
  const query = { kind: "sql" as const, sql: "\n  select nosuch from t" };
  const statement = `SELECT * FROM (${query.sql.trim()}\n) AS sluice_model LIMIT 1`;

  it("maps an index in the statement to the 1-based position in the SQL as typed", () => {
    expect(inlineModelPosition(statement, query, statement.indexOf("nosuch"))).toBe(query.sql.indexOf("nosuch") + 1);
  });

  it("is undefined outside the model's SQL and for tables", () => {
    expect(inlineModelPosition(statement, query, 0)).toBeUndefined();
    expect(inlineModelPosition(statement, query, statement.indexOf("LIMIT"))).toBeUndefined();
    expect(inlineModelPosition(statement, { kind: "table", schema: null, table: "t" }, 3)).toBeUndefined();
  });
});
