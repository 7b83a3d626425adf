import { describe, expect, it } from "vitest";
import { mysqlDialect as dialect, mysqlStatements, syntaxErrorPosition, withTimeLimit } from "./dialect";

describe("mysql dialect", () => {
  it("quotes identifiers with backticks, doubling embedded ones", () => {
    expect(dialect.quoteIdentifier("users")).toBe("`users`");
    expect(dialect.quoteIdentifier("we`ird")).toBe("`we``ird`");
  });

  it("qualifies tables with their database", () => {
    expect(dialect.qualifiedTable("shop", "orders")).toBe("`shop`.`orders`");
    expect(dialect.qualifiedTable(null, "orders")).toBe("`orders`");
  });

  it("uses a table as is and wraps model SQL as a subquery, without its trailing semicolon", () => {
    expect(dialect.relation({ kind: "table", schema: "shop", table: "orders" })).toBe("`shop`.`orders`");
    expect(dialect.relation({ kind: "sql", sql: "select 1 -- note\n;" })).toBe("(select 1 -- note\n) AS sluice_model");
  });

  it("appends a whole-number limit and refuses anything else", () => {
    expect(dialect.limit("SELECT * FROM t", 5)).toBe("SELECT * FROM t LIMIT 5");
    expect(() => dialect.limit("SELECT * FROM t", Number.NaN)).toThrow(RangeError);
  });

  it("counts rows, null keys and duplicated key values in one pass", () => {
    expect(mysqlStatements.keyCheck({ kind: "table", schema: null, table: "t" }, "id")).toContain("SELECT `id` AS k, COUNT(*) AS n FROM `t` GROUP BY `id`");
  });
});

describe("withTimeLimit", () => {
  it("uses SET STATEMENT max_statement_time (seconds) on MariaDB", () => {
    expect(withTimeLimit("SELECT 1", "mariadb", 1500)).toBe("SET STATEMENT max_statement_time=1.5 FOR SELECT 1");
  });

  it("uses the MAX_EXECUTION_TIME hint (milliseconds) on MySQL", () => {
    expect(withTimeLimit("SELECT * FROM t", "mysql", 300)).toBe("SELECT /*+ MAX_EXECUTION_TIME(300) */ * FROM t");
  });

  it("adds nothing without a limit", () => {
    expect(withTimeLimit("SELECT 1", "mysql", undefined)).toBe("SELECT 1");
  });
});

describe("syntaxErrorPosition", () => {
  const query = { kind: "sql" as const, sql: "  select id\nfrom t where where x = 1" };
  const statement = `SET STATEMENT max_statement_time=30 FOR SELECT * FROM ${dialect.relation(query)} LIMIT 100`;
  const message = (near: string, line: number) =>
    `You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near '${near}' at line ${line}`;

  it("finds the text MySQL quotes on the line it names, as a position in the SQL as typed", () => {
    expect(syntaxErrorPosition(message("where x = 1\n) AS sluice_model LIMIT 100", 2), statement, query)).toBe(
      query.sql.indexOf("where x") + 1,
    );
  });

  it("gives no position outside the model SQL or without a quoted text", () => {
    expect(syntaxErrorPosition(message("LIMIT 100", 3), statement, query)).toBeUndefined();
    expect(syntaxErrorPosition(message("", 2), statement, query)).toBeUndefined();
    expect(syntaxErrorPosition("Unknown column 'x' in 'SELECT'", statement, query)).toBeUndefined();
    expect(syntaxErrorPosition(message("where", 1), "SELECT * FROM `t` where", { kind: "table", schema: null, table: "t" })).toBeUndefined();
  });
});
