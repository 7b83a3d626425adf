import { describe, expect, it } from "vitest";
import { type ColumnRow, groupTables, type IndexRow, uniqueColumns } from "./catalog";

function row(column: string, overrides: Partial<ColumnRow> = {}): ColumnRow {
  return {
    table_name: "customers",
    column_name: column,
    data_type: "varchar",
    column_type: "varchar(100)",
    is_nullable: "YES",
    column_default: null,
    extra: "",
    charset: "utf8mb4",
    collation: "utf8mb4_general_ci",
    ...overrides,
  };
}

const index = (index_name: string, column_name: string | null, sub_part: unknown = null): IndexRow => ({ table_name: "customers", index_name, column_name, sub_part });

describe("uniqueColumns", () => {
  it("keeps unique indexes on one whole column", () => {
    const unique = uniqueColumns([
      index("PRIMARY", "id"),
      index("email", "email"),
      index("pair", "first"),
      index("pair", "last"),
      index("prefix", "notes", 10),
      index("functional", null),
    ]);
    expect([...unique].map((key) => key.split("\0")[1])).toEqual(["id", "email"]);
  });
});

describe("groupTables", () => {
  it("reads required, generated, unsigned and JSON columns", () => {
    const [table] = groupTables(
      "crm",
      [
        row("id", { data_type: "bigint", column_type: "bigint(20) unsigned", is_nullable: "NO", extra: "auto_increment", charset: null, collation: null }),
        row("email", { is_nullable: "NO" }),
        row("plan", { is_nullable: "NO", column_default: "'free'" }),
        row("doc", { data_type: "longtext", column_type: "longtext" }),
        row("full_name", { extra: "VIRTUAL GENERATED" }),
        row("updated_at", { data_type: "timestamp", column_type: "timestamp", is_nullable: "NO", column_default: "current_timestamp()", extra: "DEFAULT_GENERATED on update current_timestamp()" }),
      ],
      new Set(["customers\0id"]),
      new Set(["customers.doc"]),
    );
    expect(table?.name).toBe("customers");
    expect(table?.database).toBe("crm");
    expect(table?.columns.map(({ name, type, required, unique, generated, dataType, unsigned, json }) => [name, type, required, unique, generated, dataType, unsigned, json])).toEqual([
      ["id", "integer", false, true, false, "bigint", true, false],
      ["email", "string", true, false, false, "varchar", false, false],
      ["plan", "string", false, false, false, "varchar", false, false],
      ["doc", "json", false, false, false, "json", false, true],
      ["full_name", "string", false, false, true, "varchar", false, false],
      ["updated_at", "timestamp", false, false, false, "timestamp", false, false],
    ]);
  });
});
