import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { createRun, listRunChanges } from "@/db/queries/sync-runs";
import type { ScratchDatabase } from "@/server/sources/postgres/testing";
import { useTestDatabase } from "@/test/database";
import { createCustomerWarehouse, createSyncFixture, type SyncFixture } from "@/test/syncs";
import type { LoggedChange } from "@/db/schema";
import { RunLog } from "./run-log";

const db = useTestDatabase();
let warehouse: ScratchDatabase;
let fixture: SyncFixture;

beforeAll(async () => {
  warehouse = await createCustomerWarehouse(1);
  fixture = await createSyncFixture(db(), { warehouse, destination: { type: "webhook", config: { url: "http://127.0.0.1:9/hook", signingSecret: "whsec_log" } } });
});

afterAll(async () => {
  await warehouse.drop();
});

function change(key: number): LoggedChange {
  return { key: String(key), kind: "added", operation: "upsert", status: "accepted", payload: { id: key, note: `row ${key}` }, error: null };
}

describe("the run log", () => {
  it("writes full batches in the background and the rest on flush, every change once", async () => {
    const { workspace, sync } = fixture;
    const run = await createRun(db(), { workspaceId: workspace.id, syncId: sync.id, trigger: "manual" });
    const log = new RunLog(db(), { runId: run.id, workspaceId: workspace.id });
    for (let key = 0; key < 2500; key++) {
      log.add(change(key));
      log.flushIfFull();
    }
    await log.flush(db());
    const logged = await listRunChanges(db(), { workspaceId: workspace.id, runId: run.id, limit: 5000 });
    expect(logged.map((row) => Number(row.key)).sort((a, b) => a - b)).toEqual(Array.from({ length: 2500 }, (_, key) => key));
    expect(logged[7]?.payload).toEqual({ id: 7, note: "row 7" });
  });

  it("pages through the log across batches, every change once, and filters and searches it", async () => {
    const { workspace, sync } = await createSyncFixture(db(), { warehouse, destination: { type: "webhook", config: { url: "http://127.0.0.1:9/hook", signingSecret: "whsec_pages" } } });
    const run = await createRun(db(), { workspaceId: workspace.id, syncId: sync.id, trigger: "manual" });
    const log = new RunLog(db(), { runId: run.id, workspaceId: workspace.id });
    for (let key = 0; key < 2500; key++) {
      const logged = change(key);
      if (key % 2 === 1) logged.kind = "changed";
      if (key % 500 === 3) Object.assign(logged, { status: "rejected", error: `refused ${key}: 100% invalid` });
      log.add(logged);
      log.flushIfFull();
    }
    await log.flush(db());
    const list = (filters: { status?: string; kind?: string; search?: string; afterId?: number; limit?: number } = {}) =>
      listRunChanges(db(), { workspaceId: workspace.id, runId: run.id, limit: 5000, ...filters });
    const keysOf = (rows: { key: string }[]) => rows.map((row) => Number(row.key)).sort((a, b) => a - b);

    const pages: Awaited<ReturnType<typeof list>>[] = [];
    for (let afterId: number | undefined; pages.length === 0 || pages.at(-1)?.length === 700; afterId = pages.at(-1)?.at(-1)?.id) {
      pages.push(await list({ afterId, limit: 700 }));
    }
    const paged = pages.flat();
    expect(pages.map((page) => page.length)).toEqual([700, 700, 700, 400]);
    expect(keysOf(paged)).toEqual(Array.from({ length: 2500 }, (_, key) => key));
    expect(paged.every((row, index) => index === 0 || row.id > (paged[index - 1]?.id ?? Infinity))).toBe(true);

    const rejected = await list({ status: "rejected" });
    expect(keysOf(rejected)).toEqual([3, 503, 1003, 1503, 2003]);
    expect(rejected.find((row) => row.key === "503")).toMatchObject({ kind: "changed", error: "refused 503: 100% invalid", payload: { id: 503, note: "row 503" } });
    expect((await list({ kind: "changed" })).length).toBe(1250);
    expect(keysOf(await list({ search: "REFUSED 1503" }))).toEqual([1503]);
    expect(keysOf(await list({ search: "row 2499" }))).toEqual([2499]);
    expect(keysOf(await list({ search: "0% invalid", kind: "added" }))).toEqual([]);
    expect(keysOf(await list({ search: "100%" }))).toHaveLength(5);
    expect(await list({ search: "1_03" })).toEqual([]);
    expect(await listRunChanges(db(), { workspaceId: randomUUID(), runId: run.id, limit: 10 })).toEqual([]);
  });

  it("commits on the embedded database, whose one connection the commit's transaction takes", async () => {
    const embedded = await openDatabase({ kind: "pglite-memory" });
    try {
      const { workspace, sync } = await createSyncFixture(embedded.db, { warehouse, destination: { type: "webhook", config: { url: "http://127.0.0.1:9/hook", signingSecret: "whsec_log_embedded" } } });
      const run = await createRun(embedded.db, { workspaceId: workspace.id, syncId: sync.id, trigger: "manual" });
      const log = new RunLog(embedded.db, { runId: run.id, workspaceId: workspace.id });
      for (let key = 0; key < 2500; key++) {
        log.add(change(key));
        log.flushIfFull();
      }
      await log.written();
      await embedded.db.transaction((tx) => log.flush(tx));
      expect(await listRunChanges(embedded.db, { workspaceId: workspace.id, runId: run.id, limit: 5000 })).toHaveLength(2500);
    } finally {
      await embedded.close();
    }
  });

  it("reports a failed background insert when flushed, once, and keeps its rows", async () => {
    const log = new RunLog(db(), { runId: randomUUID(), workspaceId: fixture.workspace.id });
    for (let key = 0; key < 1000; key++) log.add(change(key));
    log.flushIfFull();
    await expect(log.flush(db())).rejects.toThrow(/sync_run_log_batches/);
    // The rows were kept: flushing again tries them again (and fails again: that run does not exist).
    await expect(log.flush(db())).rejects.toThrow(/sync_run_log_batches/);
  });
});
