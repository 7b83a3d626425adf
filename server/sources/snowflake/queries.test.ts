import { describe, expect, it } from "vitest";
import type { ModelQuery } from "../types";
import { CHECK_SQL, DISCOVER_SQL, snowflakeStatements as statements, statementParameters } from "./queries";

const table: ModelQuery = { kind: "table", schema: "PUBLIC", table: "CUSTOMERS" };
const sql: ModelQuery = { kind: "sql", sql: "select id, email from customers where active;\n" };

describe("snowflake statements", () => {
  it("previews a table and counts it", () => {
    expect(statements.preview(table, 100)).toBe('SELECT * FROM "PUBLIC"."CUSTOMERS" LIMIT 100');
    expect(statements.count(table)).toBe('SELECT COUNT(*) FROM "PUBLIC"."CUSTOMERS"');
  });

  it("wraps model SQL as a subquery that starts on line 2", () => {
    const statement = statements.preview(sql, 5);
    expect(statement).toBe("SELECT * FROM (\nselect id, email from customers where active\n) AS sluice_model LIMIT 5");
    expect(statement.split("\n")[1]).toBe("select id, email from customers where active");
    expect(statements.count(sql)).toBe("SELECT COUNT(*) FROM (\nselect id, email from customers where active\n) AS sluice_model");
  });

  it("checks a key in one scan: rows, NULL keys, duplicated values", () => {
    expect(statements.keyCheck(table, "ID")).toBe(
      "SELECT COALESCE(SUM(n), 0), COALESCE(SUM(CASE WHEN k IS NULL THEN n ELSE 0 END), 0), " +
        "COUNT(CASE WHEN k IS NOT NULL AND n > 1 THEN 1 END) " +
        'FROM (SELECT "ID" AS k, COUNT(*) AS n FROM "PUBLIC"."CUSTOMERS" GROUP BY "ID") AS key_groups',
    );
  });

  it("quotes a key column with quotes in it and keeps model SQL on line 2", () => {
    const statement = statements.keyCheck(sql, 'customer "id"');
    expect(statement).toContain('SELECT "customer ""id""" AS k');
    expect(statement).toContain('GROUP BY "customer ""id"""');
    expect(statement.split("\n")[1]).toBe("select id, email from customers where active");
  });

  it("reads the whole model ordered by the key", () => {
    expect(statements.read(table, "ID")).toBe('SELECT * FROM "PUBLIC"."CUSTOMERS" ORDER BY "ID"');
    expect(statements.read(sql, "id")).toBe('SELECT * FROM (\nselect id, email from customers where active\n) AS sluice_model ORDER BY "id"');
  });

  it("never writes a key name unquoted, whatever it contains", () => {
    const hostile = 'x"; DROP TABLE t; --';
    for (const statement of [statements.keyCheck(table, hostile), statements.read(table, hostile)]) {
      expect(statement).toContain('"x""; DROP TABLE t; --"');
      expect(statement.replaceAll('"x""; DROP TABLE t; --"', "")).not.toContain("DROP");
    }
  });

  it("lists columns of the session's database, tables and views alike", () => {
    expect(DISCOVER_SQL).toContain("FROM INFORMATION_SCHEMA.COLUMNS AS c JOIN INFORMATION_SCHEMA.TABLES AS t");
    expect(DISCOVER_SQL).toContain("WHERE c.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'");
    expect(DISCOVER_SQL).toMatch(/ORDER BY c\.TABLE_SCHEMA, c\.TABLE_NAME, c\.ORDINAL_POSITION$/);
    expect(CHECK_SQL).toBe("SELECT CURRENT_DATABASE(), CURRENT_SCHEMA(), CURRENT_WAREHOUSE(), CURRENT_ROLE()");
  });
});

describe("snowflake statementParameters", () => {
  it("limits each statement to one and pins the time zone", () => {
    expect(statementParameters(undefined)).toEqual({ MULTI_STATEMENT_COUNT: 1, TIMEZONE: "UTC" });
  });

  it("turns the time limit into whole seconds, at least one", () => {
    expect(statementParameters(30_000).STATEMENT_TIMEOUT_IN_SECONDS).toBe(30);
    expect(statementParameters(1_200).STATEMENT_TIMEOUT_IN_SECONDS).toBe(2);
    expect(statementParameters(10).STATEMENT_TIMEOUT_IN_SECONDS).toBe(1);
  });
});
