/**
 * Every condition type compiled for DuckDB and run on a freshly generated demo warehouse: the
 * members must be exactly those of a hand-written query. Both run in one statement, so now()
 * is the same instant for both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { duckdbDialect } from "@/server/sources/duckdb/dialect";
import type { AudienceDefinition, AudienceNode, SequenceCondition } from "../definition";
import { audience, demoContext, or, and, property } from "../testing";
import type { ReferencedAudience } from "../context";
import { completedOrdersInLast90Days, issueExample, openedEmailInLast30Days } from "./examples";
import { num, openDemoWarehouse, type Warehouse } from "./duckdb-testing";
import { compileAudience } from "./index";

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openDemoWarehouse(0.01);
});

afterAll(async () => {
  await warehouse.close();
});

/** Members of the compiled audience, of the hand-written `SELECT customer_id …`, and how many differ. */
async function compare(definition: AudienceDefinition, hand: string, audiences: ReferencedAudience[] = []) {
  const { sql } = compileAudience(definition, demoContext({ audiences }), duckdbDialect);
  const [row] = await warehouse.rows(`
    WITH compiled AS (${sql}), expected AS (${hand})
    SELECT
      (SELECT count(*) FROM compiled) AS members,
      (SELECT count(*) FROM expected) AS expected,
      (SELECT count(*) FROM compiled c FULL OUTER JOIN expected e ON c.customer_id = e.customer_id
        WHERE c.customer_id IS NULL OR e.customer_id IS NULL) AS different`);
  return { members: num(row?.members), expected: num(row?.expected), different: num(row?.different) };
}

async function expectSameMembers(nodes: AudienceNode | AudienceDefinition, where: string, options: { empty?: boolean } = {}) {
  const definition = "version" in nodes ? nodes : audience([nodes]);
  const result = await compare(definition, `SELECT customer_id FROM customers c WHERE ${where}`);
  expect(result.different, where).toBe(0);
  expect(result.members, where).toBe(result.expected);
  if (!options.empty) expect(result.members, `${where} should match someone`).toBeGreaterThan(0);
}

describe("the issue's example", () => {
  it("matches a hand-written query, and finds members", async () => {
    const hand = `
      SELECT c.customer_id FROM customers c
      LEFT JOIN (
        SELECT customer_id, count(*) AS n FROM orders
        WHERE status = 'completed' AND ordered_at >= now() - INTERVAL 90 DAY GROUP BY customer_id
      ) o ON o.customer_id = c.customer_id
      WHERE c.country IN ('US', 'CA') AND c.lifetime_value > 500 AND coalesce(o.n, 0) >= 2
        AND c.customer_id NOT IN (
          SELECT customer_id FROM events WHERE event_type = 'email_opened' AND occurred_at >= now() - INTERVAL 30 DAY
        )`;
    const result = await compare(issueExample, hand);
    expect(result).toEqual({ members: result.expected, expected: result.expected, different: 0 });
    expect(result.members).toBeGreaterThan(5);
  });
});

