import { describe, expect, it } from "vitest";
import { modelPosition, postgresDialect as dialect, postgresStatements } from "./dialect";

describe("postgres dialect", () => {
  it("quotes identifiers with double quotes, doubling embedded ones", () => {
    expect(dialect.quoteIdentifier("users")).toBe('"users"');
    expect(dialect.quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(dialect.quoteIdentifier("Mixed Case")).toBe('"Mixed Case"');
  });

  it("qualifies tables with their schema when there is one", () => {
    expect(dialect.qualifiedTable("public", "users")).toBe('"public"."users"');
    expect(dialect.qualifiedTable(null, "users")).toBe('"users"');
  });

  it("uses a table as is and wraps model SQL as a subquery, without its trailing semicolon", () => {
    expect(dialect.relation({ kind: "table", schema: "app", table: "orders" })).toBe('"app"."orders"');
    expect(dialect.relation({ kind: "sql", sql: "  select 1 as x;;  \n" })).toBe("(select 1 as x\n) AS sluice_model");
  });

  it("keeps a trailing line comment from swallowing the closing parenthesis", () => {
    expect(dialect.relation({ kind: "sql", sql: "select 1 -- the answer" })).toBe("(select 1 -- the answer\n) AS sluice_model");
  });

  it("appends a whole-number limit and refuses anything else", () => {
    expect(dialect.limit("SELECT * FROM t", 100)).toBe("SELECT * FROM t LIMIT 100");
    expect(() => dialect.limit("SELECT * FROM t", 1.5)).toThrow(RangeError);
    expect(() => dialect.limit("SELECT * FROM t", -1)).toThrow(RangeError);
  });

  it("counts rows, null keys and duplicated key values in one pass", () => {
    const sql = postgresStatements.keyCheck({ kind: "table", schema: null, table: "t" }, "id");
    expect(sql).toContain('SELECT "id" AS k, COUNT(*) AS n FROM "t" GROUP BY "id"');
    expect(sql).toContain("AS duplicate_keys");
  });
});

describe("modelPosition", () => {
  const query = { kind: "sql" as const, sql: "\n  select nosuch from t" };
  const statement = `SELECT * FROM ${dialect.relation(query)} LIMIT 100`;

  it("maps a position in the wrapped statement back to the SQL as typed", () => {
    const inStatement = statement.indexOf("nosuch") + 1;
    expect(modelPosition(statement, query, inStatement)).toBe(query.sql.indexOf("nosuch") + 1);
  });

  it("gives no position for errors in Sluice's own wrapper or for tables", () => {
    expect(modelPosition(statement, query, 1)).toBeUndefined();
    expect(modelPosition(statement, query, statement.length)).toBeUndefined();
    expect(modelPosition('SELECT * FROM "t"', { kind: "table", schema: null, table: "t" }, 3)).toBeUndefined();
  });
});
