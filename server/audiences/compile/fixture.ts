/**
 * A tiny customers/orders/events data set for the Postgres and MariaDB integration tests (not
 * used by the app), with the members each audience must have, worked out by hand. Times are
 * relative to the server's clock (hours ago, written as SQL); text goes in as bound parameters,
 * so the seed does not depend on the literal encoding under test.
 */
import type { AudienceDefinition } from "../definition";
import { audience, property } from "../testing";
import { completedOrdersInLast90Days, issueExample } from "./examples";

export type FixtureEngine = "postgres" | "mysql";

const TYPES = {
  postgres: { text: "text", money: "numeric(12,2)", double: "double precision", time: "timestamp", json: "jsonb" },
  mysql: { text: "varchar(200)", money: "decimal(12,2)", double: "double", time: "datetime", json: "json" },
};

export function fixtureDdl(engine: FixtureEngine): string[] {
  const t = TYPES[engine];
  return [
    `CREATE TABLE customers (customer_id bigint PRIMARY KEY, email ${t.text}, first_name ${t.text}, last_name ${t.text},
      phone ${t.text}, country ${t.text}, city ${t.text}, plan ${t.text}, account_id bigint, signup_at ${t.time},
      lifetime_value ${t.money}, churn_score ${t.double}, email_opt_in boolean, sms_opt_in boolean, ads_consent boolean,
      last_seen_at ${t.time})`,
    `CREATE TABLE orders (order_id bigint PRIMARY KEY, customer_id bigint, ordered_at ${t.time}, status ${t.text},
      total ${t.money}, currency ${t.text}, item_count int, channel ${t.text})`,
    `CREATE TABLE events (event_id bigint PRIMARY KEY, customer_id bigint, event_type ${t.text}, occurred_at ${t.time},
      properties ${t.json})`,
  ];
}

type Cell = string | number | boolean | null | { hoursAgo: number } | { json: string };

const days = (n: number): Cell => ({ hoursAgo: n * 24 });

// id, last_name, email, country, plan, lifetime_value, signup, email_opt_in, phone, last_seen
const CUSTOMERS: Cell[][] = [
  [1, "Smith", "ann@example.com", "US", "pro", 800, days(400), true, "+1 555 0100", days(1)],
  [2, "Tremblay", "bob@example.org", "CA", "free", 600, days(20), true, null, days(5)],
  [3, "Jones", "cy@example.com", "US", "starter", 900, days(700), true, "", days(3)],
  [4, "Brown", "di@example.net", "US", "free", 400, days(10), false, "+1 555 0101", days(2)],
  [5, "Taylor", "ed@example.co.uk", "GB", "enterprise", 1000, days(900), true, "+44 20 7946 0000", days(100)],
  [6, "Miller", "fa@example.com", "US", "pro", 700, days(300), false, null, days(50)],
  [7, "O'Brien\\", "g'o@example.com", "CA", "pro", 550, days(15), true, "+1 555 0102", days(0)],
  [8, "Lee", "hi%_@example.com", "US", "free", 0, days(200), false, null, days(400)],
];

// id, customer, ordered, status, total
const ORDERS: Cell[][] = [
  [101, 1, days(10), "completed", 300], [102, 1, days(20), "completed", 250], [103, 1, days(30), "completed", 250],
  [201, 2, days(5), "completed", 100], [202, 2, days(60), "completed", 500],
  [301, 3, days(2), "completed", 450], [302, 3, days(4), "completed", 450],
  [401, 4, days(1), "completed", 150], [402, 4, days(3), "completed", 150], [403, 4, days(7), "completed", 100],
  [501, 5, days(10), "completed", 400], [502, 5, days(11), "completed", 300], [503, 5, days(12), "completed", 300],
  [601, 6, days(10), "completed", 300], [602, 6, days(15), "refunded", 200], [603, 6, days(120), "completed", 400],
  [701, 7, days(1), "completed", 275], [702, 7, days(89), "completed", 275],
];

// id, customer, type, occurred, properties
const EVENTS: Cell[][] = [
  [1, 2, "email_opened", days(40), { json: '{"campaign": "flash-sale-1"}' }],
  [2, 3, "email_opened", days(3), { json: '{"campaign": "weekly-newsletter"}' }],
  [3, 5, "email_opened", days(1), { json: '{"campaign": "flash-sale-2"}' }],
  [4, 1, "added_to_cart", { hoursAgo: 240 }, { json: '{"product_id": 7}' }],
  [5, 1, "checkout_started", { hoursAgo: 238 }, { json: '{"cart_value": 120.5}' }],
  [6, 4, "added_to_cart", { hoursAgo: 120 }, { json: '{"product_id": 8}' }],
  [7, 4, "checkout_started", { hoursAgo: 48 }, { json: '{"cart_value": 40}' }],
  [8, 7, "added_to_cart", { hoursAgo: 48 }, { json: '{"product_id": 9}' }],
  [9, 7, "checkout_started", { hoursAgo: 28 }, { json: '{"cart_value": 75}' }],
  [10, 6, "page_viewed", days(1), { json: '{"path": "/", "referrer": null}' }],
];