describe("property conditions", () => {
  it.each([
    [property("country", "is", "US"), "c.country = 'US'"],
    [property("country", "is_not", "US"), "(c.country <> 'US' OR c.country IS NULL)"],
    [property("email", "contains", "example.org"), "c.email LIKE '%example.org%'"],
    [property("email", "does_not_contain", "example.org"), "c.email NOT LIKE '%example.org%'"],
    [property("first_name", "starts_with", "Ma"), "c.first_name LIKE 'Ma%'"],
    [property("last_name", "ends_with", "son"), "c.last_name LIKE '%son'"],
    [property("city", "is_one_of", ["London", "Paris", "Toronto"]), "c.city IN ('London', 'Paris', 'Toronto')"],
    [property("city", "is_not_one_of", ["London", "Paris"]), "c.city NOT IN ('London', 'Paris')"],
    [property("phone", "is_empty"), "(c.phone IS NULL OR c.phone = '')"],
    [property("phone", "is_set"), "c.phone <> ''"],
    [property("lifetime_value", "equals", 0), "c.lifetime_value = 0"],
    [property("lifetime_value", "not_equals", 0), "c.lifetime_value <> 0"],
    [property("lifetime_value", "less_than", 100), "c.lifetime_value < 100"],
    [property("lifetime_value", "at_most", 100), "c.lifetime_value <= 100"],
    [property("lifetime_value", "greater_than", 1000), "c.lifetime_value > 1000"],
    [property("lifetime_value", "at_least", "1000.00"), "c.lifetime_value >= 1000"],
    [property("churn_score", "between", { from: 0.2, to: 0.4 }), "c.churn_score >= 0.2 AND c.churn_score <= 0.4"],
    [property("account_id", "is_empty"), "c.account_id IS NULL"],
    [property("account_id", "is_set"), "c.account_id IS NOT NULL"],
    [property("email_opt_in", "is_true"), "c.email_opt_in"],
    [property("email_opt_in", "is_false"), "NOT c.email_opt_in"],
    [property("signup_at", "before", "2025-01-01"), "c.signup_at < DATE '2025-01-01'"],
    [property("signup_at", "after", "2025-06-30"), "CAST(c.signup_at AS DATE) > DATE '2025-06-30'"],
    [property("signup_at", "after", "2025-06-30T12:30"), "c.signup_at > TIMESTAMP '2025-06-30 12:30:00'"],
    [
      property("signup_at", "between", { from: "2025-01-01", to: "2025-03-31" }),
      "CAST(c.signup_at AS DATE) BETWEEN DATE '2025-01-01' AND DATE '2025-03-31'",
    ],
    [property("last_seen_at", "within_last", { amount: 7, unit: "days" }), "c.last_seen_at >= now() - INTERVAL 7 DAY"],
    [property("last_seen_at", "within_last", { amount: 2, unit: "weeks" }), "c.last_seen_at >= now() - INTERVAL 14 DAY"],
    [property("last_seen_at", "more_than_ago", { amount: 3, unit: "months" }), "c.last_seen_at < now() - INTERVAL 3 MONTH"],
  ] as const)("%#: %o", async (node, where) => {
    await expectSameMembers(node, where);
  });

  it("compares whole days with `on`, and finds nobody in the future", async () => {
    const [first] = await warehouse.rows("SELECT strftime(signup_at, '%Y-%m-%d') AS day FROM customers WHERE customer_id = 1");
    const day = String(first?.day);
    await expectSameMembers(property("signup_at", "on", day), `CAST(c.signup_at AS DATE) = DATE '${day}'`);
    await expectSameMembers(property("last_seen_at", "within_next", { amount: 7, unit: "days" }), "c.last_seen_at > now()", {
      empty: true,
    });
  });

  it("combines nested AND/OR groups", async () => {
    const definition = audience([
      or(property("country", "is", "US"), and(property("country", "is", "CA"), property("plan", "is", "pro"))),
      property("email_opt_in", "is_true"),
    ]);
    await expectSameMembers(definition, "(c.country = 'US' OR (c.country = 'CA' AND c.plan = 'pro')) AND c.email_opt_in");
    const anyOf = audience(or(property("plan", "is", "enterprise"), property("lifetime_value", "greater_than", 2000)));
    await expectSameMembers(anyOf, "c.plan = 'enterprise' OR c.lifetime_value > 2000");
  });

  it("runs a SQL condition over the parent's columns", async () => {
    const node: AudienceNode = { id: "sql", type: "sql", sql: "plan = 'pro' AND churn_score < 0.5 -- engineers' note" };
    await expectSameMembers(node, "c.plan = 'pro' AND c.churn_score < 0.5");
  });
});

