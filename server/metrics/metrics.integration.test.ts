import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSync } from "@/db/queries/syncs";
import { syncRuns, type RunCounters } from "@/db/schema";
import type { ScratchDatabase } from "@/server/sources/postgres/testing";
import { useTestDatabase } from "@/test/database";
import { addMember, callerAs } from "@/test/factories";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/fakes/webhook-receiver";
import { createCustomerWarehouse, createSyncFixture, type SyncFixture } from "@/test/syncs";
import { summarize, totalsOf, utcDay, windowStart } from "./aggregate";
import { counters } from "./test-runs";

const db = useTestDatabase();
const SECRET = "whsec_metrics_test_secret";
const MINUTE = 60_000;
let receiver: WebhookReceiver;
let warehouse: ScratchDatabase;
let fixture: SyncFixture;
/** The workspace's other syncs: one with a scheduled run, one that never ran. */
let hourly: { id: string };
let idle: { id: string };
const now = Date.now();
const ago = (minutes: number) => new Date(now - minutes * MINUTE);

async function insertRun(syncId: string, fields: Partial<typeof syncRuns.$inferInsert> & { status: (typeof syncRuns.$inferInsert)["status"] }) {
  await db()
    .insert(syncRuns)
    .values({ workspaceId: fixture.workspace.id, syncId, trigger: "schedule", ...fields });
}

/** A scheduled run due `dueMinutesAgo`, started a minute late, that took `minutes` and read `rows` unchanged rows. */
function scheduledRun(dueMinutesAgo: number, minutes: number, rows: RunCounters["rowsRead"]) {
  const due = ago(dueMinutesAgo);
  const started = new Date(due.getTime() + MINUTE);
  return {
    status: "succeeded" as const,
    scheduledFor: due,
    queuedAt: due,
    startedAt: started,
    readStartedAt: started,
    finishedAt: new Date(started.getTime() + minutes * MINUTE),
    counters: counters({ rowsRead: rows, unchanged: rows }),
    cpuSeconds: 0.05,
  };
}

beforeAll(async () => {
  receiver = await startWebhookReceiver({ secret: SECRET });
  warehouse = await createCustomerWarehouse(60);
  fixture = await createSyncFixture(db(), {
    warehouse,
    destination: { type: "webhook", config: { url: receiver.url, signingSecret: SECRET, batchSize: 25 } },
    sync: { slaMinutes: 60, schedule: { kind: "interval", minutes: 60 } },
  });

  // Real runs: a first full send with one refused record, then a run the destination stops.
  receiver.poison("13", "partial", "email domain is blocked");
  expect((await fixture.run()).result).toBe("succeeded");
  await warehouse.sql`UPDATE customers SET name = 'Renamed ' || id WHERE id IN (3, 4, 5)`;
  receiver.script({ status: 401, body: { error: "invalid signature" } });
  expect((await fixture.run()).result).toBe("failed");

  // Scheduled runs: on time, 31 minutes late, skipped; a run cancelled before it started; one before the window.
  const syncId = fixture.sync.id;
  await insertRun(syncId, scheduledRun(120, 4, 60));
  await insertRun(syncId, scheduledRun(300, 90, 60));
  await insertRun(syncId, { status: "skipped", scheduledFor: ago(180), queuedAt: ago(180), finishedAt: ago(180) });
  await insertRun(syncId, { status: "cancelled", trigger: "manual", queuedAt: ago(30), finishedAt: ago(29) });
  await insertRun(syncId, { ...scheduledRun(10 * 24 * 60, 2, 60) });

  const other = { modelId: fixture.model.id, destinationId: fixture.destination.id, destinationObject: "records", mode: "upsert" as const, mapping: fixture.sync.mapping, nextRunAt: null, createdByUserId: null };
  hourly = await createSync(db(), { ...other, workspaceId: fixture.workspace.id, name: "Hourly", schedule: { kind: "interval", minutes: 60 }, slaMinutes: 30 });
  idle = await createSync(db(), { ...other, workspaceId: fixture.workspace.id, name: "Idle", schedule: { kind: "manual" }, slaMinutes: 60 });
  await insertRun(hourly.id, { ...scheduledRun(60, 20, 500), counters: counters({ rowsRead: 500, added: 500, sent: 500, accepted: 500 }) });
});

afterAll(async () => {
  await receiver.close();
  await warehouse.drop();
});

/** The runs of the window as stored, with their sync's SLA, for the reference computation. */
async function storedRuns(syncId?: string) {
  const rows = await db().select().from(syncRuns).where(eq(syncRuns.workspaceId, fixture.workspace.id));
  const since = windowStart(new Date(), 7);
  return rows
    .filter((row) => (syncId === undefined || row.syncId === syncId) && row.queuedAt >= since)
    .map((row) => ({ ...row, slaMinutes: row.syncId === hourly.id ? 30 : 60 }));
}

