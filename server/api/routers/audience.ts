import { ForbiddenError } from "@/db/errors";
import { createAudience, deleteAudienceRow, getAudience, updateAudience } from "@/db/queries/audiences";
import { getModel } from "@/db/queries/models";
import { hasRole } from "@/server/auth/roles";
import { allNodes, type AudienceDefinition } from "@/server/audiences/definition";
import {
  audienceContext,
  estimateAudience,
  listAudiencesWithStatus,
  overlapAudience,
  parseDefinition,
  previewAudience,
  publishAudience,
  removeAudienceModels,
  topValues,
} from "@/server/audiences/service";
import { actorUserId, createTRPCRouter, editorProcedure, workspaceProcedure } from "../trpc";
import type { Context } from "../context";
import {
  ZAudienceIdInput,
  ZAudienceListItemOutput,
  ZAudienceOutput,
  ZBuilderContextInput,
  ZBuilderContextOutput,
  ZCreateAudienceInput,
  ZEstimateInput,
  ZEstimateOutput,
  ZOverlapInput,
  ZOverlapOutput,
  ZPreviewAudienceInput,
  ZPreviewAudienceOutput,
  ZUpdateAudienceInput,
  ZValueOutput,
  ZValuesInput,
} from "./audience.schema";

function present(audience: Awaited<ReturnType<typeof getAudience>>) {
  return { ...audience, definition: parseDefinition(audience.definition) };
}

type WorkspaceContext = Context & { workspace: { id: string; role: Parameters<typeof hasRole>[0] } };

/** The parent model must be the workspace's; audiences used by this one are checked by validation. */
async function assertParent(ctx: WorkspaceContext, definition: AudienceDefinition): Promise<void> {
  await getModel(ctx.db, { workspaceId: ctx.workspace.id, modelId: definition.parentModelId });
}

/**
 * Before running a definition on the warehouse: its parent is the workspace's, and SQL
 * conditions (the user's own SQL) come from editors and above only, as for models.
 */
async function assertMayQuery(ctx: WorkspaceContext, definition: AudienceDefinition): Promise<void> {
  if ([...allNodes(definition.root)].some((node) => node.type === "sql") && !hasRole(ctx.workspace.role, "editor")) {
    throw new ForbiddenError("SQL conditions need the editor role or higher.");
  }
  await assertParent(ctx, definition);
}

export const audienceRouter = createTRPCRouter({
  /** Each with `problem`: why it cannot be counted or synced now (e.g. a column deleted upstream). */
  list: workspaceProcedure.output(ZAudienceListItemOutput.array()).query(({ ctx }) => listAudiencesWithStatus(ctx.db, ctx.workspace.id)),

  get: workspaceProcedure
    .input(ZAudienceIdInput)
    .output(ZAudienceOutput)
    .query(async ({ ctx, input }) => present(await getAudience(ctx.db, { workspaceId: ctx.workspace.id, audienceId: input.audienceId }))),

  /** What the builder offers: the parent's columns, related (event) models, other audiences. */
  builderContext: workspaceProcedure
    .input(ZBuilderContextInput)
    .output(ZBuilderContextOutput)
    .query(async ({ ctx, input }) => {
      if (input.audienceId) await getAudience(ctx.db, { workspaceId: ctx.workspace.id, audienceId: input.audienceId });
      const { context, others } = await audienceContext(ctx.db, { workspaceId: ctx.workspace.id, parentModelId: input.parentModelId, selfId: input.audienceId });
      return {
        parent: { id: context.parent.id, name: context.parent.name, primaryKey: context.parent.primaryKey, columns: [...context.parent.columns] },
        related: context.related.map((relation) => ({
          id: relation.id,
          name: relation.model.name,
          modelId: relation.model.id,
          columns: [...relation.model.columns],
          eventNameColumn: relation.eventNameColumn ?? null,
          timestampColumn: relation.timestampColumn ?? null,
        })),
        audiences: others.map((other) => ({ id: other.id, name: other.name })),
      };
    }),

  values: workspaceProcedure
    .input(ZValuesInput)
    .output(ZValueOutput.array())
    .query(({ ctx, input, signal }) => topValues(ctx.db, { ...input, workspaceId: ctx.workspace.id, signal })),

  /** The live size while editing; problems instead of a count when the definition is not complete. */
  estimate: workspaceProcedure
    .input(ZEstimateInput)
    .output(ZEstimateOutput)
    .mutation(async ({ ctx, input, signal }) => {
      await assertMayQuery(ctx, input.definition);
      return estimateAudience(ctx.db, input.definition, { workspaceId: ctx.workspace.id, audienceId: input.audienceId, signal });
    }),

  preview: workspaceProcedure
    .input(ZPreviewAudienceInput)
    .output(ZPreviewAudienceOutput)
    .mutation(async ({ ctx, input, signal }) => {
      await assertMayQuery(ctx, input.definition);
      return previewAudience(ctx.db, input.definition, { workspaceId: ctx.workspace.id, audienceId: input.audienceId, columns: input.columns, signal });
    }),

  overlap: workspaceProcedure
    .input(ZOverlapInput)
    .output(ZOverlapOutput)
    .mutation(async ({ ctx, input, signal }) => {
      await assertMayQuery(ctx, input.definition);
      return overlapAudience(ctx.db, input.definition, { workspaceId: ctx.workspace.id, audienceId: input.audienceId, otherAudienceId: input.otherAudienceId, signal });
    }),

  create: editorProcedure
    .input(ZCreateAudienceInput)
    .output(ZAudienceOutput)
    .mutation(async ({ ctx, input, signal }) => {
      await assertParent(ctx, input.definition);
      const audience = await ctx.db.transaction(async (tx) => {
        const created = await createAudience(tx, {
          workspaceId: ctx.workspace.id,
          name: input.name,
          description: input.description,
          parentModelId: input.definition.parentModelId,
          definition: input.definition,
          createdByUserId: actorUserId(ctx),
        });
        return publishAudience(tx, created, { signal, createdByUserId: actorUserId(ctx) });
      });
      return present(audience);
    }),

  update: editorProcedure
    .input(ZUpdateAudienceInput)
    .output(ZAudienceOutput)
    .mutation(async ({ ctx, input, signal }) => {
      const existing = await getAudience(ctx.db, { workspaceId: ctx.workspace.id, audienceId: input.audienceId });
      if (input.definition.parentModelId !== existing.parentModelId) await assertParent(ctx, input.definition);
      const audience = await ctx.db.transaction(async (tx) => {
        const updated = await updateAudience(tx, {
          workspaceId: ctx.workspace.id,
          audienceId: existing.id,
          name: input.name,
          description: input.description,
          definition: input.definition,
        });
        return publishAudience(tx, updated, { signal, createdByUserId: actorUserId(ctx) });
      });
      return present(audience);
    }),

  delete: editorProcedure.input(ZAudienceIdInput).mutation(async ({ ctx, input }) => {
    const audience = await getAudience(ctx.db, { workspaceId: ctx.workspace.id, audienceId: input.audienceId });
    await ctx.db.transaction(async (tx) => {
      await deleteAudienceRow(tx, { workspaceId: ctx.workspace.id, audienceId: audience.id });
      await removeAudienceModels(tx, audience);
    });
  }),
});
