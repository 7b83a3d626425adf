import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { NotFoundError } from "../errors";
import { audiences, models, type SplitModel } from "../schema";

export type Audience = typeof audiences.$inferSelect;

const scoped = (params: { workspaceId: string; audienceId: string }) =>
  and(eq(audiences.workspaceId, params.workspaceId), eq(audiences.id, params.audienceId));

export async function listAudiences(db: Db, workspaceId: string) {
  const rows = await db
    .select({ audience: audiences, parentModelName: models.name })
    .from(audiences)
    .innerJoin(models, eq(models.id, audiences.parentModelId))
    .where(eq(audiences.workspaceId, workspaceId))
    .orderBy(asc(audiences.name));
  return rows.map((row) => ({ ...row.audience, parentModelName: row.parentModelName }));
}

export async function getAudience(db: Db, params: { workspaceId: string; audienceId: string }): Promise<Audience> {
  const [row] = await db.select().from(audiences).where(scoped(params));
  if (!row) throw new NotFoundError("Audience");
  return row;
}

export async function createAudience(
  db: Db,
  params: { workspaceId: string; name: string; description: string | null; parentModelId: string; definition: Record<string, unknown>; createdByUserId: string | null },
): Promise<Audience> {
  const [row] = await db.insert(audiences).values(params).returning();
  if (!row) throw new Error("Audience insert returned no row");
  return row;
}

export async function updateAudience(
  db: Db,
  params: { workspaceId: string; audienceId: string } & Partial<{
    name: string;
    description: string | null;
    definition: Record<string, unknown>;
    modelId: string | null;
    splitModels: SplitModel[];
    lastCount: number | null;
    lastCountedAt: Date | null;
  }>,
): Promise<Audience> {
  const { workspaceId, audienceId, ...changes } = params;
  const [row] = await db
    .update(audiences)
    .set({ ...changes, updatedAt: new Date() })
    .where(scoped({ workspaceId, audienceId }))
    .returning();
  if (!row) throw new NotFoundError("Audience");
  return row;
}

export async function deleteAudienceRow(db: Db, params: { workspaceId: string; audienceId: string }): Promise<void> {
  const [row] = await db.delete(audiences).where(scoped(params)).returning({ id: audiences.id });
  if (!row) throw new NotFoundError("Audience");
}
