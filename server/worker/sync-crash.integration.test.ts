/**
 * Crash safety, for real: a separate worker process is killed with SIGKILL in the middle of a
 * delivery; a second worker finds the run by its stale heartbeat, does it again, and the
 * destination ends exactly as after an uninterrupted run, with every record delivered at
 * least once. Then a graceful stop (SIGTERM) hands a running run back to the queue.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createRun, getRunById, listRunChanges } from "@/db/queries/sync-runs";
import { getEnv } from "@/env";
import { openDatabase, type Database } from "@/db/client";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/fakes/webhook-receiver";
import { createCustomerWarehouse, createSyncFixture, TABLE_MAPPING } from "@/test/syncs";
import { loadCreations } from "@/db/queries/run-creations";
import { createHasher } from "@/server/engine/fingerprint";
import { createScratchDatabase, type ScratchDatabase } from "@/server/sources/postgres/testing";

const url = inject("testDatabaseUrl");
/**
 * An app database of its own: the workers started here also prepare the installation-wide demo
 * warehouse, and one killed in the middle of that must not leave the shared test database's task
 * stuck for other test files.
 */
let appDatabase: { url: string; database: Database; scratch: ScratchDatabase } | undefined;
const db = () => {
  if (!appDatabase) throw new Error("The app database is opened in beforeAll");
  return appDatabase.database.db;
};
const SECRET = "whsec_crash_test_secret";
const ROWS = 3000;
let receiver: WebhookReceiver;
let warehouse: ScratchDatabase;
let dataDir: string;

beforeAll(async () => {
  if (url) {
    const scratch = await createScratchDatabase();
    const appUrl = `postgres://${scratch.config.user}@${scratch.config.host}:${scratch.config.port}/${scratch.name}`;
    appDatabase = { url: appUrl, database: await openDatabase({ kind: "postgres", url: appUrl }), scratch };
  }
  receiver = await startWebhookReceiver({ secret: SECRET, latencyMs: 15 });
  warehouse = await createCustomerWarehouse(ROWS);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-crash-"));
});

