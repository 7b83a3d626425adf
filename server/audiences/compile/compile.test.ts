import { describe, expect, it } from "vitest";
import { bigqueryDialect, bigqueryDialectIn } from "@/server/sources/bigquery/dialect";
import { databricksDialect } from "@/server/sources/databricks/dialect";
import { duckdbDialect } from "@/server/sources/duckdb/dialect";
import { mysqlDialect } from "@/server/sources/mysql/dialect";
import { postgresDialect } from "@/server/sources/postgres/dialect";
import { snowflakeDialect } from "@/server/sources/snowflake/dialect";
import type { Dialect } from "@/server/sources/types";
import type { ReferencedAudience } from "../context";
import type { AudienceDefinition, AudienceNode } from "../definition";
import { audience, customers, demoContext, or, property } from "../testing";
import { completedOrdersInLast90Days, issueExample, openedEmailInLast30Days } from "./examples";
import { AudienceProblemsError, compileAudience, compileMembersPreview, compileOverlap } from "./index";

const DIALECTS: Dialect[] = [postgresDialect, duckdbDialect, mysqlDialect, snowflakeDialect, bigqueryDialect, databricksDialect];

/** The WHERE of an audience of one condition. */
function predicate(node: AudienceNode, dialect: Dialect = postgresDialect): string {
  const { sql } = compileAudience(audience([node]), demoContext(), dialect);
  return sql.slice(sql.indexOf("WHERE ") + "WHERE ".length);
}

const us: ReferencedAudience = { id: "aud-us", name: "US", definition: audience([property("country", "is", "US")]) };

describe("the issue's example", () => {
  it("compiles to one SELECT on Postgres", () => {
    expect(compileAudience(issueExample, demoContext(), postgresDialect).sql).toBe(`SELECT p.*
FROM "main"."customers" AS p
WHERE p."country" IN ('US', 'CA')
  AND p."lifetime_value" > 500
  AND (SELECT count(*) FROM "main"."orders" AS r WHERE r."customer_id" = p."customer_id" AND r."status" = 'completed' AND (r."ordered_at" >= now() - INTERVAL '90 days' AND r."ordered_at" <= now())) >= 2
  AND NOT EXISTS (SELECT 1 FROM "main"."events" AS r WHERE r."customer_id" = p."customer_id" AND r."event_type" = 'email_opened' AND (r."occurred_at" >= now() - INTERVAL '30 days' AND r."occurred_at" <= now()))`);
  });

  it.each(DIALECTS.map((dialect) => [dialect.name, dialect] as const))("compiles on %s", (_name, dialect) => {
    const compiled = compileAudience(issueExample, demoContext(), dialect);
    expect(compiled.sql).toMatchSnapshot();
    expect(compiled.countSql).toBe(
      `SELECT count(*) AS ${dialect.quoteIdentifier("members")}\nFROM (\n${compiled.sql}\n) AS a`,
    );
    expect(compiled.breakdown.sql).toMatchSnapshot();
    expect(compiled.breakdown.columns).toEqual([
      { conditionId: "country", column: "condition_1" },
      { conditionId: "ltv", column: "condition_2" },
      { conditionId: "completed-orders", column: "condition_3" },
      { conditionId: "email-opened", column: "condition_4" },
    ]);
    expect(compiled.splits).toBeNull();
  });

  it("puts the project in front of BigQuery tables", () => {
    const { sql } = compileAudience(issueExample, demoContext(), bigqueryDialectIn("my-project"));
    expect(sql).toContain("FROM `my-project`.`main`.`customers` AS p");
    expect(sql).toContain("FROM `my-project`.`main`.`orders` AS r");
  });
});

