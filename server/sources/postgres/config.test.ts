import { describe, expect, it } from "vitest";
import { discovered } from "@/test/catalog";
import { schemaList, ZPostgresConfig } from "./config";
import { groupTables } from "./catalog";

describe("postgres config", () => {
  it("fills in defaults and parses to itself (stored settings are parsed again)", () => {
    const parsed = ZPostgresConfig.parse({ host: "db", database: "shop", user: "analyst", port: "6543" });
    expect(parsed).toEqual({ host: "db", port: 6543, database: "shop", user: "analyst", password: "", sslMode: "require" });
    expect(ZPostgresConfig.parse(parsed)).toEqual(parsed);
  });

  it("refuses hosts the driver would read as a socket path or a host list", () => {
    expect(ZPostgresConfig.safeParse({ host: "/var/run/postgresql", database: "d", user: "u" }).success).toBe(false);
    expect(ZPostgresConfig.safeParse({ host: "a,b", database: "d", user: "u" }).success).toBe(false);
    expect(ZPostgresConfig.safeParse({ host: "db", database: "d", user: "u", sslMode: "prefer" }).success).toBe(false);
  });

  it("reads the schema filter as a comma-separated list", () => {
    expect(schemaList({ schemas: " public, analytics ,," })).toEqual(["public", "analytics"]);
    expect(schemaList({})).toEqual([]);
  });
});

describe("groupTables", () => {
  it("groups ordered column rows into tables and views with portable types", () => {
    const row = { schema: "public", table_type: "BASE TABLE", typtype: "b" };
    const tables = groupTables([
      { ...row, name: "orders", column: "id", data_type: "bigint", udt_name: "int8" },
      { ...row, name: "orders", column: "tags", data_type: "ARRAY", udt_name: "_text" },
      { ...row, name: "orders", column: "status", data_type: "USER-DEFINED", udt_name: "order_status", typtype: "e" },
      { ...row, name: "recent", table_type: "VIEW", column: "id", data_type: "bigint", udt_name: "int8" },
    ]);
    expect(tables).toEqual([
      discovered("public", "orders", "table", [["id", "integer", "bigint"], ["tags", "json", "text[]"], ["status", "string", "order_status"]]),
      discovered("public", "recent", "view", [["id", "integer", "bigint"]]),
    ]);
  });
});
