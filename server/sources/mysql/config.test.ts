import { describe, expect, it } from "vitest";
import { discovered } from "@/test/catalog";
import { groupTables } from "./catalog";
import { schemaList, ZMysqlConfig } from "./config";

describe("mysql config", () => {
  it("fills in defaults and parses to itself (stored settings are parsed again)", () => {
    const parsed = ZMysqlConfig.parse({ host: "db", database: "shop", user: "analyst" });
    expect(parsed).toEqual({ host: "db", port: 3306, database: "shop", user: "analyst", password: "", sslMode: "require" });
    expect(ZMysqlConfig.parse(parsed)).toEqual(parsed);
  });

  it("asks for a host name, not an IP address, with verify-full", () => {
    const result = ZMysqlConfig.safeParse({ host: "10.0.0.5", database: "shop", user: "analyst", sslMode: "verify-full" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["host"]);
    expect(ZMysqlConfig.safeParse({ host: "db.example.com", database: "shop", user: "analyst", sslMode: "verify-full" }).success).toBe(true);
  });

  it("lists the configured database unless other databases are named", () => {
    expect(schemaList({ database: "shop" })).toEqual(["shop"]);
    expect(schemaList({ database: "shop", schemas: "crm, ,billing" })).toEqual(["crm", "billing"]);
  });
});

describe("groupTables", () => {
  it("groups ordered column rows into tables and views, with MariaDB JSON columns as json", () => {
    const row = { table_schema: "shop", table_type: "BASE TABLE" };
    const tables = groupTables(
      [
        { ...row, table_name: "orders", column_name: "id", data_type: "bigint", column_type: "bigint(20) unsigned" },
        { ...row, table_name: "orders", column_name: "meta", data_type: "longtext", column_type: "longtext" },
        { ...row, table_name: "recent", table_type: "VIEW", column_name: "id", data_type: "int", column_type: "int(11)" },
      ],
      new Set(["shop.orders.meta"]),
    );
    expect(tables).toEqual([
      discovered("shop", "orders", "table", [["id", "integer", "bigint unsigned"], ["meta", "json", "json"]]),
      discovered("shop", "recent", "view", [["id", "integer", "int"]]),
    ]);
  });
});
