import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { loadCreations, recordCreations } from "@/db/queries/run-creations";
import { createRun, getRunById, listRunChanges, requestCancel } from "@/db/queries/sync-runs";
import { listRejections, replayParked } from "@/db/queries/sync-state";
import { syncSnapshotParts } from "@/db/schema";
import { createScratchDatabase, type ScratchDatabase } from "@/server/sources/postgres/testing";
import { useTestDatabase } from "@/test/database";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/fakes/webhook-receiver";
import { createCustomerWarehouse, createSyncFixture, type SyncFixture, TABLE_MAPPING } from "@/test/syncs";
import { createHasher } from "./fingerprint";
import { executeRun } from "./run";

const db = useTestDatabase();
const SECRET = "whsec_engine_test_secret";
let warehouse: ScratchDatabase;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver({ secret: SECRET });
});

afterAll(async () => {
  await receiver.close();
});

afterEach(async () => {
  await warehouse.drop();
});

async function fixture(rows: number, sync: Parameters<typeof createSyncFixture>[1]["sync"] = {}, config: Record<string, unknown> = {}): Promise<SyncFixture> {
  warehouse = await createCustomerWarehouse(rows);
  receiver.reset();
  return createSyncFixture(db(), {
    warehouse,
    destination: { type: "webhook", config: { url: receiver.url, signingSecret: SECRET, batchSize: 100, ...config } },
    sync,
  });
}

