/**
 * Models: what Sluice reads from a source — a table/view from the discovered schema or a SQL
 * query — with the primary key that identifies a row, and the columns seen at the last refresh.
 * Relations say how models join (e.g. customers.customer_id → orders.customer_id, one to many);
 * the audience builder uses them.
 */
import { index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { sources } from "./sources";
import { workspaces } from "./workspaces";

export const modelQueryKind = pgEnum("model_query_kind", ["table", "sql"]);

/** A column as stored on a model: portable type, native type and a few sample values. */
export type ModelColumn = { name: string; type: string; nativeType: string; samples: unknown[] };

export const models = pgTable(
  "models",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    queryKind: modelQueryKind("query_kind").notNull(),
    tableSchema: text("table_schema"),
    tableName: text("table_name"),
    sql: text("sql"),
    primaryKey: text("primary_key").notNull(),
    columns: jsonb("columns").$type<ModelColumn[]>().notNull().default([]),
    columnsRefreshedAt: timestamp("columns_refreshed_at", { withTimezone: true }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.workspaceId), index().on(table.sourceId)],
);

export const modelRelations = pgTable(
  "model_relations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** The "one" side, e.g. customers. */
    parentModelId: uuid("parent_model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    parentColumn: text("parent_column").notNull(),
    /** The "many" side, e.g. orders or events. */
    childModelId: uuid("child_model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    childColumn: text("child_column").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index().on(table.workspaceId),
    uniqueIndex().on(table.parentModelId, table.parentColumn, table.childModelId, table.childColumn),
  ],
);