/** INSERT statements with `$n` (Postgres) or `?` (MySQL) placeholders and their parameters. */
export function fixtureInserts(engine: FixtureEngine): { sql: string; params: (string | number | boolean | null)[] }[] {
  const ago = (hours: number) => (engine === "postgres" ? `now() - INTERVAL '${hours} hours'` : `NOW() - INTERVAL ${hours} HOUR`);
  const insert = (table: string, columns: string, rows: Cell[][]) => {
    const params: (string | number | boolean | null)[] = [];
    const values = rows.map((row) => {
      const cells = row.map((cell) => {
        if (cell !== null && typeof cell === "object" && "hoursAgo" in cell) return ago(cell.hoursAgo);
        if (cell !== null && typeof cell === "object") {
          // postgres.js would send a string for jsonb as a JSON string: the text is cast instead.
          params.push(cell.json);
          return engine === "postgres" ? `CAST(CAST($${params.length} AS text) AS jsonb)` : "?";
        }
        params.push(cell);
        return engine === "postgres" ? `$${params.length}` : "?";
      });
      return `(${cells.join(", ")})`;
    });
    return { sql: `INSERT INTO ${table} (${columns}) VALUES ${values.join(", ")}`, params };
  };
  return [
    insert("customers", "customer_id, last_name, email, country, plan, lifetime_value, signup_at, email_opt_in, phone, last_seen_at", CUSTOMERS),
    insert("orders", "order_id, customer_id, ordered_at, status, total", ORDERS),
    insert("events", "event_id, customer_id, event_type, occurred_at, properties", EVENTS),
  ];
}

const pro = { id: "aud-pro", name: "Pro", definition: audience([property("plan", "is", "pro")]) };
export const FIXTURE_AUDIENCES = [pro];

/** Audiences and their members (customer ids, ascending). */
export const FIXTURE_CASES: { name: string; definition: AudienceDefinition; members: number[] }[] = [
  { name: "the issue's example", definition: issueExample, members: [1, 2, 7] },
  { name: "text with a quote and a backslash", definition: audience([property("last_name", "is", "O'Brien\\")]), members: [7] },
  { name: "contains % and _ literally", definition: audience([property("email", "contains", "%_")]), members: [8] },
  { name: "contains a quote", definition: audience([property("email", "contains", "'")]), members: [7] },
  { name: "ends with", definition: audience([property("email", "ends_with", ".org")]), members: [2] },
  { name: "is not one of (empty values included)", definition: audience([property("country", "is_not_one_of", ["US", "CA"])]), members: [5] },
  { name: "empty text: NULL or ''", definition: audience([property("phone", "is_empty")]), members: [2, 3, 6, 8] },
  { name: "signed up in the last 30 days", definition: audience([property("signup_at", "within_last", { amount: 30, unit: "days" })]), members: [2, 4, 7] },
  { name: "last seen more than 3 months ago", definition: audience([property("last_seen_at", "more_than_ago", { amount: 3, unit: "months" })]), members: [5, 8] },
  { name: "boolean", definition: audience([property("email_opt_in", "is_false")]), members: [4, 6, 8] },
  { name: "number between", definition: audience([property("lifetime_value", "between", { from: 550, to: 800 })]), members: [1, 2, 6, 7] },
  {
    name: "event with a JSON property",
    definition: audience([
      {
        id: "e",
        type: "event",
        relationId: "rel-events",
        eventName: "email_opened",
        operator: "performed",
        time: { kind: "any" },
        where: [property("properties", "starts_with", "flash", ["campaign"])],
      },
    ]),
    members: [2, 5],
  },
  {
    name: "event with a missing / null JSON property",
    definition: audience([
      {
        id: "e",
        type: "event",
        relationId: "rel-events",
        eventName: "page_viewed",
        operator: "performed",
        time: { kind: "last", amount: 7, unit: "days" },
        where: [property("properties", "is", "/", ["path"]), property("properties", "is_empty", undefined, ["referrer"])],
      },
    ]),
    members: [6],
  },
  {
    name: "sequence within a day",
    definition: audience([
      {
        id: "s",
        type: "sequence",
        relationId: "rel-events",
        operator: "performed",
        first: { eventName: "added_to_cart", where: [] },
        then: { eventName: "checkout_started", where: [] },
        within: { amount: 1, unit: "days" },
        time: { kind: "any" },
      },
    ]),
    members: [1, 7],
  },
  {
    name: "total of completed orders in the last 90 days",
    definition: audience([
      {
        ...completedOrdersInLast90Days(0),
        aggregation: "sum",
        column: "total",
        operator: "greater_than",
        value: 700,
      },
    ]),
    members: [1, 3, 5],
  },
  {
    name: "in another audience",
    definition: audience([property("country", "is", "US"), { id: "m", type: "audience", operator: "in", audienceId: "aud-pro" }]),
    members: [1, 6],
  },
  { name: "exclusions", definition: audience([property("country", "is", "US")], { exclusions: ["aud-pro"] }), members: [3, 4, 8] },
  {
    name: "top 3 by lifetime value",
    definition: audience([], { limit: { column: "lifetime_value", direction: "desc", count: 3 } }),
    members: [1, 3, 5],
  },
  {
    name: "SQL condition",
    definition: audience([{ id: "q", type: "sql", sql: "plan IN ('pro', 'enterprise') AND lifetime_value >= 700 -- note" }]),
    members: [1, 5, 6],
  },
];

/** The issue example's breakdown on the fixture. */
export const FIXTURE_BREAKDOWN = { total: 8, condition_1: 7, condition_2: 6, condition_3: 6, condition_4: 6 };

/** Overlap of lifetime value > 500 with the Pro audience. */
export const FIXTURE_OVERLAP = {
  definition: audience([property("lifetime_value", "greater_than", 500)]),
  otherId: "aud-pro",
  counts: { audience: 6, other: 3, both: 3 },
};