describe("event conditions", () => {
  const event = (extra: Partial<Extract<AudienceNode, { type: "event" }>>): AudienceNode => ({
    id: "event",
    type: "event",
    relationId: "rel-events",
    eventName: "email_clicked",
    operator: "performed",
    time: { kind: "any" },
    where: [],
    ...extra,
  });
  const countOf = (type: string, filter = "TRUE") =>
    `(SELECT count(*) FROM events e WHERE e.customer_id = c.customer_id AND e.event_type = '${type}' AND ${filter})`;

  it.each([
    [event({ frequency: { operator: "at_least", count: 3 } }), `${countOf("email_clicked")} >= 3`],
    [
      event({ eventName: "signed_in", frequency: { operator: "at_most", count: 2 }, time: { kind: "last", amount: 60, unit: "days" } }),
      `${countOf("signed_in", "e.occurred_at >= now() - INTERVAL 60 DAY")} IN (1, 2)`,
    ],
    [event({ eventName: "search_performed", frequency: { operator: "exactly", count: 1 } }), `${countOf("search_performed")} = 1`],
    [
      event({ eventName: "page_viewed", operator: "did_not_perform", time: { kind: "last", amount: 7, unit: "days" } }),
      `${countOf("page_viewed", "e.occurred_at >= now() - INTERVAL 7 DAY")} = 0`,
    ],
    [
      event({ eventName: "product_viewed", operator: "did_not_perform", frequency: { operator: "at_least", count: 3 } }),
      `${countOf("product_viewed")} < 3`,
    ],
    [
      event({
        eventName: "email_opened",
        time: { kind: "last", amount: 90, unit: "days" },
        where: [property("properties", "contains", "flash-sale", ["campaign"])],
      }),
      `${countOf("email_opened", "e.occurred_at >= now() - INTERVAL 90 DAY AND (e.properties->>'campaign') LIKE '%flash-sale%'")} > 0`,
    ],
    [
      event({
        eventName: "product_viewed",
        time: { kind: "between", from: "2026-01-01", to: "2026-12-31" },
        where: [property("properties", "is", "Apparel", ["category"]), property("properties", "is_set", undefined, ["price"])],
      }),
      `${countOf("product_viewed", "year(e.occurred_at) = 2026 AND (e.properties->>'category') = 'Apparel'")} > 0`,
    ],
  ] as const)("%#: %o", async (node, where) => {
    await expectSameMembers(node, where);
  });

  it("finds sequences: A then B within a time", async () => {
    const sequence = (extra: Partial<SequenceCondition>): SequenceCondition => ({
      id: "sequence",
      type: "sequence",
      relationId: "rel-events",
      operator: "performed",
      first: { eventName: "added_to_cart", where: [] },
      then: { eventName: "checkout_started", where: [] },
      within: { amount: 1, unit: "days" },
      time: { kind: "any" },
      ...extra,
    });
    const pairs = (within: string, first = "TRUE") => `EXISTS (
      SELECT 1 FROM events a, events b
      WHERE a.customer_id = c.customer_id AND b.customer_id = c.customer_id
        AND a.event_type = 'added_to_cart' AND b.event_type = 'checkout_started'
        AND b.occurred_at > a.occurred_at AND b.occurred_at - a.occurred_at <= ${within} AND ${first})`;
    await expectSameMembers(sequence({}), pairs("INTERVAL 1 DAY"));
    await expectSameMembers(sequence({ operator: "did_not_perform" }), `NOT ${pairs("INTERVAL 1 DAY")}`);
    await expectSameMembers(
      sequence({ within: { amount: 2, unit: "weeks" }, time: { kind: "last", amount: 30, unit: "days" } }),
      pairs("INTERVAL 14 DAY", "a.occurred_at >= now() - INTERVAL 30 DAY"),
    );
  });
});

