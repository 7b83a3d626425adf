import { describe, expect, it } from "vitest";
import { DestinationRefusedError } from "../types";
import { type CatalogRow, discoverStatement, groupTables, nameCandidates, onlyTable, tableStatement } from "./catalog";

function row(column: string, overrides: Partial<CatalogRow> = {}): CatalogRow {
  return {
    schema_name: "public",
    table_name: "customers",
    column_name: column,
    native_type: "text",
    type_schema: "pg_catalog",
    type_name: "text",
    typtype: "b",
    not_null: "f",
    has_default: "f",
    identity: "",
    generated: "",
    is_unique: "f",
    ...overrides,
  };
}

describe("groupTables", () => {
  it("reads flags, casts by internal type name, and formats", () => {
    const [table] = groupTables([
      row("id", { native_type: "bigint", type_name: "int8", not_null: "t", identity: "a", is_unique: "t" }),
      row("code", { native_type: "character", type_name: "bpchar", not_null: "t" }),
      row("seq", { native_type: "integer", type_name: "int4", not_null: "t", has_default: "t" }),
      row("doc", { native_type: "jsonb", type_name: "jsonb" }),
      row("tags", { native_type: "text[]", type_name: "_text" }),
      row("mood", { native_type: '"Mood"', type_schema: "my schema", type_name: "Mood", typtype: "e" }),
      row("total", { native_type: "numeric", type_name: "numeric", generated: "s", not_null: "t" }),
    ]);
    expect(table?.name).toBe("public.customers");
    expect(table?.columns.map(({ name, type, required, unique, generated, castType, format, identityAlways }) => [name, type, required, unique, generated, castType, format, identityAlways])).toEqual([
      ["id", "integer", false, true, false, '"pg_catalog"."int8"', "text", true],
      ["code", "string", true, false, false, '"pg_catalog"."bpchar"', "text", false],
      ["seq", "integer", false, false, false, '"pg_catalog"."int4"', "text", false],
      ["doc", "json", false, false, false, '"pg_catalog"."jsonb"', "json", false],
      ["tags", "json", false, false, false, '"pg_catalog"."_text"', "array", false],
      ["mood", "string", false, false, false, '"my schema"."Mood"', "text", false],
      ["total", "number", false, false, true, '"pg_catalog"."numeric"', "text", false],
    ]);
  });

  it("keeps tables apart and in order", () => {
    const tables = groupTables([row("id"), row("id", { schema_name: "sales" }), row("name", { schema_name: "sales" })]);
    expect(tables.map((table) => [table.name, table.columns.length])).toEqual([["public.customers", 1], ["sales.customers", 2]]);
  });
});

describe("names", () => {
  it("reads a name at every dot, since schemas and tables may contain dots", () => {
    expect(nameCandidates("public.customers")).toEqual([["public", "customers"]]);
    expect(nameCandidates("a.b.c")).toEqual([["a", "b.c"], ["a.b", "c"]]);
    expect(nameCandidates("customers")).toEqual([]);
  });

  it("binds every name, never splices it", () => {
    expect(tableStatement([["a", "b.c"], ["a.b", "c"]])).toContain("(n.nspname, c.relname) IN (($1, $2), ($3, $4))");
    expect(discoverStatement(["public", "sales"])).toContain("AND n.nspname IN ($1, $2)");
    expect(discoverStatement([])).not.toContain("$1");
  });

  it("refuses a missing or ambiguous table", () => {
    expect(() => onlyTable([], "public.nope", "crm")).toThrow(
      new DestinationRefusedError('Table public.nope does not exist in database "crm": choose one of the tables listed.', "not_found"),
    );
    const [first, second] = groupTables([row("id", { schema_name: "a", table_name: "b.c" }), row("id", { schema_name: "a.b", table_name: "c" })]);
    if (first === undefined || second === undefined) throw new Error("two tables expected");
    expect(() => onlyTable([first, second], "a.b.c", "crm")).toThrow(/names more than one table/);
    expect(onlyTable([first], "a.b.c", "crm")).toBe(first);
  });
});
