/**
 * Demo warehouse generator.
 *
 * Builds the "Demo warehouse" every new workspace gets as its first source: an embedded
 * DuckDB file with realistic marketing data (accounts, products, customers, orders, events)
 * so audiences such as "US customers with lifetime value over 500 who completed at least
 * 2 orders in the last 90 days and did not open an email in the last 30 days" return
 * meaningful numbers.
 *
 * What it promises:
 * - Deterministic: the same `today` (to the second) and `scale` produce identical table contents
 *   (the file's bytes may differ: DuckDB writes blocks in parallel). No `random()`: every pseudo-random value is an integer hash of the row
 *   number and a per-column salt, written in plain SQL arithmetic (not DuckDB's `hash()`), and
 *   every table is inserted in key order. accounts, products, customers and orders have PRIMARY
 *   KEY constraints; events.event_id is unique and sorted but unconstrained (its index would add
 *   ~20% to the file and ~1 s to the build).
 * - Relative to `today`: every timestamp is at or before `today` (truncated to the second).
 *   Events cover exactly [today - 180 days, today], orders run from each customer's signup up
 *   to today with a strong share in the last 90 days, signups spread over ~3 years.
 * - Consistent: customers.lifetime_value = sum of that customer's completed orders' totals;
 *   every non-cancelled order of the last 180 days has exactly one `order_completed` event
 *   (same customer, time, order_id and total); last_seen_at = latest signup/order/event.
 *   All money is in USD.
 * - Row counts: max(1, round(base * scale)) with bases accounts 10,000, products 500,
 *   customers 100,000, orders 300,000 and events 2,000,000 (order_completed events included).
 *   The counts are exact (customer 1 is always an active buyer, so the weighted draws can never
 *   come up empty); only if the order_completed events alone exceed the events target (tiny
 *   scales) does `events` get more rows than its target.
 * - Safe for people: emails only use reserved example domains (example.com/.org/.net,
 *   mail.example, <company>.example); US/CA/GB/AU phone numbers use the ranges reserved for
 *   fiction.
 * - Crash-safe: the file is built under a temporary name next to `filePath`, checkpointed,
 *   closed and then atomically renamed onto `filePath`; on failure the temporary file (and its
 *   WAL / spill directory) is removed. The DuckDB instance is always closed.
 * - Offline: no DuckDB extension is installed or auto-loaded (json is built in).
 * - Fast and small: everything is generated set-based in DuckDB SQL (`range()`); full size takes
 *   ~4-5 s on 2 idle cores and ~80 MB on disk.
 * - Described: the summary lists every table in DEMO_WAREHOUSE_TABLES order with its row count
 *   and a one-sentence description a marketer can read.
 *
 * Layout: this file orchestrates the build; `plan.ts` sizes it, `vocabulary.ts` holds the
 * reference data, `sql.ts` the SQL-writing helpers and hash macros, `schema.ts` the tables and
 * their descriptions, and `accounts.ts` … `events.ts` the SQL generating each table.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";

import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

import { accountsSql } from "./accounts";
import { customersInsertSql, customersSql } from "./customers";
import { eventsSql, eventsWeightsSql } from "./events";
import { ordersSql } from "./orders";
import { BASE_ROWS, DAY, EVENT_WINDOW_DAYS, rows, type Plan } from "./plan";
import { productsSql } from "./products";
import { DEMO_TABLES, referenceTablesSql, SCHEMA } from "./schema";
import { MACROS } from "./sql";

export interface DemoWarehouseProgress {
  step: string;
  percent: number;
}

export interface DemoWarehouseSummary {
  /** One entry per table, in DEMO_WAREHOUSE_TABLES order; `description` is one plain sentence. */
  tables: { name: string; rows: number; description: string }[];
}

export interface GenerateDemoWarehouseOptions {
  today?: Date;
  scale?: number;
  onProgress?: (progress: DemoWarehouseProgress) => void | Promise<void>;
}

export const DEMO_WAREHOUSE_TABLES: readonly string[] = Object.freeze(DEMO_TABLES.map((table) => table.name));

