import { z } from "zod";
import { createRelation, deleteRelation, listRelations } from "@/db/queries/models";
import { createTRPCRouter, editorProcedure, workspaceProcedure } from "../trpc";
import { ZRelationInput, ZRelationOutput } from "./model.schema";

export const modelRelationRouter = createTRPCRouter({
  list: workspaceProcedure
    .input(z.object({ modelId: z.uuid().optional() }))
    .output(ZRelationOutput.array())
    .query(({ ctx, input }) => listRelations(ctx.db, { workspaceId: ctx.workspace.id, modelId: input.modelId })),

  create: editorProcedure
    .input(ZRelationInput)
    .output(ZRelationOutput)
    .mutation(({ ctx, input }) => createRelation(ctx.db, { ...input, workspaceId: ctx.workspace.id })),

  delete: editorProcedure
    .input(z.object({ relationId: z.uuid() }))
    .mutation(({ ctx, input }) => deleteRelation(ctx.db, { workspaceId: ctx.workspace.id, relationId: input.relationId })),
});
