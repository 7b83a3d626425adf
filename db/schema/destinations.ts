/** Destinations: accounts in the tools Sluice sends to. Settings are stored encrypted. */
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const destinations = pgTable(
  "destinations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** A connector type from the destination registry, e.g. "webhook". */
    type: text("type").notNull(),
    encryptedConfig: text("encrypted_config").notNull(),
    /** Outcome of the last "Test connection", for the destinations list. */
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    lastCheckError: text("last_check_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.workspaceId)],
);

/**
 * The request pacing and pauses of each destination account, shared by every worker process
 * (server/destinations/accounts.ts). `key` is the limiter key: a hash of the connector type,
 * the account and its limits, never a secret.
 */
export const destinationAccountSlots = pgTable("destination_account_slots", {
  key: text("key").primaryKey(),
  /** The earliest moment the account's next request may start. */
  nextSlot: timestamp("next_slot", { withTimezone: true }).notNull(),
  /** A Retry-After the account answered: no request starts before it. */
  pausedUntil: timestamp("paused_until", { withTimezone: true }).notNull(),
});
