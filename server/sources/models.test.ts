import { describe, expect, it } from "vitest";
import { columnsWithSamples, describeKeyProblem, modelFieldsOf, modelQueryOf } from "./models";

describe("describeKeyProblem", () => {
  it("is null for a unique key that is never empty", () => {
    expect(describeKeyProblem("id", { rows: 10, duplicateKeys: 0, nullKeys: 0 })).toBeNull();
  });

  it("counts duplicates and empty keys, in singular and plural", () => {
    expect(describeKeyProblem("country", { rows: 10, duplicateKeys: 1, nullKeys: 0 })).toBe(
      "country is not a unique key: 1 value appears more than once.",
    );
    expect(describeKeyProblem("email", { rows: 5000, duplicateKeys: 1200, nullKeys: 3 })).toBe(
      "email is not a unique key: 1,200 values appear more than once and 3 rows have no value.",
    );
    expect(describeKeyProblem("email", { rows: 5, duplicateKeys: 0, nullKeys: 1 })).toBe("email is not a unique key: 1 row has no value.");
  });
});

describe("columnsWithSamples", () => {
  it("keeps the first three distinct non-empty values of each column", () => {
    const columns = columnsWithSamples({
      columns: [
        { name: "plan", type: "string", nativeType: "text" },
        { name: "tags", type: "json", nativeType: "jsonb" },
      ],
      rows: [
        { plan: null, tags: ["a"] },
        { plan: "free", tags: ["a"] },
        { plan: "free", tags: { b: 1 } },
        { plan: "pro", tags: null },
        { plan: "team", tags: [] },
        { plan: "enterprise", tags: ["c"] },
      ],
      totalRows: 6,
    });
    expect(columns).toEqual([
      { name: "plan", type: "string", nativeType: "text", samples: ["free", "pro", "team"] },
      { name: "tags", type: "json", nativeType: "jsonb", samples: [["a"], { b: 1 }, []] },
    ]);
  });
});

describe("model queries and stored fields", () => {
  it("convert both ways for tables and SQL", () => {
    const table = { kind: "table" as const, schema: "public", table: "customers" };
    const sql = { kind: "sql" as const, sql: "select 1 as id" };
    expect(modelQueryOf(modelFieldsOf(table))).toEqual(table);
    expect(modelQueryOf(modelFieldsOf(sql))).toEqual(sql);
    expect(modelFieldsOf(sql)).toEqual({ queryKind: "sql", tableSchema: null, tableName: null, sql: "select 1 as id" });
  });
});
