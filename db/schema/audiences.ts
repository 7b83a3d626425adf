/**
 * Audiences: people of a parent model (e.g. customers) chosen by a definition the visual builder
 * edits (server/audiences/definition.ts). An audience is a model: saving it compiles the
 * definition to SQL into a model of its own (`modelId`), and one per split group, which syncs use
 * like any other model.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { models } from "./models";
import { workspaces } from "./workspaces";

export type SplitModel = { groupId: string; name: string; modelId: string };

export const audiences = pgTable(
  "audiences",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    parentModelId: uuid("parent_model_id")
      .notNull()
      .references(() => models.id, { onDelete: "restrict" }),
    /** The builder's JSON, validated by ZAudienceDefinition. */
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    /** The model holding the compiled members query. */
    modelId: uuid("model_id").references(() => models.id, { onDelete: "set null" }),
    splitModels: jsonb("split_models").$type<SplitModel[]>().notNull().default([]),
    lastCount: integer("last_count"),
    lastCountedAt: timestamp("last_counted_at", { withTimezone: true }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.workspaceId), index().on(table.parentModelId)],
);
