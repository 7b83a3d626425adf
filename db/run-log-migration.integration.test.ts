/**
 * Migration 0007 moves every run's row-level log from a row per change (sync_run_changes) into
 * batches of 1,000 (sync_run_log_batches): a database upgraded with logs in it keeps them whole,
 * in order, as the run page reads them.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, expect, it } from "vitest";
import { listRunChanges } from "@/db/queries/sync-runs";
import * as schema from "@/db/schema";
import { createTenant } from "@/test/tenancy";

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
const BEFORE = "0006_run_log_json";

/** A copy of the migrations folder that ends with `last`. */
async function migrationsThrough(last: string): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), "sluice-migrations-"));
  const journal = JSON.parse(await fs.readFile(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const end = journal.entries.findIndex((entry) => entry.tag === last);
  journal.entries = journal.entries.slice(0, end + 1);
  await fs.mkdir(path.join(folder, "meta"));
  await fs.writeFile(path.join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  for (const { tag } of journal.entries) await fs.copyFile(path.join(MIGRATIONS, `${tag}.sql`), path.join(folder, `${tag}.sql`));
  return folder;
}

const client = new PGlite();
afterAll(() => client.close());

it("keeps each run's logged changes, in order, when the log moves into batches", async () => {
  const db = drizzle(client, { schema });
  const before = await migrationsThrough(BEFORE);
  await migrate(db, { migrationsFolder: before });
  await fs.rm(before, { recursive: true });
  const a = await createTenant(db, "Logged A");
  const b = await createTenant(db, "Logged B");
  const insert = (tenant: typeof a, count: number) =>
    client.query(
      `INSERT INTO sync_run_changes (run_id, workspace_id, key, kind, operation, status, payload, error)
       SELECT $1, $2, 'k' || g, (CASE WHEN g % 2 = 0 THEN 'added' ELSE 'changed' END)::sync_change_kind, 'upsert',
         (CASE WHEN g = 1500 THEN 'rejected' ELSE 'accepted' END)::sync_change_status,
         json_build_object('id', g, 'note', 'row ' || g), CASE WHEN g = 1500 THEN 'bad email' END
       FROM generate_series(1, $3::int) AS g`,
      [tenant.runId, tenant.workspace.id, count],
    );
  await insert(a, 2300);
  await insert(b, 3);
  await insert(a, 2); // a later row of run A's log: still after the others

  await migrate(db, { migrationsFolder: MIGRATIONS });

  const logged = await listRunChanges(db, { workspaceId: a.workspace.id, runId: a.runId, limit: 5000 });
  expect(logged.map((change) => change.key)).toEqual([...Array.from({ length: 2300 }, (_, index) => `k${index + 1}`), "k1", "k2"]);
  expect(logged[1499]).toMatchObject({ key: "k1500", kind: "added", operation: "upsert", status: "rejected", error: "bad email", payload: { id: 1500, note: "row 1500" } });
  expect(logged[0]).toMatchObject({ kind: "changed", status: "accepted", error: null });
  expect((await listRunChanges(db, { workspaceId: b.workspace.id, runId: b.runId, limit: 10 })).map((change) => change.key)).toEqual(["k1", "k2", "k3"]);
  const batches = await client.query<{ run_id: string; n: number }>("SELECT run_id, json_array_length(changes) AS n FROM sync_run_log_batches ORDER BY id");
  expect(batches.rows.map((row) => [row.run_id === a.runId ? "a" : "b", row.n])).toEqual([["a", 1000], ["a", 1000], ["a", 302], ["b", 3]]);
});
