/** Warehouse sources. Connection settings are stored encrypted (server/security/secrets.ts). */
import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

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
    /** The embedded demo warehouse every workspace starts with (read-only, shared data). */
    isDemo: boolean("is_demo").notNull().default(false),
    encryptedConfig: text("encrypted_config").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.workspaceId)],
);
