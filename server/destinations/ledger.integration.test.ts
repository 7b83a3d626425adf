/**
 * Account limits shared through the app database, as two worker processes share them: each side
 * has its own connection pool and its own registry, and only the database is common. Without
 * TEST_DATABASE_URL both sides use one in-memory PGlite.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { openTestDatabase } from "@/test/database";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/fakes/webhook-receiver";
import { useLoopbackGuard } from "@/test/loopback";
import type { Database, Db } from "@/db/client";
import { pauseAccount, pausedFor, reserveSlot } from "@/db/queries/account-slots";
import { createAccountRegistry, limiterKey } from "./accounts";
import { deliver, type DeliveryCounters } from "./delivery";
import { databaseLedger } from "./ledger";
import type { DestinationRecord } from "./types";
import { webhookDestination, ZWebhookConfig } from "./webhook";

const secret = "ledger-receiver-secret-0123";
const databases: Database[] = [];
let receiver: WebhookReceiver;

useLoopbackGuard();

beforeAll(async () => {
  const first = await openTestDatabase();
  databases.push(first, inject("testDatabaseUrl") ? await openTestDatabase() : first);
});

afterAll(async () => {
  for (const database of new Set(databases)) await database.close();
});

beforeEach(async () => {
  receiver = await startWebhookReceiver({ secret });
});

afterEach(async () => {
  await receiver.close();
});

/** The two "processes": separate connections to one app database. */
function sides(): [Db, Db] {
  const [a, b] = databases;
  if (!a || !b) throw new Error("The databases are opened in beforeAll.");
  return [a.db, b.db];
}

const uniqueKey = (name: string) => `${name}-${crypto.randomUUID()}`;

function records(n: number, prefix: string): DestinationRecord[] {
  return Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, operation: "upsert", payload: { id: i } }));
}

describe("reserveSlot", () => {
  it("spaces the slots of one account, whichever connection takes them", async () => {
    const [a, b] = sides();
    const key = uniqueKey("spaced");
    const started = performance.now();
    const taken = await Promise.all(Array.from({ length: 20 }, (_, i) => reserveSlot(i % 2 === 0 ? a : b, key, 50)));
    const elapsed = performance.now() - started;
    const times = taken.map((slot) => slot.at).sort((x, y) => x - y);
    const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(49.99);
    // The last slot is 19 spacings after the first, and was taken at most `elapsed` later: its
    // wait is the rest. (On a loaded machine the 20 reservations spread over hundreds of ms.)
    expect(Math.max(...taken.map((slot) => slot.waitMs))).toBeGreaterThan(19 * 50 - elapsed - 10);
  });

  it("keeps accounts apart, and lets a first request start at once", async () => {
    const [a] = sides();
    const busy = uniqueKey("busy");
    await reserveSlot(a, busy, 10_000);
    const other = await reserveSlot(a, uniqueKey("idle"), 10_000);
    expect(other.waitMs).toBe(0);
    expect(await pausedFor(a, busy)).toBe(0);
  });

  it("holds every connection's requests until a pause ends, and a shorter pause does not cut it", async () => {
    const [a, b] = sides();
    const key = uniqueKey("paused");
    await pauseAccount(a, key, 2_000);
    await pauseAccount(b, key, 100);
    const paused = await pausedFor(b, key);
    expect(paused).toBeGreaterThan(1_500);
    expect(paused).toBeLessThanOrEqual(2_000);
    const slot = await reserveSlot(b, key, 0);
    expect(slot.waitMs).toBeGreaterThan(1_500);
    expect(slot.waitMs).toBeLessThanOrEqual(2_000);
    expect(await pausedFor(b, uniqueKey("never-paused"))).toBe(0);
  });
});

describe("deliveries in two processes to one account", () => {
  const configOf = (settings: Record<string, unknown>) => ZWebhookConfig.parse({ url: receiver.url, signingSecret: secret, ...settings });

  async function deliverFrom(db: Db, input: DestinationRecord[], settings: Record<string, unknown>): Promise<DeliveryCounters> {
    const config = configOf(settings);
    const accounts = createAccountRegistry({ ledger: databaseLedger(db) });
    return deliver(webhookDestination, config, input, { target: { object: "records", identifier: "id" }, accounts, random: () => 0.5 });
  }

  it("share one requests-per-second limit", async () => {
    const [a, b] = sides();
    const settings = { batchSize: 10, requestsPerSecond: 10 };
    const [first, second] = await Promise.all([deliverFrom(a, records(100, "a"), settings), deliverFrom(b, records(100, "b"), settings)]);
    expect(first.accepted + second.accepted).toBe(200);
    const arrivals = receiver.requests.map((request) => request.at).sort((x, y) => x - y);
    expect(arrivals).toHaveLength(20);
    // Paced 100 ms apart across both: 20 requests span at least 19 gaps (less arrival jitter).
    // Each process on its own would send its 10 in the first second, so the pair in about 1 s.
    expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThan(1_700);
  });

  it("share a pause the account asked for", async () => {
    const [a, b] = sides();
    receiver.script({ status: 429, headers: { "retry-after": "2" } });
    const first = deliverFrom(a, records(10, "a"), { batchSize: 10 });
    await receiver.waitFor(() => receiver.requests.length === 1);
    const pausedAt = receiver.requests[0]?.at ?? 0;
    // Wait for the pause to be in the database, then start the second process's delivery.
    const config = configOf({ batchSize: 10 });
    const key = limiterKey("webhook", webhookDestination.accountKey(config), webhookDestination.limits(config));
    await expect.poll(async () => (await reserveSlot(b, key, 0)).waitMs).toBeGreaterThan(0);
    const second = await deliverFrom(b, records(10, "b"), { batchSize: 10 });
    expect(second.accepted).toBe(10);
    expect((await first).accepted).toBe(10);
    const secondArrival = receiver.requests.find((request) => request.keys[0] === "b0")?.at ?? 0;
    expect(secondArrival - pausedAt).toBeGreaterThan(1_800);
  });
});
