import { syncMetrics, workspaceMetrics } from "@/server/metrics/service";
import { createTRPCRouter, workspaceProcedure } from "../trpc";
import { ZSyncMetricsInput, ZSyncMetricsOutput, ZWorkspaceMetricsInput, ZWorkspaceMetricsOutput } from "./metric.schema";

/** Sync health (server/metrics/definitions.ts says what each number means); viewers can read it. */
export const metricRouter = createTRPCRouter({
  sync: workspaceProcedure
    .input(ZSyncMetricsInput)
    .output(ZSyncMetricsOutput)
    .query(({ ctx, input }) => syncMetrics(ctx.db, { workspaceId: ctx.workspace.id, syncId: input.syncId, days: input.days })),

  workspace: workspaceProcedure
    .input(ZWorkspaceMetricsInput)
    .output(ZWorkspaceMetricsOutput)
    .query(({ ctx, input }) => workspaceMetrics(ctx.db, { workspaceId: ctx.workspace.id, days: input.days })),
});
