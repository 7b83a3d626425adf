import { describe, expect, it } from "vitest";
import { databricksDialect } from "./dialect";

describe("databricks quoteIdentifier", () => {
  it.each([
    ["orders", "`orders`"],
    ["Order Items", "`Order Items`"],
    ["a`b", "`a``b`"],
    ["``", "``````"],
    ['say "hi"', '`say "hi"`'],
    ["back\\slash", "`back\\slash`"],
    ["naïve_表", "`naïve_表`"],
  ])("quotes %j as %s", (identifier, quoted) => {
    expect(databricksDialect.quoteIdentifier(identifier)).toBe(quoted);
  });

  it("never lets a backtick end the identifier early", () => {
    const quoted = databricksDialect.quoteIdentifier("x` FROM t; DROP TABLE t; --");
    expect(quoted.slice(1, -1).replaceAll("``", "")).not.toContain("`");
  });
});

describe("databricks tables and relations", () => {
  it("quotes schema and table separately, in the session's catalog", () => {
    expect(databricksDialect.qualifiedTable("sales", "orders")).toBe("`sales`.`orders`");
    expect(databricksDialect.qualifiedTable("my.schema", "t`1")).toBe("`my.schema`.`t``1`");
    expect(databricksDialect.qualifiedTable(null, "orders")).toBe("`orders`");
    expect(databricksDialect.relation({ kind: "table", schema: "sales", table: "orders" })).toBe("`sales`.`orders`");
  });

  it("wraps SQL on lines of its own, without trailing semicolons", () => {
    expect(databricksDialect.relation({ kind: "sql", sql: "\n select 1 ;\n;" })).toBe("(\nselect 1\n) AS sluice_model");
    expect(databricksDialect.relation({ kind: "sql", sql: "select 1 -- note" })).toBe("(\nselect 1 -- note\n) AS sluice_model");
  });

  it("limits with LIMIT n and refuses anything but a whole number", () => {
    expect(databricksDialect.limit("SELECT 1", 25)).toBe("SELECT 1 LIMIT 25");
    expect(() => databricksDialect.limit("SELECT 1", Number.NaN)).toThrow(RangeError);
    expect(() => databricksDialect.limit("SELECT 1", -5)).toThrow(RangeError);
    expect(databricksDialect.name).toBe("databricks");
  });
});
