import { describe, expect, it } from "vitest";
import type { ModelQuery } from "../types";
import { bigqueryStatements, checkSql, discoverSql, regionQualifier } from "./queries";

const project = "sluice-test-project";
const statements = bigqueryStatements(project);
const table: ModelQuery = { kind: "table", schema: "analytics", table: "customers" };
const sql: ModelQuery = { kind: "sql", sql: "select id, email\nfrom analytics.customers;" };

describe("bigquery statements", () => {
  it("previews and counts a table by its full path", () => {
    expect(statements.preview(table, 100)).toBe("SELECT * FROM `sluice-test-project`.`analytics`.`customers` LIMIT 100");
    expect(statements.count(table)).toBe("SELECT COUNT(*) FROM `sluice-test-project`.`analytics`.`customers`");
  });

  it("wraps model SQL as a subquery that starts on line 2", () => {
    const statement = statements.preview(sql, 10);
    expect(statement).toBe("SELECT * FROM (\nselect id, email\nfrom analytics.customers\n) AS sluice_model LIMIT 10");
    expect(statement.split("\n").slice(1, 3)).toEqual(["select id, email", "from analytics.customers"]);
  });

  it("checks a key in one scan", () => {
    expect(statements.keyCheck(table, "id")).toBe(
      "SELECT COALESCE(SUM(n), 0), COALESCE(SUM(IF(k IS NULL, n, 0)), 0), COUNTIF(k IS NOT NULL AND n > 1) " +
        "FROM (SELECT `id` AS k, COUNT(*) AS n FROM `sluice-test-project`.`analytics`.`customers` GROUP BY k) AS key_groups",
    );
    expect(statements.keyCheck(sql, "user`id")).toContain("SELECT `user\\`id` AS k");
  });

  it("reads the whole model ordered by the key", () => {
    expect(statements.read(table, "id")).toBe("SELECT * FROM `sluice-test-project`.`analytics`.`customers` ORDER BY `id`");
    expect(statements.read(sql, "id")).toBe("SELECT * FROM (\nselect id, email\nfrom analytics.customers\n) AS sluice_model ORDER BY `id`");
  });

  it("never writes a key name unquoted", () => {
    const hostile = "x` ; DELETE FROM t WHERE true ; --";
    for (const statement of [statements.keyCheck(table, hostile), statements.read(table, hostile)]) {
      expect(statement).toContain("`x\\` ; DELETE FROM t WHERE true ; --`");
    }
  });

  it("lists columns of the project's datasets in the location, without pseudo-columns", () => {
    expect(regionQualifier("EU")).toBe("region-eu");
    expect(regionQualifier("europe-west2")).toBe("region-europe-west2");
    const statement = discoverSql(project, "EU");
    expect(statement).toContain("FROM `sluice-test-project`.`region-eu`.INFORMATION_SCHEMA.COLUMNS AS c");
    expect(statement).toContain("JOIN `sluice-test-project`.`region-eu`.INFORMATION_SCHEMA.TABLES AS t");
    expect(statement).toContain("WHERE c.is_hidden = 'NO'");
    expect(statement).toMatch(/ORDER BY c\.table_schema, c\.table_name, c\.ordinal_position$/);
  });

  it("checks the default dataset, or only the project", () => {
    expect(checkSql(project, "analytics")).toBe(
      "SELECT table_name FROM `sluice-test-project`.`analytics`.INFORMATION_SCHEMA.TABLES LIMIT 1",
    );
    expect(checkSql(project, undefined)).toBe("SELECT 1");
    expect(checkSql(project, "")).toBe("SELECT 1");
  });
});
