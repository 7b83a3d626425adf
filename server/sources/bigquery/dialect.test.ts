import { describe, expect, it } from "vitest";
import type { ModelQuery } from "../types";
import { bigqueryDialect, bigqueryDialectIn, quoteIdentifier, tablePath } from "./dialect";

const relationIn = (project: string, query: ModelQuery) => bigqueryDialectIn(project).relation(query);

describe("bigquery quoteIdentifier", () => {
  it.each([
    ["orders", "`orders`"],
    ["Order Items", "`Order Items`"],
    ["my-project-123", "`my-project-123`"],
    ["example.com:proj", "`example.com:proj`"],
    ["a`b", "`a\\`b`"],
    ["back\\slash", "`back\\\\slash`"],
    ["\\`", "`\\\\\\``"],
    ['say "hi"', '`say "hi"`'],
    ["line\nbreak\ttab", "`line\\nbreak\\ttab`"],
    ["naïve_表", "`naïve_表`"],
  ])("quotes %j as %s", (identifier, quoted) => {
    expect(quoteIdentifier(identifier)).toBe(quoted);
  });

  it("never lets a backtick end the identifier early", () => {
    const quoted = quoteIdentifier("x` UNION SELECT secret FROM t --");
    expect(quoted.slice(1, -1).replaceAll("\\`", "")).not.toContain("`");
  });
});

describe("bigquery table paths", () => {
  it("quotes project, dataset and table separately", () => {
    expect(tablePath("my-project", "analytics", "orders")).toBe("`my-project`.`analytics`.`orders`");
    expect(tablePath("example.com:proj", "ds", "t.with.dots")).toBe("`example.com:proj`.`ds`.`t.with.dots`");
  });

  it("leaves out a missing project or dataset", () => {
    expect(tablePath(null, "analytics", "orders")).toBe("`analytics`.`orders`");
    expect(tablePath(null, null, "orders")).toBe("`orders`");
    expect(bigqueryDialect.qualifiedTable(null, "orders")).toBe("`orders`");
    expect(bigqueryDialect.qualifiedTable("analytics", "orders")).toBe("`analytics`.`orders`");
  });
});

describe("bigquery relation", () => {
  it("qualifies a table with the project when given", () => {
    expect(relationIn("p-123456", { kind: "table", schema: "analytics", table: "orders" })).toBe("`p-123456`.`analytics`.`orders`");
    expect(bigqueryDialect.relation({ kind: "table", schema: "analytics", table: "orders" })).toBe("`analytics`.`orders`");
  });

  it("wraps SQL on lines of its own, without trailing semicolons", () => {
    expect(relationIn("p-123456", { kind: "sql", sql: "select 1 as x ; ;\n" })).toBe("(\nselect 1 as x\n) AS sluice_model");
    expect(bigqueryDialect.relation({ kind: "sql", sql: "select 1 # hash comment" })).toBe("(\nselect 1 # hash comment\n) AS sluice_model");
  });

  it("limits with LIMIT n and refuses anything but a whole number", () => {
    expect(bigqueryDialect.limit("SELECT 1", 100)).toBe("SELECT 1 LIMIT 100");
    expect(() => bigqueryDialect.limit("SELECT 1", -1)).toThrow(RangeError);
    expect(() => bigqueryDialect.limit("SELECT 1", 0.5)).toThrow(RangeError);
    expect(bigqueryDialect.name).toBe("bigquery");
  });
});