describe("every operator", () => {
  const nodes: [string, AudienceNode][] = [
    ["is", property("country", "is", "US")],
    ["is_not", property("country", "is_not", "US")],
    ["contains", property("email", "contains", "gmail")],
    ["does_not_contain", property("email", "does_not_contain", "gmail")],
    ["starts_with", property("first_name", "starts_with", "Ma")],
    ["ends_with", property("email", "ends_with", ".org")],
    ["is_one_of", property("plan", "is_one_of", ["pro", "enterprise"])],
    ["is_not_one_of", property("plan", "is_not_one_of", ["free"])],
    ["text is_empty", property("phone", "is_empty")],
    ["text is_set", property("phone", "is_set")],
    ["equals", property("lifetime_value", "equals", 500)],
    ["not_equals", property("lifetime_value", "not_equals", -2.5)],
    ["less_than", property("lifetime_value", "less_than", "1000000000000000000000.5")],
    ["at_most", property("lifetime_value", "at_most", 1e21)],
    ["greater_than", property("churn_score", "greater_than", 1e-7)],
    ["at_least", property("account_id", "at_least", 10)],
    ["between numbers", property("lifetime_value", "between", { from: 100, to: "250.50" })],
    ["number is_empty", property("lifetime_value", "is_empty")],
    ["before", property("signup_at", "before", "2026-01-01")],
    ["before a time", property("signup_at", "before", "2026-01-01T09:30")],
    ["after", property("signup_at", "after", "2025-12-31")],
    ["on", property("signup_at", "on", "2024-02-29")],
    ["between days", property("signup_at", "between", { from: "2025-01-01", to: "2025-12-31" })],
    ["between times", property("signup_at", "between", { from: "2025-01-01T08:00:00", to: "2025-01-01 18:00" })],
    ["within_last", property("last_seen_at", "within_last", { amount: 30, unit: "days" })],
    ["within_next weeks", property("last_seen_at", "within_next", { amount: 2, unit: "weeks" })],
    ["more_than_ago months", property("last_seen_at", "more_than_ago", { amount: 6, unit: "months" })],
    ["date is_set", property("signup_at", "is_set")],
    ["is_true", property("email_opt_in", "is_true")],
    ["is_false", property("email_opt_in", "is_false")],
    ["json key", { ...openedEmailInLast30Days("performed"), where: [property("properties", "starts_with", "flash", ["campaign"])] }],
    ["nested json key is_empty", { ...openedEmailInLast30Days("performed"), time: { kind: "any" }, where: [property("properties", "is_empty", undefined, ["utm", "source"])] }],
  ];

  it.each(DIALECTS.map((dialect) => [dialect.name, dialect] as const))("on %s", (_name, dialect) => {
    expect(nodes.map(([name, node]) => `${name}: ${predicate(node, dialect)}`).join("\n")).toMatchSnapshot();
  });
});

describe("date columns", () => {
  const dated = demoContext();
  const withDate = {
    ...dated,
    parent: { ...customers, columns: [...customers.columns, { name: "birthday", type: "date" as const }] },
  };
  const compileDate = (node: AudienceNode, dialect: Dialect) => {
    const { sql } = compileAudience(audience([node]), withDate, dialect);
    return sql.slice(sql.indexOf("WHERE ") + 6);
  };

  it("compare with DATE literals and the current date", () => {
    expect(compileDate(property("birthday", "on", "2000-01-31"), postgresDialect)).toBe(`p."birthday" = DATE '2000-01-31'`);
    expect(compileDate(property("birthday", "after", "2000-01-31"), postgresDialect)).toBe(`p."birthday" > DATE '2000-01-31'`);
    expect(compileDate(property("birthday", "between", { from: "2000-01-01", to: "2000-12-31" }), mysqlDialect)).toBe(
      "(p.`birthday` >= DATE '2000-01-01' AND p.`birthday` <= DATE '2000-12-31')",
    );
    const lastWeek = property("birthday", "within_last", { amount: 1, unit: "weeks" });
    expect(DIALECTS.map((dialect) => compileDate(lastWeek, dialect))).toEqual([
      `(p."birthday" >= CURRENT_DATE - INTERVAL '7 days' AND p."birthday" <= CURRENT_DATE)`,
      `(p."birthday" >= current_date - INTERVAL '7 days' AND p."birthday" <= current_date)`,
      "(p.`birthday` >= CURRENT_DATE - INTERVAL 7 DAY AND p.`birthday` <= CURRENT_DATE)",
      `(p."birthday" >= DATEADD(day, -7, CURRENT_DATE()) AND p."birthday" <= CURRENT_DATE())`,
      "(p.`birthday` >= DATE_SUB(CURRENT_DATE(), INTERVAL 7 DAY) AND p.`birthday` <= CURRENT_DATE())",
      "(p.`birthday` >= date_add(current_date(), -7) AND p.`birthday` <= current_date())",
    ]);
    const months = property("birthday", "more_than_ago", { amount: 1, unit: "months" });
    expect(compileDate(months, databricksDialect)).toBe("p.`birthday` < add_months(current_date(), -1)");
    expect(compileDate(months, bigqueryDialect)).toBe("p.`birthday` < DATE_SUB(CURRENT_DATE(), INTERVAL 1 MONTH)");
  });

  it("moves BigQuery timestamps by months through DATETIME", () => {
    const months = property("last_seen_at", "more_than_ago", { amount: 3, unit: "months" });
    expect(predicate(months, bigqueryDialect)).toBe(
      "p.`last_seen_at` < TIMESTAMP(DATETIME_SUB(DATETIME(CURRENT_TIMESTAMP()), INTERVAL 3 MONTH))",
    );
  });
});