describe("related aggregates", () => {
  const aggregate = (extra: Partial<Extract<AudienceNode, { type: "aggregate" }>>): AudienceNode => ({
    ...completedOrdersInLast90Days(1),
    where: [],
    time: { kind: "any" },
    ...extra,
  });
  const ofOrders = (expr: string, filter = "TRUE") =>
    `(SELECT ${expr} FROM orders o WHERE o.customer_id = c.customer_id AND ${filter})`;
  const completed = "o.status = 'completed' AND o.ordered_at >= now() - INTERVAL 90 DAY";

  it.each([
    [completedOrdersInLast90Days(2), `${ofOrders("count(*)", completed)} >= 2`],
    [
      aggregate({ aggregation: "sum", column: "total", operator: "greater_than", value: 500, where: completedOrdersInLast90Days(1).where, time: { kind: "last", amount: 90, unit: "days" } }),
      `${ofOrders("sum(total)", completed)} > 500`,
    ],
    [aggregate({ aggregation: "sum", column: "total", operator: "less_than", value: 100 }), `coalesce(${ofOrders("sum(total)")}, 0) < 100`],
    [aggregate({ aggregation: "avg", column: "total", operator: "greater_than", value: 150 }), `${ofOrders("avg(total)")} > 150`],
    [aggregate({ aggregation: "min", column: "item_count", operator: "at_least", value: 2 }), `${ofOrders("min(item_count)")} >= 2`],
    [
      aggregate({ aggregation: "max", column: "total", operator: "between", value: { from: 100, to: 300 } }),
      `${ofOrders("max(total)")} BETWEEN 100 AND 300`,
    ],
    [
      aggregate({ operator: "at_least", value: 2, where: [property("channel", "is", "mobile")] }),
      `${ofOrders("count(*)", "o.channel = 'mobile'")} >= 2`,
    ],
    [
      aggregate({ operator: "equals", value: 0, time: { kind: "between", from: "2026-01-01", to: "2026-06-30" } }),
      `${ofOrders("count(*)", "CAST(o.ordered_at AS DATE) BETWEEN DATE '2026-01-01' AND DATE '2026-06-30'")} = 0`,
    ],
  ] as const)("%#: %o", async (node, where) => {
    await expectSameMembers(node, where);
  });
});

describe("audience membership", () => {
  const us: ReferencedAudience = { id: "aud-us", name: "US", definition: audience([property("country", "is", "US")]) };
  const valuable: ReferencedAudience = {
    id: "aud-valuable",
    name: "Valuable US",
    definition: audience([property("lifetime_value", "greater_than", 500), { id: "in-us", type: "audience", operator: "in", audienceId: "aud-us" }]),
  };

  it("is in / not in another audience, also through a chain", async () => {
    const inUs = audience([property("plan", "is", "pro"), { id: "m", type: "audience", operator: "in", audienceId: "aud-us" }]);
    let result = await compare(inUs, "SELECT customer_id FROM customers WHERE plan = 'pro' AND country = 'US'", [us]);
    expect(result.different).toBe(0);
    expect(result.members).toBeGreaterThan(0);

    const notUs = audience([{ id: "m", type: "audience", operator: "not_in", audienceId: "aud-us" }]);
    result = await compare(notUs, "SELECT customer_id FROM customers WHERE country <> 'US'", [us]);
    expect(result.different).toBe(0);

    const chained = audience([property("email_opt_in", "is_true"), { id: "m", type: "audience", operator: "in", audienceId: "aud-valuable" }]);
    result = await compare(
      chained,
      "SELECT customer_id FROM customers WHERE email_opt_in AND lifetime_value > 500 AND country = 'US'",
      [us, valuable],
    );
    expect(result.different).toBe(0);
    expect(result.members).toBeGreaterThan(0);
  });

  it("combines with the issue's example conditions", async () => {
    const definition = audience([
      { id: "m", type: "audience", operator: "in", audienceId: "aud-us" },
      completedOrdersInLast90Days(1),
      openedEmailInLast30Days("performed"),
    ]);
    const result = await compare(
      definition,
      `SELECT customer_id FROM customers c WHERE country = 'US'
        AND customer_id IN (SELECT customer_id FROM orders WHERE status = 'completed' AND ordered_at >= now() - INTERVAL 90 DAY)
        AND customer_id IN (SELECT customer_id FROM events WHERE event_type = 'email_opened' AND occurred_at >= now() - INTERVAL 30 DAY)`,
      [us],
    );
    expect(result.different).toBe(0);
    expect(result.members).toBeGreaterThan(0);
  });
});
