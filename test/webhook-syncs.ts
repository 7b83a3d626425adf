/**
 * The set-up of an engine test file that syncs a customers warehouse (test/syncs.ts) to a webhook
 * receiver: one receiver for the file, a fresh warehouse for each test (dropped after it), and
 * `fixture(rows, sync)` making both ready and returning the sync.
 */
import { afterAll, afterEach, beforeAll } from "vitest";
import type { Db } from "@/db/client";
import { startWebhookReceiver, type WebhookReceiver } from "./fakes/webhook-receiver";
import { createSyncFixture, type CustomerWarehouse, type SyncFixture } from "./syncs";

type SyncFields = Parameters<typeof createSyncFixture>[1]["sync"];

export function useWebhookSyncs<W extends CustomerWarehouse>(db: () => Db, params: { secret: string; createWarehouse: (rows: number) => Promise<W> }) {
  let receiver: WebhookReceiver | undefined;
  let warehouse: W | undefined;
  beforeAll(async () => {
    receiver = await startWebhookReceiver({ secret: params.secret });
  });
  afterAll(async () => {
    await receiver?.close();
  });
  afterEach(async () => {
    await warehouse?.drop();
    warehouse = undefined;
  });

  const theReceiver = (): WebhookReceiver => {
    if (!receiver) throw new Error("The webhook receiver starts in beforeAll; use it inside tests.");
    return receiver;
  };

  return {
    get receiver(): WebhookReceiver {
      return theReceiver();
    },
    /** The current test's warehouse. */
    get warehouse(): W {
      if (!warehouse) throw new Error("No warehouse yet: call fixture() first.");
      return warehouse;
    },
    async fixture(rows: number, sync: SyncFields = {}): Promise<SyncFixture> {
      warehouse = await params.createWarehouse(rows);
      const target = theReceiver();
      target.reset();
      return createSyncFixture(db(), {
        warehouse,
        destination: { type: "webhook", config: { url: target.url, signingSecret: params.secret, batchSize: 100 } },
        sync,
      });
    },
  };
}