describe("a sync run", () => {
  it("sends every row first, then only what changed", async () => {
    const sync = await fixture(250);
    const first = await sync.run();
    expect(first.result).toBe("succeeded");
    expect(first.run).toMatchObject({ status: "succeeded", error: null, attempt: 1 });
    expect(first.run.counters).toMatchObject({ rowsRead: 250, added: 250, changed: 0, removed: 0, sent: 250, accepted: 250, rejected: 0 });
    expect(receiver.takeAccepted()).toHaveLength(250);
    expect(receiver.payloads.get("7")).toEqual({ customer_id: 7, email: "customer7@example.com", name: "Customer 7", ltv: 10.5 });

    const idle = await sync.run();
    expect(idle.run.counters).toMatchObject({ rowsRead: 250, unchanged: 250, sent: 0 });
    expect(receiver.takeAccepted()).toEqual([]);

    await warehouse.sql`UPDATE customers SET name = 'Renamed ' || id WHERE id IN (3, 4, 5)`;
    await warehouse.sql`UPDATE customers SET email = upper(email) WHERE id = 6`; // lowercased by the mapping: no change
    await warehouse.sql`INSERT INTO customers VALUES (251, 'new251@example.com', 'New', 1), (252, 'new252@example.com', 'New', 2)`;
    await warehouse.sql`DELETE FROM customers WHERE id = 10`;
    const incremental = await sync.run();
    expect(incremental.run.counters).toMatchObject({ rowsRead: 251, added: 2, changed: 3, removed: 1, unchanged: 246, sent: 5, accepted: 5 });
    expect(receiver.takeAccepted()).toEqual(["3", "4", "5", "251", "252"]);
    expect(receiver.payloads.get("4")).toMatchObject({ name: "Renamed 4" });

    const log = await listRunChanges(db(), { workspaceId: sync.workspace.id, runId: incremental.run.id, limit: 50 });
    expect(log.map((change) => [change.key, change.kind, change.status]).sort()).toEqual([
      ["251", "added", "accepted"],
      ["252", "added", "accepted"],
      ["3", "changed", "accepted"],
      ["4", "changed", "accepted"],
      ["5", "changed", "accepted"],
    ]);
    const found = await listRunChanges(db(), { workspaceId: sync.workspace.id, runId: incremental.run.id, search: "renamed 4", limit: 50 });
    expect(found.map((change) => change.key)).toEqual(["4"]);
  });

  it("mirror mode deletes the records that left the model, and a full resync sends everything again", async () => {
    const sync = await fixture(20, { mode: "mirror" });
    await sync.run();
    receiver.takeAccepted();
    await warehouse.sql`DELETE FROM customers WHERE id IN (2, 3)`;
    const removal = await sync.run();
    expect(removal.run.counters).toMatchObject({ removed: 2, sent: 2, accepted: 2 });
    expect(receiver.takeAccepted()).toEqual(["customer2@example.com", "customer3@example.com"]);
    expect(receiver.operations.get("customer2@example.com")).toBe("delete");
    expect(receiver.payloads.get("customer2@example.com")).toEqual({ email: "customer2@example.com" });

    const again = await sync.run();
    expect(again.run.counters).toMatchObject({ removed: 0, sent: 0 });

    const resync = await sync.run("full_resync");
    expect(resync.run.counters).toMatchObject({ rowsRead: 18, added: 18, sent: 18, accepted: 18 });
  });

  it("survives 500s and 429s, and isolates a record the destination refuses", async () => {
    const sync = await fixture(50);
    receiver.script({ status: 500, body: { error: "boom" } }, { status: 429, headers: { "retry-after": "1" } });
    receiver.poison("13", "batch", "email domain is blocked");
    const first = await sync.run();
    expect(first.run.status).toBe("succeeded");
    expect(first.run.counters).toMatchObject({ sent: 50, accepted: 49, rejected: 1 });
    expect(first.run.counters?.retries).toBeGreaterThanOrEqual(2);
    const rejected = await listRunChanges(db(), { workspaceId: sync.workspace.id, runId: first.run.id, status: "rejected", limit: 10 });
    expect(rejected.map((change) => change.key)).toEqual(["13"]);
    expect(rejected[0]?.error).toContain("email domain is blocked");

    // Retried on the next runs, then parked after the third attempt until someone replays it.
    const second = await sync.run();
    expect(second.run.counters).toMatchObject({ sent: 1, rejected: 1 });
    const third = await sync.run();
    expect(third.run.counters).toMatchObject({ sent: 1, rejected: 1 });
    const rejectionsNow = await listRejections(db(), sync.sync.id, 10);
    expect(rejectionsNow.map((rejection) => [rejection.key, rejection.attempts, rejection.parkedAt !== null])).toEqual([["13", 3, true]]);
    const parked = await sync.run();
    expect(parked.run.counters).toMatchObject({ sent: 0, parked: 1 });

    receiver.poison("13", "partial", "still blocked");
    receiver.accepted.clear();
    await warehouse.sql`UPDATE customers SET email = 'fixed13@example.com' WHERE id = 13`;
    expect(await replayParked(db(), sync.sync.id)).toBe(1);
    const replay = await sync.run();
    expect(replay.run.counters).toMatchObject({ sent: 1, rejected: 1 });
  });

  it("commits what went through when the destination goes away mid-run, and sends only the rest next time", async () => {
    const sync = await fixture(300);
    receiver.script({ status: 200, body: { ok: true } }, { status: 200, body: { ok: true } }, { status: 401, body: { error: "invalid signature" } });
    const failed = await sync.run();
    expect(failed.run.status).toBe("failed");
    expect(failed.run.error).toMatch(/^The destination refused the sync: /);
    const delivered = failed.run.counters?.accepted ?? 0;
    expect(delivered).toBeGreaterThanOrEqual(100);
    expect(delivered).toBeLessThan(300);

    const recovered = await sync.run();
    expect(recovered.run.status).toBe("succeeded");
    expect(recovered.run.counters).toMatchObject({ added: 300 - delivered, sent: 300 - delivered, accepted: 300 - delivered });
  });

  it("stops when cancelled, keeping what was accepted", async () => {
    const slow = await startWebhookReceiver({ secret: SECRET, latencyMs: 30 });
    try {
      const sync = await fixture(2000, {}, { url: slow.url, batchSize: 10, concurrency: 1 });
      const queued = await createRun(db(), { workspaceId: sync.workspace.id, syncId: sync.sync.id, trigger: "manual" });
      const running = executeRun(db(), queued.id, { heartbeatMs: 100 });
      while (slow.accepted.size < 50) await new Promise((resolve) => setTimeout(resolve, 20));
      await requestCancel(db(), { workspaceId: sync.workspace.id, runId: queued.id });
      expect(await running).toBe("cancelled");
      const cancelled = await getRunById(db(), queued.id);
      expect(cancelled).toMatchObject({ status: "cancelled", error: "Cancelled by a user." });
      const accepted = slow.accepted.size;
      expect(accepted).toBeLessThan(2000);

      const rest = await sync.run();
      // Everything the receiver did not take is sent; so are the batches in flight when the run
      // stopped (the receiver took them, but their answer never came back: at least once).
      expect(rest.run.counters?.sent).toBeGreaterThanOrEqual(2000 - accepted);
      expect(rest.run.counters?.sent).toBeLessThanOrEqual(2000 - accepted + 20);
    } finally {
      await slow.close();
    }
  });

  it("reads the state from this machine's copy only while it matches the version stored in the database", async () => {
    const stateCacheDir = await mkdtemp(path.join(os.tmpdir(), "sluice-state-cache-"));
    const sync = await fixture(12); // below the key an earlier test poisoned
    expect((await sync.run("manual", { stateCacheDir })).run.counters).toMatchObject({ added: 12, accepted: 12 });
    receiver.takeAccepted();
    // With the stored parts unreadable, a run still finds the state in the local copy and sends nothing.
    await db().update(syncSnapshotParts).set({ data: Buffer.from("not a state") }).where(eq(syncSnapshotParts.syncId, sync.sync.id));
    expect((await sync.run("manual", { stateCacheDir })).run.counters).toMatchObject({ unchanged: 12, sent: 0 });
    // Another version in the database (another worker rewrote the state): the copy is ignored.
    await db().update(syncSnapshotParts).set({ version: randomUUID() }).where(eq(syncSnapshotParts.syncId, sync.sync.id));
    expect((await sync.run("manual", { stateCacheDir })).run.counters).toMatchObject({ added: 12, accepted: 12 });
    expect(receiver.takeAccepted()).toHaveLength(12);
    await rm(stateCacheDir, { recursive: true, force: true });
  });

  it("fails with a clear message when the model's key is not unique", async () => {
    const sync = await fixture(10);
    await warehouse.sql`ALTER TABLE customers DROP CONSTRAINT customers_pkey`;
    await warehouse.sql`INSERT INTO customers VALUES (1, 'twin@example.com', 'Twin', 0)`;
    const failed = await sync.run();
    expect(failed.run.status).toBe("failed");
    expect(failed.run.error).toMatch(/The key is not unique: 1 value appears more than once.*fix the model's primary key/);
  });
});

describe("a mirror sync into a Postgres table", () => {
  it("creates, updates and deletes rows, and never deletes rows Sluice did not create", async () => {
    warehouse = await createCustomerWarehouse(30);
    const target = await createScratchDatabase();
    try {
      await target.sql`CREATE TABLE customers_copy (customer_id int PRIMARY KEY, email text NOT NULL, name text, ltv numeric(12,2))`;
      // Rows that were there before the sync: 5 and 6 are also in the model, 999 is not.
      await target.sql`INSERT INTO customers_copy VALUES (5, 'customer5@example.com', 'Old five', 0), (6, 'customer6@example.com', 'Old six', 0), (999, 'manual@example.com', 'Added by hand', 0)`;
      const sync = await createSyncFixture(db(), {
        warehouse,
        destination: { type: "postgres", config: { ...target.config, batchSize: 7 } },
        sync: {
          mode: "mirror",
          destinationObject: "public.customers_copy",
          mapping: TABLE_MAPPING,
        },
      });
      const contents = async () =>
        (await target.sql<{ customer_id: number; name: string }[]>`SELECT customer_id, name FROM customers_copy ORDER BY customer_id`).map(
          (row) => `${row.customer_id}:${row.name}`,
        );

      const first = await sync.run();
      expect(first.run.counters).toMatchObject({ added: 30, sent: 30, accepted: 30 });
      expect(await contents()).toEqual([...Array.from({ length: 30 }, (_, i) => `${i + 1}:Customer ${i + 1}`), "999:Added by hand"]);

      await warehouse.sql`DELETE FROM customers WHERE id IN (4, 5)`;
      await warehouse.sql`UPDATE customers SET name = 'Seven' WHERE id = 7`;
      const second = await sync.run();
      // 4 is deleted (Sluice created it); 5 existed before the sync, so mirror leaves it alone.
      expect(second.run.counters).toMatchObject({ changed: 1, removed: 2, skipped: 1, sent: 2, accepted: 2 });
      const rows = await contents();
      expect(rows).not.toContain("4:Customer 4");
      expect(rows).toContain("5:Customer 5");
      expect(rows).toContain("7:Seven");
      expect(rows).toContain("999:Added by hand");
      expect(rows).toHaveLength(30);
    } finally {
      await target.drop();
    }
  });

  it("keeps as its own the rows an attempt that died created, when the run is done again", async () => {
    warehouse = await createCustomerWarehouse(10);
    const target = await createScratchDatabase();
    try {
      await target.sql`CREATE TABLE customers_copy (customer_id int PRIMARY KEY, email text NOT NULL, name text, ltv numeric(12,2))`;
      const sync = await createSyncFixture(db(), {
        warehouse,
        destination: { type: "postgres", config: { ...target.config, batchSize: 4 } },
        sync: { mode: "mirror", destinationObject: "public.customers_copy", mapping: TABLE_MAPPING },
      });
      // The first attempt created rows 1-3 and journaled them, then its worker died before the commit.
      // Row 4 was in the table before the sync: nothing journaled it.
      const queued = await createRun(db(), { workspaceId: sync.workspace.id, syncId: sync.sync.id, trigger: "manual" });
      await target.sql`INSERT INTO customers_copy SELECT g, 'customer' || g || '@example.com', 'Customer ' || g, 0 FROM generate_series(1, 4) g`;
      const hasher = await createHasher();
      await recordCreations(db(), queued.id, [1, 2, 3].map((id) => hasher.keyHash(id)));

      expect(await executeRun(db(), queued.id)).toBe("succeeded");
      expect(await loadCreations(db(), queued.id)).toEqual(new Set());

      await warehouse.sql`DELETE FROM customers WHERE id IN (2, 4, 5)`;
      const next = await sync.run();
      // 2 and 5 were created by Sluice (2 by the attempt that died): deleted. 4 was not: left alone.
      expect(next.run.counters).toMatchObject({ removed: 3, skipped: 1, sent: 2, accepted: 2 });
      const ids = (await target.sql<{ customer_id: number }[]>`SELECT customer_id FROM customers_copy ORDER BY customer_id`).map((row) => row.customer_id);
      expect(ids).toEqual([1, 3, 4, 6, 7, 8, 9, 10]);
    } finally {
      await target.drop();
    }
  });
});

describe("a sync run on the embedded database (PGlite)", () => {
  it("stores its state, reads it back for the next runs, and reads the creations journal of an attempt that died", async () => {
    const embedded = await openDatabase({ kind: "pglite-memory" });
    const own = await startWebhookReceiver({ secret: SECRET });
    warehouse = await createCustomerWarehouse(20);
    try {
      const sync = await createSyncFixture(embedded.db, {
        warehouse,
        destination: { type: "webhook", config: { url: own.url, signingSecret: SECRET, batchSize: 100 } },
        sync: { mode: "mirror" },
      });
      expect((await sync.run()).run.counters).toMatchObject({ added: 20, accepted: 20 });

      // The state as a whole (parts), then as a patch on it: each run finds only what changed.
      await warehouse.sql`UPDATE customers SET name = 'Renamed' WHERE id = 3`;
      expect((await sync.run()).run.counters).toMatchObject({ unchanged: 19, changed: 1, accepted: 1 });
      await warehouse.sql`DELETE FROM customers WHERE id = 4`;
      const queued = await createRun(embedded.db, { workspaceId: sync.workspace.id, syncId: sync.sync.id, trigger: "manual" });
      const created = (await createHasher()).keyHash(4);
      await recordCreations(embedded.db, queued.id, [created]);
      expect(await loadCreations(embedded.db, queued.id)).toEqual(new Set([created]));
      expect(await executeRun(embedded.db, queued.id)).toBe("succeeded");
      expect((await getRunById(embedded.db, queued.id))?.counters).toMatchObject({ unchanged: 19, removed: 1, accepted: 1 });
      expect((await sync.run()).run.counters).toMatchObject({ rowsRead: 19, unchanged: 19, sent: 0 });
    } finally {
      await own.close();
      await embedded.close();
    }
  });
});
