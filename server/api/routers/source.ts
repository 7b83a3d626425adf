import { getSource, listSources } from "@/db/queries/sources";
import { createTRPCRouter, workspaceProcedure } from "../trpc";
import { ZGetSourceInput, ZSourceOutput } from "./source.schema";

export const sourceRouter = createTRPCRouter({
  list: workspaceProcedure.output(ZSourceOutput.array()).query(({ ctx }) => listSources(ctx.db, ctx.workspace.id)),

  get: workspaceProcedure
    .input(ZGetSourceInput)
    .output(ZSourceOutput)
    .query(({ ctx, input }) => getSource(ctx.db, { workspaceId: ctx.workspace.id, sourceId: input.sourceId })),
});
