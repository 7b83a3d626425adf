/**
 * Runs from a DuckDB model: after the first run the engine hands DuckDB its shadow (scan keys and
 * row hashes) and DuckDB yields only the rows that differ. The outcome must be exactly what
 * reading every row gives (run.integration.test.ts runs the same story from Postgres).
 */
import { describe, expect, it } from "vitest";
import { listRejections } from "@/db/queries/sync-state";
import { useTestDatabase } from "@/test/database";
import { createDuckdbCustomerWarehouse } from "@/test/duckdb-warehouse";
import { useWebhookSyncs } from "@/test/webhook-syncs";

const db = useTestDatabase();
const syncs = useWebhookSyncs(db, { secret: "whsec_duckdb_engine_test", createWarehouse: createDuckdbCustomerWarehouse });

describe("a sync run from DuckDB", () => {
  it("sends every row first, then only what changed, with DuckDB comparing the rows", async () => {
    const sync = await syncs.fixture(250);
    expect((await sync.run()).run.counters).toMatchObject({ rowsRead: 250, added: 250, sent: 250, accepted: 250 });
    expect(syncs.receiver.takeAccepted()).toHaveLength(250);
    expect((await sync.run()).run.counters).toMatchObject({ rowsRead: 250, unchanged: 250, sent: 0 });

    await syncs.warehouse.run(`UPDATE customers SET name = 'Renamed ' || id WHERE id IN (3, 4, 5);
      UPDATE customers SET email = upper(email) WHERE id = 6;
      INSERT INTO customers VALUES (251, 'new251@example.com', 'New', 1), (252, 'new252@example.com', 'New', 2);
      DELETE FROM customers WHERE id = 10`);
    const incremental = await sync.run();
    expect(incremental.run.counters).toMatchObject({ rowsRead: 251, added: 2, changed: 3, removed: 1, unchanged: 246, sent: 5, accepted: 5 });
    expect(syncs.receiver.takeAccepted()).toEqual(["3", "4", "5", "251", "252"]);
    expect(syncs.receiver.payloads.get("4")).toMatchObject({ name: "Renamed 4" });
    // Row 6 changed only in case, which the mapping lowercases: its refreshed row hash was kept.
    expect((await sync.run()).run.counters).toMatchObject({ rowsRead: 251, unchanged: 251, sent: 0 });
  });

  it("keeps sending a record the destination refuses, and deletes again what it would not delete", async () => {
    const sync = await syncs.fixture(30, { mode: "mirror" });
    syncs.receiver.poison("13", "partial", "blocked");
    expect((await sync.run()).run.counters).toMatchObject({ sent: 30, accepted: 29, rejected: 1 });
    expect((await sync.run()).run.counters).toMatchObject({ unchanged: 29, sent: 1, rejected: 1 });

    syncs.receiver.poison("customer7@example.com", "partial", "cannot delete");
    await syncs.warehouse.run("DELETE FROM customers WHERE id IN (7, 8)");
    expect((await sync.run()).run.counters).toMatchObject({ removed: 2, sent: 3, accepted: 1, rejected: 2 });
    // 13 has been refused three times now: parked. The refused delete is tried again.
    const retried = await sync.run();
    expect(retried.run.counters).toMatchObject({ removed: 1, sent: 1, rejected: 1, parked: 1 });
    expect((await listRejections(db(), sync.sync.id, 10)).map((rejection) => rejection.key).sort()).toEqual(["13", "customer7@example.com"]);
  });

  it("fails with a clear message when a key repeats, among unchanged rows or new ones", async () => {
    const sync = await syncs.fixture(10);
    await sync.run();
    // The same columns and types without the primary key, and row 1 twice, both copies unchanged.
    await syncs.warehouse.run(`CREATE TABLE plain AS SELECT * FROM customers; DROP TABLE customers; ALTER TABLE plain RENAME TO customers;
      INSERT INTO customers SELECT * FROM customers WHERE id = 1`);
    const failed = await sync.run();
    expect(failed.run.status).toBe("failed");
    expect(failed.run.error).toMatch(/The key is not unique: 1 value appears more than once \(1 extra row\)/);

    // Repeated among rows DuckDB yields (new ones): the engine sees it itself.
    await syncs.warehouse.run(`DELETE FROM customers WHERE id = 1;
      INSERT INTO customers VALUES (1, 'customer1@example.com', 'Customer 1', 1.5), (11, 'a@example.com', 'A', 0), (11, 'b@example.com', 'B', 0)`);
    const again = await sync.run();
    expect(again.run.error).toMatch(/The key is not unique: 1 value appears more than once \(1 extra row\)/);
    expect(again.run.counters).toMatchObject({ rowsRead: 12 });
  });
});
