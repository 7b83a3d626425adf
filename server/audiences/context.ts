/**
 * What the audience compiler knows about the warehouse: the parent model, its related models
 * (from model_relations) and a lookup of the other audiences of the workspace. The caller (the
 * audience service) builds it from the stored models; the compiler and the validator read only this.
 *
 * Contract:
 * - `columns` are the columns discovered at the model's last refresh. They are the only
 *   identifiers that ever reach SQL: a column a definition names that is not listed here is a
 *   problem, never SQL.
 * - `related` are the relations whose parent is `parent` (parent column → child column, one to
 *   many). A relation is an *event model* when it names an `eventNameColumn` and a
 *   `timestampColumn` of the child model.
 * - `audience(id)` returns another audience of the workspace (its stored, parsed definition), or
 *   undefined when there is none. Used audiences are compiled from their definitions, so their
 *   SQL is never stale and a cycle (A uses B uses A) is found and reported.
 * - `self` is the audience being edited, once saved: its id lets a cycle through it be found.
 */
import type { ColumnType, ModelQuery } from "@/server/sources/types";
import type { AudienceDefinition } from "./definition";

export type AudienceColumn = { name: string; type: ColumnType };

export type AudienceModel = {
  id: string;
  /** As people see it ("Customers"): used in problems. */
  name: string;
  query: ModelQuery;
  primaryKey: string;
  columns: readonly AudienceColumn[];
};

export type AudienceRelation = {
  /** model_relations.id */
  id: string;
  model: AudienceModel;
  /** Column of the parent model … */
  parentColumn: string;
  /** … equal to this column of the related (child) model. */
  childColumn: string;
  eventNameColumn?: string | null;
  timestampColumn?: string | null;
};

export type ReferencedAudience = { id: string; name: string; definition: AudienceDefinition };

export type AudienceContext = {
  parent: AudienceModel;
  related: readonly AudienceRelation[];
  self?: { id: string; name: string } | null;
  audience(id: string): ReferencedAudience | undefined;
};

export function findColumn(model: AudienceModel, name: string): AudienceColumn | undefined {
  return model.columns.find((column) => column.name === name);
}

export function findRelation(context: AudienceContext, id: string): AudienceRelation | undefined {
  return context.related.find((relation) => relation.id === id);
}

/** The same context seen from a used audience (same parent model, so the same relations). */
export function contextFor(context: AudienceContext, audience: ReferencedAudience): AudienceContext {
  return { ...context, self: { id: audience.id, name: audience.name } };
}
