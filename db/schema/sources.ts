/** Warehouse sources. Connection settings are stored encrypted (server/security/secrets.ts). */
import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const MANAGED_SOURCES = ["demo", "uploads"] as const;
export const managedSource = pgEnum("managed_source", MANAGED_SOURCES);

export const sources = pgTable(
  "sources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** A connector type from the source registry, e.g. "duckdb" or "postgres". */
    type: text("type").notNull(),
    /**
     * Sources Sluice manages itself: "demo" is the embedded demo warehouse every workspace starts
     * with (read-only, shared data); "uploads" holds the workspace's uploaded CSV/Parquet files.
     */
    managed: managedSource("managed"),
    encryptedConfig: text("encrypted_config").notNull(),
    /** Outcome of the last "Test connection" (or a failed read), for the sources list. */
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    lastCheckError: text("last_check_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.workspaceId)],
);