afterAll(async () => {
  await appDatabase?.database.close();
  await appDatabase?.scratch.drop();
  await receiver.close();
  await warehouse.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startWorker(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const env = getEnv();
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server/worker/main.ts"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "development",
      DATABASE_URL: appDatabase?.url ?? "",
      SLUICE_DATA_DIR: dataDir,
      SLUICE_DEMO_SCALE: "0.01",
      AUTH_SECRET: env.AUTH_SECRET,
      SLUICE_ENCRYPTION_KEY: env.SLUICE_ENCRYPTION_KEY,
      SLUICE_SCHEDULER_SECONDS: "1",
      SLUICE_RUN_STALE_SECONDS: "3",
    },
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** What the receiver must hold after any complete run: every customer's current payload. */
async function expectedPayloads(): Promise<Map<string, Record<string, unknown>>> {
  const rows = await warehouse.sql<{ id: number; email: string; name: string; ltv: string }[]>`select id, email, name, ltv from customers`;
  return new Map(rows.map((row) => [String(row.id), { customer_id: row.id, email: row.email.toLowerCase(), name: row.name, ltv: Number(row.ltv) }]));
}

async function waitForRun(runId: string, statuses: string[], timeout = 60_000) {
  return vi.waitFor(
    async () => {
      const run = await getRunById(db(), runId);
      expect(statuses).toContain(run?.status);
      return run;
    },
    { timeout, interval: 100 },
  );
}

describe.runIf(url)("a worker killed mid-delivery", () => {
  it("leaves a run another worker redoes, ending in the uninterrupted state with nothing lost", async () => {
    const sync = await createSyncFixture(db(), {
      warehouse,
      destination: { type: "webhook", config: { url: receiver.url, signingSecret: SECRET, batchSize: 25, concurrency: 2 } },
    });
    const victim = startWorker();
    const queued = await createRun(db(), { workspaceId: sync.workspace.id, syncId: sync.sync.id, trigger: "manual" });
    let survivor: ReturnType<typeof startWorker> | undefined;
    try {
      // The scheduler pass sends queued runs nobody picked up; wait until delivery is well under
      // way and has logged its first 1,000 changes.
      const logged = () => listRunChanges(db(), { workspaceId: sync.workspace.id, runId: queued.id, limit: 2 * ROWS });
      await vi.waitFor(async () => expect((await logged()).length).toBeGreaterThan(0), { timeout: 60_000, interval: 20 });
      victim.child.kill("SIGKILL");
      await victim.exited;
      const stranded = await getRunById(db(), queued.id);
      expect(stranded?.status).toBe("delivering");
      expect(receiver.accepted.size).toBeLessThan(ROWS);

      survivor = startWorker();
      const finished = await waitForRun(queued.id, ["succeeded", "failed"]);
      expect(finished).toMatchObject({ status: "succeeded", attempt: 2 });
      expect(receiver.payloads).toEqual(await expectedPayloads());
      // At least once: every key arrived; the ones sent before the crash arrived twice.
      expect([...receiver.accepted.values()].every((times) => times >= 1)).toBe(true);
      expect([...receiver.accepted.values()].some((times) => times > 1)).toBe(true);
      // The run's log lists each change once, as the redo sent it, not the killed attempt's copies too.
      const changes = await logged();
      expect(changes).toHaveLength(ROWS);
      expect(new Set(changes.map((change) => change.key)).size).toBe(ROWS);
      expect(changes.every((change) => change.status === "accepted")).toBe(true);

      // Nothing was committed twice or lost: the next run after a change sends only that change.
      receiver.accepted.clear();
      await warehouse.sql`UPDATE customers SET name = 'After the crash' WHERE id = 42`;
      const next = await createRun(db(), { workspaceId: sync.workspace.id, syncId: sync.sync.id, trigger: "manual" });
      const incremental = await waitForRun(next.id, ["succeeded", "failed"]);
      expect(incremental?.counters).toMatchObject({ changed: 1, sent: 1, accepted: 1 });
      expect([...receiver.accepted.keys()]).toEqual(["42"]);
    } finally {
      victim.child.kill("SIGKILL");
      survivor?.child.kill("SIGTERM");
      await survivor?.exited;
    }
  });

  it("on SIGTERM hands its running run back to the queue, and the next worker finishes it", async () => {
    receiver.accepted.clear();
    receiver.payloads.clear();
    const sync = await createSyncFixture(db(), {
      warehouse,
      destination: { type: "webhook", config: { url: receiver.url, signingSecret: SECRET, batchSize: 25, concurrency: 1 } },
    });
    const first = startWorker();
    const queued = await createRun(db(), { workspaceId: sync.workspace.id, syncId: sync.sync.id, trigger: "manual" });
    await vi.waitFor(() => expect(receiver.accepted.size).toBeGreaterThan(200), { timeout: 60_000, interval: 20 });
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("[worker] stopped");
    const handedBack = await getRunById(db(), queued.id);
    expect(handedBack?.status).toBe("queued");

    const second = startWorker();
    try {
      const finished = await waitForRun(queued.id, ["succeeded", "failed"]);
      expect(finished?.status).toBe("succeeded");
      expect(receiver.payloads).toEqual(await expectedPayloads());
      // What the first worker's destination accepted was committed before it stopped: not sent again.
      expect(finished?.counters?.sent).toBeLessThan(ROWS);
      // Both attempts' logs stay (the first one committed its own): each change once, none lost.
      const logged = await listRunChanges(db(), { workspaceId: sync.workspace.id, runId: queued.id, limit: 2 * ROWS });
      expect(new Set(logged.map((change) => change.key)).size).toBe(ROWS);
      expect(logged).toHaveLength(ROWS);
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  });

  it("into a Postgres table: the run done again keeps the rows the first attempt created as Sluice's, so mirror mode deletes them later", async () => {
    const source = await createCustomerWarehouse(ROWS);
    const target = await createScratchDatabase();
    // Writes slowed down (1 ms a row), so the worker can be killed in the middle of them.
    await target.sql.unsafe(`
      CREATE TABLE customers_copy (customer_id int PRIMARY KEY, email text NOT NULL, name text, ltv numeric(12,2));
      CREATE FUNCTION slow_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.001); RETURN NEW; END $$;
      CREATE TRIGGER slow_down BEFORE INSERT ON customers_copy FOR EACH ROW EXECUTE FUNCTION slow_down();`);
    const sync = await createSyncFixture(db(), {
      warehouse: source,
      destination: { type: "postgres", config: { ...target.config, batchSize: 25, concurrency: 2 } },
      sync: { mode: "mirror", destinationObject: "public.customers_copy", mapping: TABLE_MAPPING },
    });
    const rowsIn = async () => Number((await target.sql<{ n: string }[]>`SELECT count(*) AS n FROM customers_copy`)[0]?.n);
    const victim = startWorker();
    let survivor: ReturnType<typeof startWorker> | undefined;
    try {
      const queued = await createRun(db(), { workspaceId: sync.workspace.id, syncId: sync.sync.id, trigger: "manual" });
      await vi.waitFor(async () => expect(await rowsIn()).toBeGreaterThan(ROWS / 4), { timeout: 60_000, interval: 20 });
      victim.child.kill("SIGKILL");
      await victim.exited;
      expect(await rowsIn()).toBeLessThan(ROWS);
      const journaled = await loadCreations(db(), queued.id);
      expect(journaled.size).toBeGreaterThan(0);

      survivor = startWorker();
      expect(await waitForRun(queued.id, ["succeeded", "failed"])).toMatchObject({ status: "succeeded", attempt: 2 });
      expect(await rowsIn()).toBe(ROWS);

      // Rows the first attempt created (the redo found them there already) leave the model: mirror mode deletes them.
      const hasher = await createHasher();
      const createdFirst = Array.from({ length: ROWS }, (_, i) => i + 1)
        .filter((id) => journaled.has(hasher.keyHash(id)))
        .slice(0, 5);
      expect(createdFirst).toHaveLength(5);
      await source.sql`DELETE FROM customers WHERE id IN ${source.sql(createdFirst)}`;
      const next = await createRun(db(), { workspaceId: sync.workspace.id, syncId: sync.sync.id, trigger: "manual" });
      expect((await waitForRun(next.id, ["succeeded", "failed"]))?.counters).toMatchObject({ removed: 5, sent: 5, accepted: 5, skipped: 0 });
      expect(await target.sql`SELECT customer_id FROM customers_copy WHERE customer_id IN ${target.sql(createdFirst)}`).toEqual([]);
      expect(await rowsIn()).toBe(ROWS - 5);
    } finally {
      victim.child.kill("SIGKILL");
      survivor?.child.kill("SIGTERM");
      await survivor?.exited;
      await source.drop();
      await target.drop();
    }
  });
});
