import { describe, expect, it } from "vitest";
import { createDialect } from "./dialect";
import { createModelStatements, keyCheckFromRow, keyCheckFromValues, totalFromRow } from "./statements";

const dialect = createDialect({ name: "postgres", quote: '"', modelLayout: "inline" });
const table = { kind: "table" as const, schema: "s", table: "t" };

describe("createModelStatements", () => {
  it("names the computed columns of named results", () => {
    const statements = createModelStatements(dialect, "named");
    expect(statements.preview(table, 10)).toBe('SELECT * FROM "s"."t" LIMIT 10');
    expect(statements.count(table)).toBe('SELECT COUNT(*) AS total FROM "s"."t"');
    expect(statements.keyCheck(table, "id")).toMatch(/AS row_count,[\s\S]*AS null_keys,[\s\S]*AS duplicate_keys\n/);
    expect(statements.read(table, "id")).toBe('SELECT * FROM "s"."t" ORDER BY "id"');
  });

  it("leaves positional results unnamed", () => {
    const statements = createModelStatements(dialect, "positional");
    expect(statements.count(table)).toBe('SELECT COUNT(*) FROM "s"."t"');
    expect(statements.keyCheck(table, "id")).not.toContain(" AS row_count");
  });
});

describe("reading counts", () => {
  it("reads named and positional first rows, missing values as 0", () => {
    expect(keyCheckFromRow({ row_count: "8", null_keys: 2, duplicate_keys: "2" })).toEqual({ rows: 8, nullKeys: 2, duplicateKeys: 2 });
    expect(keyCheckFromRow(undefined)).toEqual({ rows: 0, nullKeys: 0, duplicateKeys: 0 });
    expect(keyCheckFromValues(["7", null, 1n])).toEqual({ rows: 7, nullKeys: 0, duplicateKeys: 1 });
    expect(keyCheckFromValues(undefined)).toEqual({ rows: 0, nullKeys: 0, duplicateKeys: 0 });
    expect(totalFromRow({ total: "42" })).toBe(42);
    expect(totalFromRow(undefined)).toBe(0);
  });
});
