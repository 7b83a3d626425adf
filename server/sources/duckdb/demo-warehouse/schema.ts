/**
 * The shape of the demo warehouse: the five tables (with a sentence a marketer can read for
 * each), their DDL, and the temporary reference tables the generator joins against.
 * When a column changes, update the DDL, the description and the generator together.
 */
import { sqlList, sqlString } from "./sql";
import { COUNTRIES, INDUSTRIES, NAMES } from "./vocabulary";

/** Every table, in build order, with a one-sentence, marketer-readable description of its contents. */
export const DEMO_TABLES: readonly { name: string; description: string }[] = [
  {
    name: "accounts",
    description:
      "Companies some customers belong to: company name, website domain, industry, employee count, country and when the account was created.",
  },
  {
    name: "products",
    description: "The product catalog: product name, category (apparel, footwear, beauty, electronics…) and price in USD.",
  },
  {
    name: "customers",
    description:
      "People who signed up: email, name, phone, country, city, plan, company, signup date, lifetime value, churn score, email/SMS/ads consent and when they were last seen.",
  },
  {
    name: "orders",
    description:
      "Every purchase: which customer, when, status (completed, refunded or cancelled), total in USD, number of items and channel (web, mobile or store).",
  },
  {
    name: "events",
    description:
      "What customers did in the last 180 days: page and product views, searches, cart and checkout steps, sign-ins, email opens and clicks, and completed orders, each with its details.",
  },
];

/** DDL of the public tables, with DuckDB comments for people browsing the file in SQL. */
export const SCHEMA = `
CREATE TABLE accounts (
  account_id BIGINT PRIMARY KEY,
  name VARCHAR NOT NULL,
  domain VARCHAR NOT NULL,
  industry VARCHAR NOT NULL,
  employee_count INTEGER NOT NULL,
  country VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE TABLE products (
  product_id BIGINT PRIMARY KEY,
  name VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  price DECIMAL(10, 2) NOT NULL
);
CREATE TABLE customers (
  customer_id BIGINT PRIMARY KEY,
  email VARCHAR NOT NULL,
  first_name VARCHAR NOT NULL,
  last_name VARCHAR NOT NULL,
  phone VARCHAR,
  country VARCHAR NOT NULL,
  city VARCHAR NOT NULL,
  plan VARCHAR NOT NULL,
  account_id BIGINT,
  signup_at TIMESTAMP NOT NULL,
  lifetime_value DECIMAL(12, 2) NOT NULL,
  churn_score DOUBLE NOT NULL,
  email_opt_in BOOLEAN NOT NULL,
  sms_opt_in BOOLEAN NOT NULL,
  ads_consent BOOLEAN NOT NULL,
  last_seen_at TIMESTAMP NOT NULL
);
CREATE TABLE orders (
  order_id BIGINT PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  ordered_at TIMESTAMP NOT NULL,
  status VARCHAR NOT NULL,
  total DECIMAL(12, 2) NOT NULL,
  currency VARCHAR NOT NULL,
  item_count INTEGER NOT NULL,
  channel VARCHAR NOT NULL
);
CREATE TABLE events (
  event_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  event_type VARCHAR NOT NULL,
  occurred_at TIMESTAMP NOT NULL,
  properties JSON NOT NULL
);
COMMENT ON TABLE accounts IS 'Demo data: B2B companies some customers belong to.';
COMMENT ON TABLE products IS 'Demo data: product catalog (prices in USD).';
COMMENT ON TABLE customers IS 'Demo data: one row per customer. lifetime_value is the sum of completed orders (USD).';
COMMENT ON TABLE orders IS 'Demo data: orders (totals in USD).';
COMMENT ON TABLE events IS 'Demo data: behavioural events of the last 180 days; properties is event-specific JSON.';
`;

/** Temporary `_countries`, `_regions` and `_industries` tables built from the vocabulary. */
export function referenceTablesSql(): string {
  const countryRows = COUNTRIES.map(
    (c) => `(${sqlString(c.code)}, ${sqlString(c.region)}, ${sqlString(c.dial)}, ${c.eu}, ${sqlList(c.cities)})`,
  ).join(",\n  ");
  const regionRows = Object.entries(NAMES)
    .map(([region, names]) => `(${sqlString(region)}, ${sqlList(names.first)}, ${sqlList(names.last)})`)
    .join(",\n  ");
  const industryRows = INDUSTRIES.map((industry) => `(${sqlString(industry.name)}, ${sqlList(industry.nouns)})`).join(
    ",\n  ",
  );
  return `
CREATE OR REPLACE TEMP TABLE _countries AS
SELECT * FROM (VALUES
  ${countryRows}
) v(code, region, dial, eu, cities);
CREATE OR REPLACE TEMP TABLE _regions AS
SELECT * FROM (VALUES
  ${regionRows}
) v(region, first_names, last_names);
CREATE OR REPLACE TEMP TABLE _industries AS
SELECT * FROM (VALUES
  ${industryRows}
) v(industry, nouns);
`;
}