async function scalarBigInt(connection: DuckDBConnection, sql: string): Promise<bigint> {
  const reader = await connection.runAndReadAll(sql);
  const value = reader.getRows()[0]?.[0];
  if (value === null || value === undefined) return 0n;
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return BigInt(value);
  throw new Error(`Unexpected scalar result for: ${sql}`);
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function build(
  connection: DuckDBConnection,
  p: Plan,
  report: (step: string, percent: number) => Promise<void>,
): Promise<DemoWarehouseSummary> {
  await connection.run(MACROS);
  await connection.run(referenceTablesSql());
  await connection.run(SCHEMA);

  await report("Generating accounts", 5);
  await connection.run(accountsSql(p));

  await report("Generating products", 10);
  await connection.run(productsSql(p));

  await report("Generating customers", 15);
  await connection.run(customersSql(p));

  await report("Generating orders", 30);
  const totalOrderWeight = await scalarBigInt(connection, "SELECT sum(w_order) FROM _cust");
  await connection.run(ordersSql(p, totalOrderWeight));

  await report("Generating events", 45);
  await connection.run(eventsWeightsSql());
  const totalEventWeight = await scalarBigInt(connection, "SELECT sum(w) FROM _ew");
  const completedEvents = await scalarBigInt(
    connection,
    `SELECT count(*) FROM _ord WHERE status <> 'cancelled' AND off <= ${EVENT_WINDOW_DAYS * DAY}`,
  );
  const behaviouralEvents = Math.max(0, p.events - Number(completedEvents));
  await connection.run(eventsSql(p, behaviouralEvents, totalEventWeight));

  await report("Calculating lifetime values", 80);
  await connection.run(customersInsertSql(p));

  const tables: DemoWarehouseSummary["tables"] = [];
  for (const { name, description } of DEMO_TABLES) {
    const count = await scalarBigInt(connection, `SELECT count(*) FROM ${quoteIdentifier(name)}`);
    tables.push({ name, rows: Number(count), description });
  }

  await report("Writing the warehouse file", 90);
  await connection.run("DROP TABLE _evo; DROP TABLE _ev; DROP TABLE _ord; DROP TABLE _ew; DROP TABLE _ow; DROP TABLE _cust; DROP TABLE _acct;");
  await connection.run("CHECKPOINT");
  return { tables };
}

let tempCounter = 0;

/**
 * Generates the demo warehouse into `filePath` (replacing any existing file atomically).
 * Resolves with the row count and the marketer-readable description of each table.
 */
export async function generateDemoWarehouse(
  filePath: string,
  options: GenerateDemoWarehouseOptions = {},
): Promise<DemoWarehouseSummary> {
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const today = options.today ?? new Date();
  const todayMs = today.getTime();
  if (Number.isNaN(todayMs)) throw new RangeError("today must be a valid date");

  const plan: Plan = {
    anchorS: Math.floor(todayMs / 1000),
    accounts: rows(BASE_ROWS.accounts, scale),
    products: rows(BASE_ROWS.products, scale),
    customers: rows(BASE_ROWS.customers, scale),
    orders: rows(BASE_ROWS.orders, scale),
    events: rows(BASE_ROWS.events, scale),
  };

  let lastPercent = -1;
  const report = async (step: string, percent: number): Promise<void> => {
    lastPercent = Math.max(lastPercent, percent);
    await options.onProgress?.({ step, percent: lastPercent });
  };

  const target = path.resolve(filePath);
  await mkdir(path.dirname(target), { recursive: true });
  tempCounter += 1;
  const tempPath = `${target}.tmp-${process.pid}-${tempCounter}-${randomBytes(3).toString("hex")}`;
  const cleanup = async (): Promise<void> => {
    await rm(tempPath, { force: true });
    await rm(`${tempPath}.wal`, { force: true });
    await rm(`${tempPath}.tmp`, { force: true, recursive: true });
  };

  await report("Preparing", 0);
  let summary: DemoWarehouseSummary;
  try {
    const instance = await DuckDBInstance.create(tempPath, {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
    try {
      const connection = await instance.connect();
      try {
        summary = await build(connection, plan, report);
      } finally {
        connection.closeSync();
      }
    } finally {
      instance.closeSync();
    }
    // A WAL left next to the target belongs to the file being replaced; DuckDB must not replay
    // it onto the new database.
    await rm(`${target}.wal`, { force: true });
    await rename(tempPath, target);
    await cleanup();
  } catch (error) {
    await cleanup();
    throw error;
  }
  await report("Done", 100);
  return summary;
}
