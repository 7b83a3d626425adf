import { getRun, listRunChanges, listRuns, requestCancel } from "@/db/queries/sync-runs";
import { getSync } from "@/db/queries/syncs";
import { RUN_LOG_LIMIT } from "@/server/engine/run-log";
import { createTRPCRouter, editorProcedure, workspaceProcedure } from "../trpc";
import { ZChangeOutput, ZListRunsInput, ZRunChangesInput, ZRunIdInput, ZRunOutput } from "./sync.schema";
import { z } from "zod";

export const syncRunRouter = createTRPCRouter({
  list: workspaceProcedure
    .input(ZListRunsInput)
    .output(ZRunOutput.array())
    .query(async ({ ctx, input }) => {
      await getSync(ctx.db, { workspaceId: ctx.workspace.id, syncId: input.syncId });
      return listRuns(ctx.db, { workspaceId: ctx.workspace.id, syncId: input.syncId, limit: input.limit });
    }),

  get: workspaceProcedure
    .input(ZRunIdInput)
    .output(ZRunOutput.extend({ logLimit: z.number() }))
    .query(async ({ ctx, input }) => ({ ...(await getRun(ctx.db, { workspaceId: ctx.workspace.id, runId: input.runId })), logLimit: RUN_LOG_LIMIT })),

  /** A queued run is cancelled at once; a running one stops within seconds and keeps what was accepted. */
  cancel: editorProcedure
    .input(ZRunIdInput)
    .output(ZRunOutput)
    .mutation(({ ctx, input }) => requestCancel(ctx.db, { workspaceId: ctx.workspace.id, runId: input.runId })),

  /** The run's changes row by row, filtered and searched (key, payload, error), in pages. */
  changes: workspaceProcedure
    .input(ZRunChangesInput)
    .output(ZChangeOutput.array())
    .query(async ({ ctx, input }) => {
      await getRun(ctx.db, { workspaceId: ctx.workspace.id, runId: input.runId });
      return listRunChanges(ctx.db, { ...input, workspaceId: ctx.workspace.id });
    }),
});
