/**
 * The demo warehouse, generated for real with DuckDB into a temp dir and read back with SQL.
 */
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_WAREHOUSE_TABLES,
  generateDemoWarehouse,
  type DemoWarehouseProgress,
  type DemoWarehouseSummary,
} from "./index";

const TODAY = new Date("2026-03-15T12:34:56.789Z");
/** `today` truncated to the second, as a DuckDB TIMESTAMP literal. */
const TODAY_SQL = "TIMESTAMP '2026-03-15 12:34:56'";
const SMALL = 0.01;
const SMALL_ROWS = { accounts: 100, products: 5, customers: 1_000, orders: 3_000, events: 20_000 };

const PK: Record<string, string> = {
  accounts: "account_id",
  products: "product_id",
  customers: "customer_id",
  orders: "order_id",
  events: "event_id",
};

const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sluice-demo-warehouse-"));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Opens `file` read-only (":memory:" opens a scratch database) and always closes it. */
async function withDb<T>(file: string, fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(file, file === ":memory:" ? {} : { access_mode: "READ_ONLY" });
  try {
    const connection = await instance.connect();
    try {
      return await fn(connection);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

type Row = Record<string, unknown>;

async function all(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS();
}

async function one(connection: DuckDBConnection, sql: string): Promise<Row> {
  const rows = await all(connection, sql);
  expect(rows).toHaveLength(1);
  const [row] = rows;
  if (!row) throw new Error(`no row for ${sql}`);
  return row;
}

/** A number from a DuckDB integer/double result (BIGINT arrives as bigint). */
function num(value: unknown): number {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return value;
  throw new Error(`not a number: ${String(value)}`);
}

/** md5 over the whole table content in key order. */
async function checksums(file: string): Promise<Record<string, string>> {
  return withDb(file, async (connection) => {
    const result: Record<string, string> = {};
    for (const table of DEMO_WAREHOUSE_TABLES) {
      const key = PK[table] ?? "";
      const row = await one(connection, `SELECT md5(string_agg(t::VARCHAR, '\n' ORDER BY t.${key})) AS sum FROM ${table} t`);
      result[table] = String(row.sum);
    }
    return result;
  });
}

function rowsByTable(summary: DemoWarehouseSummary): Record<string, number> {
  return Object.fromEntries(summary.tables.map((table) => [table.name, table.rows]));
}

describe("generateDemoWarehouse at scale 0.01", () => {
  let dir = "";
  let file = "";
  let summary: DemoWarehouseSummary = { tables: [] };
  const progress: DemoWarehouseProgress[] = [];

  beforeAll(async () => {
    dir = await tempDir();
    file = path.join(dir, "nested", "demo.duckdb");
    summary = await generateDemoWarehouse(file, {
      today: TODAY,
      scale: SMALL,
      onProgress: async (p) => {
        progress.push(p);
        await Promise.resolve();
      },
    });
  });

  it("creates the parent directory and leaves only the finished file behind", async () => {
    expect(await readdir(path.join(dir, "nested"))).toEqual(["demo.duckdb"]);
    expect((await stat(file)).size).toBeGreaterThan(0);
  });

  it("creates exactly the promised tables with the scaled row counts", async () => {
    expect([...DEMO_WAREHOUSE_TABLES].sort()).toEqual(Object.keys(SMALL_ROWS).sort());
    expect(rowsByTable(summary)).toEqual(SMALL_ROWS);
    await withDb(file, async (connection) => {
      const tables = await all(
        connection,
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY table_name",
      );
      expect(tables.map((t) => t.table_name)).toEqual([...DEMO_WAREHOUSE_TABLES].sort());
      // Helper macros were temporary.
      const macros = await one(
        connection,
        "SELECT count(*) AS n FROM duckdb_functions() WHERE database_name = current_database() AND NOT internal",
      );
      expect(num(macros.n)).toBe(0);
      for (const [table, expected] of Object.entries(SMALL_ROWS)) {
        const row = await one(connection, `SELECT count(*) AS n FROM ${table}`);
        expect(num(row.n), table).toBe(expected);
      }
    });
  });

  it("describes every table in one non-empty sentence, in DEMO_WAREHOUSE_TABLES order", () => {
    expect(summary.tables.map((table) => table.name)).toEqual([...DEMO_WAREHOUSE_TABLES]);
    for (const table of summary.tables) {
      expect(typeof table.description, table.name).toBe("string");
      expect(table.description.trim().length, table.name).toBeGreaterThan(0);
    }
  });

  it("has non-null unique keys, ids 1..N and referential integrity", async () => {
    await withDb(file, async (connection) => {
      for (const [table, key] of Object.entries(PK)) {
        const row = await one(
          connection,
          `SELECT count(${key}) AS present, count(DISTINCT ${key}) AS distinct_keys, min(${key}) AS lo, max(${key}) AS hi, count(*) AS n FROM ${table}`,
        );
        expect(num(row.present), table).toBe(num(row.n));
        expect(num(row.distinct_keys), table).toBe(num(row.n));
        expect(num(row.lo), table).toBe(1);
        expect(num(row.hi), table).toBe(num(row.n));
        // Stored in key order.
        const stored = await one(
          connection,
          `SELECT count(*) AS out_of_order FROM (SELECT ${key} AS k, lag(${key}) OVER (ORDER BY rowid) AS prev FROM ${table}) WHERE k <> prev + 1`,
        );
        expect(num(stored.out_of_order), table).toBe(0);
      }
      const orphans = await one(
        connection,
        `SELECT
          (SELECT count(*) FROM orders o ANTI JOIN customers c USING (customer_id)) AS orders,
          (SELECT count(*) FROM events e ANTI JOIN customers c USING (customer_id)) AS events,
          (SELECT count(*) FROM customers c WHERE account_id IS NOT NULL AND account_id NOT IN (SELECT account_id FROM accounts)) AS customers,
          (SELECT count(*) FROM events WHERE properties->>'product_id' IS NOT NULL
             AND (properties->>'product_id')::BIGINT NOT IN (SELECT product_id FROM products)) AS products`,
      );
      expect(orphans).toEqual({ orders: 0n, events: 0n, customers: 0n, products: 0n });
      const pks = await all(
        connection,
        "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' ORDER BY table_name",
      );
      expect(pks.map((r) => r.table_name)).toEqual(["accounts", "customers", "orders", "products"]);
    });
  });

  it("has unique, lowercase, example-domain emails and plausible customer attributes", async () => {
    await withDb(file, async (connection) => {
      const emails = await one(
        connection,
        `SELECT count(DISTINCT email) AS distinct_emails, count(*) AS n,
           count(*) FILTER (WHERE email <> lower(email)) AS not_lower,
           count(*) FILTER (WHERE NOT regexp_full_match(email,
             '[a-z0-9._]+@(example\\.com|example\\.org|example\\.net|mail\\.example|[a-z0-9-]+\\.example)')) AS bad
         FROM customers`,
      );
      expect(emails).toEqual({ distinct_emails: 1000n, n: 1000n, not_lower: 0n, bad: 0n });

      const countries = await all(connection, "SELECT country, count(*) AS n FROM customers GROUP BY 1 ORDER BY 2 DESC, 1");
      expect(countries[0]?.country).toBe("US");
      for (const c of countries) expect(String(c.country)).toMatch(/^[A-Z]{2}$/);

      const plans = await all(connection, "SELECT plan, count(*) AS n FROM customers GROUP BY 1 ORDER BY 2 DESC");
      expect(plans.map((p) => p.plan)).toEqual(["free", "starter", "pro", "enterprise"]);

      const misc = await one(
        connection,
        `SELECT
          count(*) FILTER (WHERE phone IS NOT NULL AND NOT regexp_full_match(phone, '\\+[1-9][0-9]{7,14}')) AS bad_phones,
          count(*) FILTER (WHERE sms_opt_in AND phone IS NULL) AS sms_without_phone,
          count(*) FILTER (WHERE churn_score < 0 OR churn_score > 1) AS bad_churn,
          count(*) FILTER (WHERE account_id IS NULL) AS b2c,
          count(*) FILTER (WHERE first_name = '' OR last_name = '' OR city = '') AS blank_names,
          count(*) FILTER (WHERE signup_at < ${TODAY_SQL} - INTERVAL 1100 DAY OR signup_at > ${TODAY_SQL}) AS bad_signup,
          count(*) FILTER (WHERE last_seen_at < signup_at OR last_seen_at > ${TODAY_SQL}) AS bad_last_seen
         FROM customers`,
      );
      expect(misc).toMatchObject({ bad_phones: 0n, sms_without_phone: 0n, bad_churn: 0n, blank_names: 0n, bad_signup: 0n, bad_last_seen: 0n });
      expect(num(misc.b2c)).toBeGreaterThan(500);
      expect(num(misc.b2c)).toBeLessThan(1000);

      const accounts = await one(
        connection,
        `SELECT count(DISTINCT name) AS names, count(DISTINCT domain) AS domains, count(*) AS n,
           count(*) FILTER (WHERE NOT regexp_full_match(domain, '[a-z0-9-]+\\.example')) AS bad_domains,
           count(*) FILTER (WHERE employee_count < 1 OR created_at > ${TODAY_SQL}) AS bad
         FROM accounts`,
      );
      expect(accounts).toEqual({ names: 100n, domains: 100n, n: 100n, bad_domains: 0n, bad: 0n });

      // Cities belong to the customer's country.
      const londoners = await one(connection, "SELECT count(*) FILTER (WHERE country <> 'GB') AS wrong FROM customers WHERE city = 'London'");
      expect(num(londoners.wrong)).toBe(0);
    });
  });

  it("keeps every timestamp relative to today: events in the last 180 days, orders after signup", async () => {
    await withDb(file, async (connection) => {
      const events = await one(
        connection,
        `SELECT
          count(*) FILTER (WHERE occurred_at < ${TODAY_SQL} - INTERVAL 180 DAY OR occurred_at > ${TODAY_SQL}) AS outside,
          count(*) FILTER (WHERE occurred_at >= ${TODAY_SQL} - INTERVAL 30 DAY) AS last_30_days,
          count(*) FILTER (WHERE occurred_at < ${TODAY_SQL} - INTERVAL 150 DAY) AS older_than_150_days
         FROM events`,
      );
      expect(num(events.outside)).toBe(0);
      expect(num(events.last_30_days)).toBeGreaterThan(2_000);
      expect(num(events.older_than_150_days)).toBeGreaterThan(1_000);

      const orders = await one(
        connection,
        `SELECT
          count(*) FILTER (WHERE o.ordered_at < c.signup_at OR o.ordered_at > ${TODAY_SQL}) AS outside,
          count(*) FILTER (WHERE o.ordered_at >= ${TODAY_SQL} - INTERVAL 90 DAY) AS last_90_days
         FROM orders o JOIN customers c USING (customer_id)`,
      );
      expect(num(orders.outside)).toBe(0);
      expect(num(orders.last_90_days)).toBeGreaterThan(3_000 * 0.15);

      const beforeSignup = await one(
        connection,
        "SELECT count(*) AS n FROM events e JOIN customers c USING (customer_id) WHERE e.occurred_at < c.signup_at OR e.occurred_at > c.last_seen_at",
      );
      expect(num(beforeSignup.n)).toBe(0);

      // Ids follow time.
      const idOrder = await one(
        connection,
        `SELECT
          (SELECT count(*) FROM (SELECT ordered_at < lag(ordered_at) OVER (ORDER BY order_id) AS back FROM orders) WHERE back) AS orders,
          (SELECT count(*) FROM (SELECT occurred_at < lag(occurred_at) OVER (ORDER BY event_id) AS back FROM events) WHERE back) AS events`,
      );
      expect(idOrder).toEqual({ orders: 0n, events: 0n });
    });
  });

  it("makes lifetime_value the sum of completed orders and order_completed events match the orders", async () => {
    await withDb(file, async (connection) => {
      const ltv = await one(
        connection,
        `SELECT count(*) AS mismatches FROM customers c
         LEFT JOIN (SELECT customer_id, sum(total) AS s FROM orders WHERE status = 'completed' GROUP BY 1) o USING (customer_id)
         WHERE c.lifetime_value <> coalesce(o.s, 0)`,
      );
      expect(num(ltv.mismatches)).toBe(0);

      const spread = await one(
        connection,
        "SELECT count(*) FILTER (WHERE lifetime_value = 0) AS zero, count(*) FILTER (WHERE lifetime_value > 500) AS over_500 FROM customers",
      );
      expect(num(spread.zero)).toBeGreaterThan(100);
      expect(num(spread.over_500)).toBeGreaterThan(100);

      const completed = await one(
        connection,
        `WITH ev AS (
           SELECT customer_id, occurred_at, (properties->>'order_id')::BIGINT AS order_id, (properties->>'total')::DECIMAL(12, 2) AS total
           FROM events WHERE event_type = 'order_completed'
         ), expected AS (
           SELECT order_id, customer_id, ordered_at, total FROM orders
           WHERE status <> 'cancelled' AND ordered_at >= ${TODAY_SQL} - INTERVAL 180 DAY
         )
         SELECT (SELECT count(*) FROM ev) AS events, (SELECT count(*) FROM expected) AS orders,
           (SELECT count(*) FROM ev JOIN expected USING (order_id)
              WHERE ev.customer_id = expected.customer_id AND ev.occurred_at = expected.ordered_at AND ev.total = expected.total) AS matching`,
      );
      expect(num(completed.events)).toBeGreaterThan(0);
      expect(completed.events).toBe(completed.orders);
      expect(completed.matching).toBe(completed.orders);

      const statuses = await all(connection, "SELECT status, count(*) AS n FROM orders GROUP BY 1 ORDER BY 2 DESC");
      expect(statuses.map((s) => s.status)).toEqual(["completed", "cancelled", "refunded"]);
    });
  });

  it("gives events funnel-like frequencies, event-specific JSON properties and skewed activity", async () => {
    await withDb(file, async (connection) => {
      const types = await all(connection, "SELECT event_type, count(*) AS n FROM events GROUP BY 1");
      const count = (type: string): number => num(types.find((t) => t.event_type === type)?.n ?? 0);
      expect(types.map((t) => t.event_type).sort()).toEqual([
        "added_to_cart",
        "checkout_started",
        "email_clicked",
        "email_opened",
        "order_completed",
        "page_viewed",
        "product_viewed",
        "search_performed",
        "signed_in",
      ]);
      expect(count("page_viewed")).toBeGreaterThan(count("product_viewed"));
      expect(count("product_viewed")).toBeGreaterThan(count("added_to_cart"));
      expect(count("added_to_cart")).toBeGreaterThan(count("checkout_started"));
      expect(count("checkout_started")).toBeGreaterThan(count("order_completed"));
      expect(count("email_opened")).toBeGreaterThan(count("email_clicked"));

      const keys = await all(
        connection,
        "SELECT event_type, list_sort(json_keys(properties)) AS keys FROM events GROUP BY ALL ORDER BY ALL",
      );
      const keysOf = (type: string): unknown[] => keys.filter((k) => k.event_type === type).map((k) => k.keys);
      expect(keysOf("page_viewed")).toEqual([["path", "referrer", "url"]]);
      expect(keysOf("product_viewed")).toEqual([["category", "price", "product_id"]]);
      expect(keysOf("added_to_cart")).toEqual([["category", "price", "product_id", "quantity"]]);
      expect(keysOf("order_completed")).toEqual([["channel", "currency", "item_count", "order_id", "total"]]);
      expect(keysOf("email_opened")).toEqual([["campaign", "campaign_id"]]);
      expect(keysOf("email_clicked")).toEqual([["campaign", "campaign_id", "url"]]);

      const productPrices = await one(
        connection,
        `SELECT count(*) AS mismatches FROM events e JOIN products p ON p.product_id = (e.properties->>'product_id')::BIGINT
         WHERE e.event_type IN ('product_viewed', 'added_to_cart') AND (e.properties->>'price')::DECIMAL(10, 2) <> p.price`,
      );
      expect(num(productPrices.mismatches)).toBe(0);

      const emailWithoutOptIn = await one(
        connection,
        "SELECT count(*) AS n FROM events e JOIN customers c USING (customer_id) WHERE e.event_type LIKE 'email_%' AND NOT c.email_opt_in",
      );
      expect(num(emailWithoutOptIn.n)).toBe(0);

      const activity = await one(
        connection,
        `SELECT max(n) AS most, quantile_disc(n, 0.5) AS median, (SELECT count(*) FROM customers) - count(*) AS silent
         FROM (SELECT customer_id, count(*) AS n FROM events GROUP BY 1)`,
      );
      expect(num(activity.most)).toBeGreaterThan(5 * num(activity.median));
      expect(num(activity.silent)).toBeGreaterThan(50);
    });
  });

  it("answers the showcase audience with a meaningful, non-trivial number", async () => {
    await withDb(file, async (connection) => {
      const row = await one(
        connection,
        `SELECT count(*) AS n FROM customers c
         WHERE c.country = 'US' AND c.lifetime_value > 500
           AND (SELECT count(*) FROM orders o WHERE o.customer_id = c.customer_id AND o.status = 'completed'
                AND o.ordered_at >= ${TODAY_SQL} - INTERVAL 90 DAY) >= 2
           AND NOT EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.customer_id AND e.event_type = 'email_opened'
                AND e.occurred_at >= ${TODAY_SQL} - INTERVAL 30 DAY)`,
      );
      expect(num(row.n)).toBeGreaterThan(5);
      expect(num(row.n)).toBeLessThan(200);
    });
  });

  it("reports progress with increasing percent from 0 to 100", () => {
    expect(progress.length).toBeGreaterThan(3);
    expect(progress[0]?.percent).toBe(0);
    expect(progress.at(-1)?.percent).toBe(100);
    for (let i = 1; i < progress.length; i += 1) {
      expect(progress[i]?.percent).toBeGreaterThan(progress[i - 1]?.percent ?? Infinity);
    }
    for (const p of progress) expect(p.step.length).toBeGreaterThan(0);
    expect(progress.map((p) => p.step)).toContain("Generating orders");
  });
});

describe("generateDemoWarehouse determinism", () => {
  it("produces identical content for the same today and shifts every date with today", async () => {
    const dir = await tempDir();
    const first = path.join(dir, "first.duckdb");
    const second = path.join(dir, "second.duckdb");
    const later = path.join(dir, "later.duckdb");
    await generateDemoWarehouse(first, { today: TODAY, scale: SMALL });
    await generateDemoWarehouse(second, { today: TODAY, scale: SMALL });
    const week = 7 * 86_400_000;
    await generateDemoWarehouse(later, { today: new Date(TODAY.getTime() + week), scale: SMALL });

    const a = await checksums(first);
    expect(await checksums(second)).toEqual(a);
    const b = await checksums(later);
    for (const table of DEMO_WAREHOUSE_TABLES) {
      if (table === "products") expect(b[table], table).toBe(a[table]); // no dates in products
      else expect(b[table], table).not.toBe(a[table]);
    }

    // Same rows, every timestamp exactly one week later.
    await withDb(":memory:", async (connection) => {
      await connection.run(`ATTACH '${first}' AS a (READ_ONLY); ATTACH '${later}' AS b (READ_ONLY);`);
      const shifted = await one(
        connection,
        `SELECT
          (SELECT count(*) FROM a.customers x JOIN b.customers y USING (customer_id)
            WHERE y.signup_at - x.signup_at = INTERVAL 7 DAY AND y.last_seen_at - x.last_seen_at = INTERVAL 7 DAY
              AND x.email = y.email AND x.lifetime_value = y.lifetime_value) AS customers,
          (SELECT count(*) FROM a.orders x JOIN b.orders y USING (order_id)
            WHERE y.ordered_at - x.ordered_at = INTERVAL 7 DAY AND x.total = y.total) AS orders,
          (SELECT count(*) FROM a.events x JOIN b.events y USING (event_id)
            WHERE y.occurred_at - x.occurred_at = INTERVAL 7 DAY AND x.event_type = y.event_type) AS events,
          (SELECT max(occurred_at) FROM b.events) AS latest`,
      );
      expect(shifted).toMatchObject({ customers: 1000n, orders: 3000n, events: 20000n });
      expect(shifted.latest).toBeInstanceOf(Date);
      expect(shifted.latest instanceof Date && shifted.latest.getTime()).toBeLessThanOrEqual(TODAY.getTime() + week);
    });
  });

  it("atomically replaces an existing file", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "demo.duckdb");
    await writeFile(file, "not a database");
    await writeFile(`${file}.wal`, "stale wal of the replaced file");
    const summary = await generateDemoWarehouse(file, { today: TODAY, scale: 0.001 });
    expect(rowsByTable(summary).customers).toBe(100);
    expect((await readdir(dir)).sort()).toEqual(["demo.duckdb"]);
    await withDb(file, async (connection) => {
      expect(num((await one(connection, "SELECT count(*) AS n FROM customers")).n)).toBe(100);
    });
  });
});

describe("generateDemoWarehouse failures", () => {
  it("rejects when the parent of the target is a file", async () => {
    const dir = await tempDir();
    const blocker = path.join(dir, "blocker");
    await writeFile(blocker, "I am a file");
    await expect(generateDemoWarehouse(path.join(blocker, "demo.duckdb"), { today: TODAY, scale: SMALL })).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["blocker"]);
  });

  it("removes the half-built temporary file when generation fails midway", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "demo.duckdb");
    const seen: string[] = [];
    await expect(
      generateDemoWarehouse(file, {
        today: TODAY,
        scale: SMALL,
        onProgress: ({ step }) => {
          seen.push(step);
          if (step === "Generating events") throw new Error("stop here");
        },
      }),
    ).rejects.toThrow("stop here");
    expect(seen).toContain("Generating orders");
    expect(await readdir(dir)).toEqual([]);
  });

  it("rejects a nonsensical scale or date", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "demo.duckdb");
    await expect(generateDemoWarehouse(file, { scale: 0 })).rejects.toThrow(RangeError);
    await expect(generateDemoWarehouse(file, { scale: Number.NaN })).rejects.toThrow(RangeError);
    await expect(generateDemoWarehouse(file, { today: new Date("nope") })).rejects.toThrow(RangeError);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("generateDemoWarehouse at full size", () => {
  it("generates ~100k customers, 300k orders and 2M events in a few seconds", { timeout: 180_000 }, async () => {
    const dir = await tempDir();
    const file = path.join(dir, "demo.duckdb");
    const started = performance.now();
    const summary = await generateDemoWarehouse(file, { today: TODAY });
    const seconds = (performance.now() - started) / 1000;
    const megabytes = (await stat(file)).size / 1024 / 1024;
    console.log(`demo warehouse at full size: ${seconds.toFixed(1)} s, ${megabytes.toFixed(1)} MiB`, rowsByTable(summary));

    expect(rowsByTable(summary)).toEqual({
      accounts: 10_000,
      products: 500,
      customers: 100_000,
      orders: 300_000,
      events: 2_000_000,
    });
    // Generous bound for slow CI; on 2 cores it takes about 5 s.
    expect(seconds).toBeLessThan(60);
    expect(megabytes).toBeLessThan(150);

    await withDb(file, async (connection) => {
      const row = await one(
        connection,
        `SELECT (SELECT count(DISTINCT email) FROM customers) AS emails,
           (SELECT count(*) FROM events WHERE occurred_at < ${TODAY_SQL} - INTERVAL 180 DAY OR occurred_at > ${TODAY_SQL}) AS outside,
           (SELECT count(*) FROM customers c LEFT JOIN (SELECT customer_id, sum(total) AS s FROM orders WHERE status = 'completed' GROUP BY 1) o
              USING (customer_id) WHERE c.lifetime_value <> coalesce(o.s, 0)) AS ltv_mismatches`,
      );
      expect(row).toEqual({ emails: 100_000n, outside: 0n, ltv_mismatches: 0n });
    });
  });
});