describe("metric.sync", () => {
  it("adds up the sync's window as the definitions say", async () => {
    const api = await callerAs(db(), { user: fixture.owner });
    const metrics = await api.metric.sync({ workspaceId: fixture.workspace.id, syncId: fixture.sync.id });
    const { summary } = metrics;
    expect(summary).toMatchObject({ runs: 6, succeeded: 3, failed: 1, cancelled: 1, skipped: 1, scheduledRuns: 3, successRate: 0.6 });
    expect(summary.slaAttainment).toBeCloseTo(1 / 3, 9);
    // The first real run sent 60 records and one was refused; the scheduled ones read 60 unchanged rows.
    const [first, failed] = metrics.runs.filter((run) => run.trigger === "manual" && run.status !== "cancelled");
    expect(first).toMatchObject({ status: "succeeded", rowsRead: 60, added: 60, accepted: 59, rejected: 1 });
    expect(first?.coverage).toBeCloseTo(59 / 60, 9);
    expect(first?.errorRate).toBeCloseTo(1 / 60, 9);
    expect(first?.efficiency).toBeCloseTo(59 / 60, 9);
    expect(first?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(failed).toMatchObject({ status: "failed", latencyMs: null, accepted: 0 });
    expect(failed?.coverage).toBeCloseTo(56 / 60, 9);

    // The database's adding-up agrees with the reference on the same runs (to float4 precision:
    // cpu_seconds is a real, summed as such by the database).
    const reference = summarize(totalsOf(await storedRuns(fixture.sync.id)));
    for (const [name, value] of Object.entries(reference)) {
      const actual = summary[name as keyof typeof summary];
      if (value === null) expect(actual, name).toBeNull();
      else expect(Math.abs((actual ?? Number.NaN) - value), name).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(value)));
    }
    expect(summary.latencyP95Ms).toBeGreaterThan(summary.latencyP50Ms ?? Infinity);
  });

  it("lists the latest finished runs oldest first, older than the window too", async () => {
    const api = await callerAs(db(), { user: fixture.owner });
    const { runs } = await api.metric.sync({ workspaceId: fixture.workspace.id, syncId: fixture.sync.id, days: 1 });
    expect(runs.map((run) => run.status)).toEqual(["succeeded", "succeeded", "succeeded", "cancelled", "succeeded", "failed"]);
    expect(runs.map((run) => run.onTime)).toEqual([true, false, true, null, null, null]);
    const neverStarted = runs[3];
    expect(neverStarted).toMatchObject({ durationMs: null, coverage: null, throughput: null });
    const onTime = runs[2];
    expect(onTime).toMatchObject({ latencyMs: 4 * MINUTE, durationMs: 4 * MINUTE, queueWaitMs: MINUTE, coverage: 1, efficiency: null, errorRate: null, throughput: 60 / 240 });
    expect(onTime?.computePerMillionRows).toBeCloseTo((0.05 / 60) * 1e6, 3);
  });

  it("has nothing to say about a sync that never ran", async () => {
    const api = await callerAs(db(), { user: fixture.owner });
    const metrics = await api.metric.sync({ workspaceId: fixture.workspace.id, syncId: idle.id });
    expect(metrics.runs).toEqual([]);
    expect(metrics.summary).toMatchObject({ runs: 0, successRate: null, slaAttainment: null, latencyP50Ms: null, coverage: null, throughput: null });
  });
});

describe("metric.workspace", () => {
  it("adds up every sync, per day and per sync, and viewers can read it", async () => {
    const viewer = await addMember(db(), { workspaceId: fixture.workspace.id, role: "viewer" });
    const api = await callerAs(db(), { user: viewer });
    const metrics = await api.metric.workspace({ workspaceId: fixture.workspace.id });

    const runs = await storedRuns();
    const reference = summarize(totalsOf(runs));
    expect(metrics.summary).toMatchObject({ runs: 7, succeeded: 4, scheduledRuns: 4, recordsDelivered: 59 + 500 });
    expect(metrics.summary.slaAttainment).toBeCloseTo(reference.slaAttainment ?? Number.NaN, 9);
    expect(metrics.summary.slaAttainment).toBeCloseTo(2 / 4, 9);
    expect(metrics.summary.coverage).toBeCloseTo(reference.coverage ?? Number.NaN, 9);
    expect(metrics.summary.throughput).toBeCloseTo(reference.throughput ?? Number.NaN, 6);

    expect(metrics.daily).toHaveLength(14);
    const today = metrics.daily.at(-1);
    expect(today?.day).toBe(utcDay(new Date()));
    const delivered = metrics.daily.reduce((total, point) => total + point.recordsDelivered, 0);
    expect(delivered).toBe(59 + 500);
    const succeededDaily = metrics.daily.reduce((total, point) => total + point.succeeded, 0);
    expect(succeededDaily).toBe(5); // the run from 10 days ago is in the 14-day chart

    expect(metrics.syncs.map((sync) => [sync.name, sync.runs, sync.successRate, sync.slaAttainment])).toEqual([
      ["Customers to destination", 6, 0.6, 1 / 3],
      ["Hourly", 1, 1, 1],
      ["Idle", 0, null, null],
    ]);
    expect(metrics.syncs[0]?.lastRun?.status).toBe("failed");
  });

  it("is empty for a workspace without runs", async () => {
    const api = await callerAs(db(), { user: fixture.owner });
    const other = await api.workspace.create({ name: "Quiet" });
    const metrics = await api.metric.workspace({ workspaceId: other.id, days: 30 });
    expect(metrics.syncs).toEqual([]);
    expect(metrics.summary).toMatchObject({ runs: 0, successRate: null, recordsDelivered: 0 });
    expect(metrics.daily.every((point) => point.succeeded === 0 && point.failed === 0)).toBe(true);
  });
});

