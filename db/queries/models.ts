import { and, asc, eq, or } from "drizzle-orm";
import type { Db } from "../client";
import { assertNotUsedBySyncs } from "./syncs";
import { InvalidRequestError, NotFoundError } from "../errors";
import { modelRelations, models, sources, type ModelColumn } from "../schema";

export type Model = typeof models.$inferSelect;
export type ModelQueryFields = { queryKind: "table" | "sql"; tableSchema: string | null; tableName: string | null; sql: string | null };

export async function listModels(db: Db, workspaceId: string) {
  return db
    .select({ model: models, sourceName: sources.name, sourceType: sources.type })
    .from(models)
    .innerJoin(sources, eq(sources.id, models.sourceId))
    .where(eq(models.workspaceId, workspaceId))
    .orderBy(asc(models.name))
    .then((rows) => rows.map((row) => ({ ...row.model, sourceName: row.sourceName, sourceType: row.sourceType })));
}

export async function getModel(db: Db, params: { workspaceId: string; modelId: string }): Promise<Model> {
  const [model] = await db
    .select()
    .from(models)
    .where(and(eq(models.workspaceId, params.workspaceId), eq(models.id, params.modelId)));
  if (!model) throw new NotFoundError("Model");
  return model;
}

export async function createModel(
  db: Db,
  params: ModelQueryFields & {
    workspaceId: string;
    sourceId: string;
    name: string;
    description: string | null;
    primaryKey: string;
    columns: ModelColumn[];
    createdByUserId: string | null;
  },
): Promise<Model> {
  const [model] = await db
    .insert(models)
    .values({ ...params, columnsRefreshedAt: new Date() })
    .returning();
  if (!model) throw new Error("Model insert returned no row");
  return model;
}

export async function updateModel(
  db: Db,
  params: { workspaceId: string; modelId: string } & Partial<
    ModelQueryFields & { name: string; description: string | null; primaryKey: string; columns: ModelColumn[] }
  >,
): Promise<Model> {
  const { workspaceId, modelId, ...changes } = params;
  const [model] = await db
    .update(models)
    .set({ ...changes, updatedAt: new Date(), ...(changes.columns ? { columnsRefreshedAt: new Date() } : {}) })
    .where(and(eq(models.workspaceId, workspaceId), eq(models.id, modelId)))
    .returning();
  if (!model) throw new NotFoundError("Model");
  return model;
}

export async function deleteModel(db: Db, params: { workspaceId: string; modelId: string }): Promise<void> {
  await assertNotUsedBySyncs(db, { workspaceId: params.workspaceId, modelId: params.modelId });
  const [row] = await db
    .delete(models)
    .where(and(eq(models.workspaceId, params.workspaceId), eq(models.id, params.modelId)))
    .returning({ id: models.id });
  if (!row) throw new NotFoundError("Model");
}

export type ModelRelation = typeof modelRelations.$inferSelect;

/** Relations in which the model takes part, on either side. */
export async function listRelations(db: Db, params: { workspaceId: string; modelId?: string }): Promise<ModelRelation[]> {
  const inWorkspace = eq(modelRelations.workspaceId, params.workspaceId);
  return db
    .select()
    .from(modelRelations)
    .where(
      params.modelId
        ? and(inWorkspace, or(eq(modelRelations.parentModelId, params.modelId), eq(modelRelations.childModelId, params.modelId)))
        : inWorkspace,
    )
    .orderBy(asc(modelRelations.createdAt));
}

function assertColumn(model: Model, column: string): void {
  if (!model.columns.some((candidate) => candidate.name === column)) {
    throw new InvalidRequestError(`${model.name} has no column "${column}". Refresh its columns if it changed.`);
  }
}

/** Declares that each row of the parent model relates to many rows of the child model. */
export async function createRelation(
  db: Db,
  params: { workspaceId: string; parentModelId: string; parentColumn: string; childModelId: string; childColumn: string },
): Promise<ModelRelation> {
  const parent = await getModel(db, { workspaceId: params.workspaceId, modelId: params.parentModelId });
  const child = await getModel(db, { workspaceId: params.workspaceId, modelId: params.childModelId });
  if (parent.sourceId !== child.sourceId) {
    throw new InvalidRequestError("Related models must come from the same source, so they can be joined there.");
  }
  assertColumn(parent, params.parentColumn);
  assertColumn(child, params.childColumn);
  const [relation] = await db.insert(modelRelations).values(params).onConflictDoNothing().returning();
  if (!relation) throw new InvalidRequestError("These models are already related by these columns.");
  return relation;
}

export async function deleteRelation(db: Db, params: { workspaceId: string; relationId: string }): Promise<void> {
  const [row] = await db
    .delete(modelRelations)
    .where(and(eq(modelRelations.workspaceId, params.workspaceId), eq(modelRelations.id, params.relationId)))
    .returning({ id: modelRelations.id });
  if (!row) throw new NotFoundError("Relation");
}