describe("events, sequences and aggregates", () => {
  it("writes EXISTS for at least once, counts otherwise, NOT for did not perform", () => {
    const event = (frequency: { operator: "at_least" | "at_most" | "exactly"; count: number }, operator: "performed" | "did_not_perform" = "performed"): AudienceNode => ({
      ...openedEmailInLast30Days(operator),
      time: { kind: "any" },
      frequency,
    });
    const from = `FROM "main"."events" AS r WHERE r."customer_id" = p."customer_id" AND r."event_type" = 'email_opened'`;
    expect(predicate(event({ operator: "at_least", count: 1 }))).toBe(`EXISTS (SELECT 1 ${from})`);
    expect(predicate(event({ operator: "at_least", count: 1 }, "did_not_perform"))).toBe(`NOT EXISTS (SELECT 1 ${from})`);
    expect(predicate(event({ operator: "at_least", count: 3 }))).toBe(`(SELECT count(*) ${from}) >= 3`);
    expect(predicate(event({ operator: "at_most", count: 3 }))).toBe(`(SELECT count(*) ${from}) BETWEEN 1 AND 3`);
    expect(predicate(event({ operator: "exactly", count: 2 }, "did_not_perform"))).toBe(`NOT ((SELECT count(*) ${from}) = 2)`);
  });

  it("limits events to a period between two days, inclusive", () => {
    const node: AudienceNode = { ...openedEmailInLast30Days("performed"), time: { kind: "between", from: "2026-01-01", to: "2026-01-31" } };
    expect(predicate(node)).toContain(
      `(r."occurred_at" >= TIMESTAMP '2026-01-01 00:00:00' AND r."occurred_at" < TIMESTAMP '2026-02-01 00:00:00')`,
    );
  });

  it.each(DIALECTS.map((dialect) => [dialect.name, dialect] as const))("writes a sequence on %s", (_name, dialect) => {
    const node: AudienceNode = {
      id: "sequence",
      type: "sequence",
      relationId: "rel-events",
      operator: "performed",
      first: { eventName: "added_to_cart", where: [] },
      then: { eventName: "checkout_started", where: [property("properties", "is", "web", ["channel"])] },
      within: { amount: 2, unit: "days" },
      time: { kind: "last", amount: 30, unit: "days" },
    };
    expect(predicate(node, dialect)).toMatchSnapshot();
  });

  it("sums with 0 for no rows, averages without", () => {
    const sum: AudienceNode = { ...completedOrdersInLast90Days(0), aggregation: "sum", column: "total", operator: "greater_than", value: 500 };
    expect(predicate(sum)).toBe(
      `(SELECT coalesce(sum(r."total"), 0) FROM "main"."orders" AS r WHERE r."customer_id" = p."customer_id" AND r."status" = 'completed' AND (r."ordered_at" >= now() - INTERVAL '90 days' AND r."ordered_at" <= now())) > 500`,
    );
    const avg: AudienceNode = { ...sum, aggregation: "avg", where: [], time: { kind: "any" }, operator: "between", value: { from: 10, to: 20 } };
    expect(predicate(avg)).toBe(
      `(SELECT avg(r."total") FROM "main"."orders" AS r WHERE r."customer_id" = p."customer_id") BETWEEN 10 AND 20`,
    );
  });
});

