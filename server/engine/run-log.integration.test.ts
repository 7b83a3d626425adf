import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { createRun, listRunChanges } from "@/db/queries/sync-runs";
import type { ScratchDatabase } from "@/server/sources/postgres/testing";
import { useTestDatabase } from "@/test/database";
import { createCustomerWarehouse, createSyncFixture, type SyncFixture } from "@/test/syncs";
import { RunLog, type LoggedChange } from "./run-log";

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
    await expect(log.flush(db())).rejects.toThrow(/sync_run_changes/);
    // The rows were kept: flushing again tries them again (and fails again: that run does not exist).
    await expect(log.flush(db())).rejects.toThrow(/sync_run_changes/);
  });
});
