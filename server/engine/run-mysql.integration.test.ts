/**
 * Runs from a MySQL (MariaDB) model: the engine reads every row through the connector's `read`
 * and fingerprints the cells itself, the path of every warehouse without a fast scan of its own.
 * The outcome must be what the Postgres and DuckDB scans give (run.integration.test.ts).
 */
import { afterAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/database";
import { createMysqlCustomerWarehouse } from "@/test/mysql-warehouse";
import { useWebhookSyncs } from "@/test/webhook-syncs";
import { mysqlSource } from "../sources/mysql";

const db = useTestDatabase();
const syncs = useWebhookSyncs(db, { secret: "whsec_mysql_engine_test", createWarehouse: createMysqlCustomerWarehouse });

afterAll(async () => {
  await mysqlSource.close();
});

describe("a sync run from MySQL", () => {
  it("sends every row first, then only what changed", async () => {
    const sync = await syncs.fixture(250);
    expect((await sync.run()).run.counters).toMatchObject({ rowsRead: 250, added: 250, sent: 250, accepted: 250 });
    expect(syncs.receiver.takeAccepted()).toHaveLength(250);
    expect(syncs.receiver.payloads.get("7")).toEqual({ customer_id: 7, email: "customer7@example.com", name: "Customer 7", ltv: 10.5 });
    expect((await sync.run()).run.counters).toMatchObject({ rowsRead: 250, unchanged: 250, sent: 0 });

    await syncs.warehouse.run(`UPDATE customers SET name = CONCAT('Renamed ', id) WHERE id IN (3, 4, 5);
      UPDATE customers SET email = UPPER(email) WHERE id = 6;
      INSERT INTO customers VALUES (251, 'new251@example.com', 'New', 1), (252, 'new252@example.com', 'New', 2);
      DELETE FROM customers WHERE id = 10`);
    const incremental = await sync.run();
    expect(incremental.run.counters).toMatchObject({ rowsRead: 251, added: 2, changed: 3, removed: 1, unchanged: 246, sent: 5, accepted: 5 });
    expect(syncs.receiver.takeAccepted()).toEqual(["3", "4", "5", "251", "252"]);
    expect(syncs.receiver.payloads.get("4")).toMatchObject({ name: "Renamed 4" });
    // Row 6 changed only in case, which the mapping lowercases: its refreshed row hash was kept.
    expect((await sync.run()).run.counters).toMatchObject({ rowsRead: 251, unchanged: 251, sent: 0 });
  });

  it("mirror mode deletes the records that left the model", async () => {
    const sync = await syncs.fixture(20, { mode: "mirror" });
    await sync.run();
    syncs.receiver.takeAccepted();
    await syncs.warehouse.run("DELETE FROM customers WHERE id IN (2, 3)");
    expect((await sync.run()).run.counters).toMatchObject({ removed: 2, sent: 2, accepted: 2 });
    expect(syncs.receiver.takeAccepted().sort()).toEqual(["customer2@example.com", "customer3@example.com"]);
    expect(syncs.receiver.operations.get("customer2@example.com")).toBe("delete");
    expect((await sync.run()).run.counters).toMatchObject({ rowsRead: 18, removed: 0, sent: 0 });
  });
});