describe("groups, membership, SQL conditions", () => {
  it("nests AND/OR groups in parentheses and skips nothing", () => {
    const definition = audience(or(property("country", "is", "US"), { id: "g", type: "group", combinator: "and", conditions: [property("country", "is", "CA"), property("plan", "is", "pro")] }));
    expect(compileAudience(definition, demoContext(), postgresDialect).sql).toBe(`SELECT p.*
FROM "main"."customers" AS p
WHERE (p."country" = 'US' OR (p."country" = 'CA' AND p."plan" = 'pro'))`);
  });

  it("selects everyone for an empty root", () => {
    expect(compileAudience(audience([]), demoContext(), duckdbDialect).sql).toBe(`SELECT p.*\nFROM "main"."customers" AS p`);
  });

  it("wraps a SQL condition, with its comment on a line of its own", () => {
    expect(predicate({ id: "q", type: "sql", sql: "  plan = 'pro' -- VIPs  " })).toBe("(plan = 'pro' -- VIPs\n)");
  });

  it("nests a used audience's SQL and leaves out NULL keys", () => {
    const definition = audience([{ id: "m", type: "audience", operator: "not_in", audienceId: "aud-us" }]);
    expect(compileAudience(definition, demoContext({ audiences: [us] }), postgresDialect).sql).toBe(`SELECT p.*
FROM "main"."customers" AS p
WHERE p."customer_id" NOT IN (SELECT m."customer_id" FROM (
SELECT p.*
FROM "main"."customers" AS p
WHERE p."country" = 'US'
) AS m WHERE m."customer_id" IS NOT NULL)`);
  });

  it("reads a model's SQL as a derived table", () => {
    const context = demoContext();
    const sqlModel = { ...context, parent: { ...context.parent, query: { kind: "sql" as const, sql: "select * from customers -- all;" } } };
    expect(compileAudience(audience([property("plan", "is", "pro")]), sqlModel, duckdbDialect).sql).toBe(`SELECT p.*
FROM (SELECT * FROM (
select * from customers -- all
) AS "sluice_model") AS p
WHERE p."plan" = 'pro'`);
  });
});

describe("limits, exclusions, preview, overlap, splits", () => {
  const limited: AudienceDefinition = audience([property("country", "is", "US")], {
    exclusions: ["aud-us"],
    limit: { column: "lifetime_value", direction: "desc", count: 100 },
  });

  it.each(DIALECTS.map((dialect) => [dialect.name, dialect] as const))("orders NULLs last and limits on %s", (_name, dialect) => {
    expect(compileAudience(limited, demoContext({ audiences: [us] }), dialect).sql).toMatchSnapshot();
  });

  it("previews chosen columns in the audience's order", () => {
    const sql = compileMembersPreview(limited, demoContext({ audiences: [us] }), mysqlDialect, { columns: ["email", "plan"], limit: 20 });
    expect(sql.startsWith("SELECT m.`email`, m.`plan`\nFROM (\nSELECT p.*")).toBe(true);
    expect(sql.endsWith(") AS m\nORDER BY m.`lifetime_value` IS NULL, m.`lifetime_value` DESC, m.`customer_id` LIMIT 20")).toBe(true);
    expect(() => compileMembersPreview(limited, demoContext({ audiences: [us] }), mysqlDialect, { columns: ["nope"], limit: 1 })).toThrow(
      "The column “nope” no longer exists in Customers",
    );
  });

  it("counts the overlap of two audiences in one row", () => {
    const sql = compileOverlap(audience([property("plan", "is", "pro")]), "aud-us", demoContext({ audiences: [us] }), snowflakeDialect);
    expect(sql).toMatchSnapshot();
    expect(() => compileOverlap(audience([]), "gone", demoContext(), snowflakeDialect)).toThrow("The audience to compare with no longer exists");
  });

  it.each(DIALECTS.map((dialect) => [dialect.name, dialect] as const))("splits by a stable md5 bucket on %s", (_name, dialect) => {
    const definition = audience([], {
      splits: {
        seed: "test",
        groups: [
          { id: "a", name: "A", percent: 45, holdout: false },
          { id: "b", name: "B", percent: 45, holdout: false },
          { id: "h", name: "Holdout", percent: 10, holdout: true },
        ],
      },
    });
    const { splits } = compileAudience(definition, demoContext(), dialect);
    expect(splits?.groups.map((group) => [group.name, group.holdout, group.buckets])).toEqual([
      ["A", false, { from: 0, to: 44 }],
      ["B", false, { from: 45, to: 89 }],
      ["Holdout", true, { from: 90, to: 99 }],
    ]);
    expect(splits?.groups[2]?.sql).toMatchSnapshot();
    expect(splits?.countsSql).toMatchSnapshot();
  });
});

describe("refusal", () => {
  it("throws every problem instead of writing SQL", () => {
    const broken = audience([property("plan", "is", ""), property("nope", "is", "x")]);
    const problems = [
      { conditionId: broken.root.conditions[0]?.id, part: "condition", message: "Enter a value" },
      { conditionId: broken.root.conditions[1]?.id, part: "condition", message: "The column “nope” no longer exists in Customers" },
    ];
    expect(() => compileAudience(broken, demoContext(), postgresDialect)).toThrow(
      expect.objectContaining({ name: "AudienceProblemsError", problems }),
    );
    expect(() => compileAudience(broken, demoContext(), postgresDialect)).toThrow(AudienceProblemsError);
  });
});
