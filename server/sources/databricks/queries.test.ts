import { describe, expect, it } from "vitest";
import { timeoutSeconds } from "../shared/time-limits";
import type { ModelQuery } from "../types";
import { CHECK_SQL, DISCOVER_SQL, databricksStatements as statements, sessionConfiguration } from "./queries";

const table: ModelQuery = { kind: "table", schema: "sales", table: "customers" };
const sql: ModelQuery = { kind: "sql", sql: "select id, email from sales.customers where active;" };

describe("databricks statements", () => {
  it("previews and counts a table", () => {
    expect(statements.preview(table, 100)).toBe("SELECT * FROM `sales`.`customers` LIMIT 100");
    expect(statements.count(table)).toBe("SELECT COUNT(*) FROM `sales`.`customers`");
  });

  it("wraps model SQL as a subquery that starts on line 2", () => {
    expect(statements.preview(sql, 5)).toBe("SELECT * FROM (\nselect id, email from sales.customers where active\n) AS sluice_model LIMIT 5");
    expect(statements.count(sql).split("\n")[1]).toBe("select id, email from sales.customers where active");
  });

  it("checks a key in one scan", () => {
    expect(statements.keyCheck(table, "id")).toBe(
      "SELECT COALESCE(SUM(n), 0), COALESCE(SUM(CASE WHEN k IS NULL THEN n ELSE 0 END), 0), " +
        "COUNT(CASE WHEN k IS NOT NULL AND n > 1 THEN 1 END) " +
        "FROM (SELECT `id` AS k, COUNT(*) AS n FROM `sales`.`customers` GROUP BY `id`) AS key_groups",
    );
  });

  it("reads the whole model ordered by the key, quoting any key name", () => {
    expect(statements.read(table, "id")).toBe("SELECT * FROM `sales`.`customers` ORDER BY `id`");
    expect(statements.read(sql, "weird`key")).toBe(
      "SELECT * FROM (\nselect id, email from sales.customers where active\n) AS sluice_model ORDER BY `weird``key`",
    );
  });

  it("lists the session catalog's tables from information_schema", () => {
    expect(DISCOVER_SQL).toContain("FROM information_schema.columns AS c JOIN information_schema.tables AS t");
    expect(DISCOVER_SQL).toContain("WHERE c.table_catalog = current_catalog() AND c.table_schema <> 'information_schema'");
    expect(DISCOVER_SQL).toMatch(/ORDER BY c\.table_schema, c\.table_name, c\.ordinal_position$/);
    expect(CHECK_SQL).toBe("SELECT current_catalog(), current_schema()");
  });
});

describe("databricks time limits", () => {
  it("sets the session's STATEMENT_TIMEOUT in whole seconds", () => {
    expect(sessionConfiguration(undefined)).toBeUndefined();
    expect(sessionConfiguration(30_000)).toEqual({ STATEMENT_TIMEOUT: "30" });
    expect(sessionConfiguration(1_001)).toEqual({ STATEMENT_TIMEOUT: "2" });
    expect(timeoutSeconds(1)).toBe(1);
  });
});
