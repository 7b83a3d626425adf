/** The worker's account limiters: rates and pauses shared by every process on the same app database. */
import type { Db } from "@/db/client";
import { pauseAccount, pausedFor, reserveSlot } from "@/db/queries/account-slots";
import { type AccountLedger, type AccountRegistry, createAccountRegistry } from "./accounts";

export function databaseLedger(db: Db): AccountLedger {
  return {
    reserve: async (key, spacingMs) => (await reserveSlot(db, key, spacingMs)).waitMs,
    pause: (key, ms) => pauseAccount(db, key, ms),
    pausedFor: (key) => pausedFor(db, key),
  };
}

const registries = new WeakMap<Db, AccountRegistry>();

/** One registry per app database in the process, so its runs also share concurrency limits. */
export function accountsOf(db: Db): AccountRegistry {
  let registry = registries.get(db);
  if (!registry) {
    registry = createAccountRegistry({ ledger: databaseLedger(db) });
    registries.set(db, registry);
  }
  return registry;
}
