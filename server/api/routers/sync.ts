import { NotFoundError } from "@/db/errors";
import { getDestination } from "@/db/queries/destinations";
import { activeRun, createRun } from "@/db/queries/sync-runs";
import { countParked, listRejections, replayParked } from "@/db/queries/sync-state";
import { createSync, deleteSync, getSync, listSyncs, updateSync, type Sync } from "@/db/queries/syncs";
import { nextRunAt, describeSchedule } from "@/server/engine/schedule";
import { assertSyncSettings, destinationObjects } from "@/server/engine/sync-settings";
import { actorUserId, createTRPCRouter, editorProcedure, workspaceProcedure } from "../trpc";
import {
  TRANSFORM_LIST,
  ZCreateSyncInput,
  ZDestinationObjectOutput,
  ZDestinationObjectsInput,
  ZRejectionOutput,
  ZRunOutput,
  ZSetPausedInput,
  ZStartRunInput,
  ZSyncDetailOutput,
  ZSyncIdInput,
  ZSyncListItemOutput,
  ZSyncOutput,
  ZTransformOutput,
  ZUpdateSyncInput,
} from "./sync.schema";

function present<T extends Sync>(sync: T) {
  return { ...sync, scheduleText: describeSchedule(sync.schedule) };
}

const REJECTIONS_SHOWN = 500;

export const syncRouter = createTRPCRouter({
  list: workspaceProcedure
    .output(ZSyncListItemOutput.array())
    .query(async ({ ctx }) => (await listSyncs(ctx.db, ctx.workspace.id)).map(present)),

  get: workspaceProcedure
    .input(ZSyncIdInput)
    .output(ZSyncDetailOutput)
    .query(async ({ ctx, input }) => {
      const [listed] = await listSyncs(ctx.db, ctx.workspace.id, { syncId: input.syncId });
      if (!listed) throw new NotFoundError("Sync");
      return { ...present(listed), activeRun: await activeRun(ctx.db, input.syncId), parkedRecords: await countParked(ctx.db, input.syncId) };
    }),

  /** What a destination can receive (tables, lists, objects with their fields), for the sync form. */
  destinationObjects: workspaceProcedure
    .input(ZDestinationObjectsInput)
    .output(ZDestinationObjectOutput.array())
    .query(async ({ ctx, input, signal }) => {
      await getDestination(ctx.db, { workspaceId: ctx.workspace.id, destinationId: input.destinationId });
      return destinationObjects(ctx.db, { workspaceId: ctx.workspace.id, destinationId: input.destinationId }, signal);
    }),

  transforms: workspaceProcedure.output(ZTransformOutput.array()).query(() => TRANSFORM_LIST),

  create: editorProcedure
    .input(ZCreateSyncInput)
    .output(ZSyncOutput)
    .mutation(async ({ ctx, input, signal }) => {
      await assertSyncSettings(ctx.db, ctx.workspace.id, input, signal);
      const sync = await createSync(ctx.db, {
        ...input,
        workspaceId: ctx.workspace.id,
        nextRunAt: nextRunAt(input.schedule, new Date()),
        createdByUserId: actorUserId(ctx),
      });
      return present(sync);
    }),

  update: editorProcedure
    .input(ZUpdateSyncInput)
    .output(ZSyncOutput)
    .mutation(async ({ ctx, input, signal }) => {
      const { syncId, workspaceId, ...settings } = input;
      const existing = await getSync(ctx.db, { workspaceId, syncId });
      await assertSyncSettings(ctx.db, workspaceId, settings, signal);
      const scheduleChanged = JSON.stringify(existing.schedule) !== JSON.stringify(settings.schedule);
      const next = existing.paused ? null : scheduleChanged ? nextRunAt(settings.schedule, new Date()) : existing.nextRunAt;
      return present(await updateSync(ctx.db, { workspaceId, syncId, ...settings, nextRunAt: next }));
    }),

  delete: editorProcedure.input(ZSyncIdInput).mutation(async ({ ctx, input }) => {
    await deleteSync(ctx.db, { workspaceId: ctx.workspace.id, syncId: input.syncId });
  }),

  /** Pausing stops scheduled runs (a running one finishes); resuming schedules the next one from now. */
  setPaused: editorProcedure
    .input(ZSetPausedInput)
    .output(ZSyncOutput)
    .mutation(async ({ ctx, input }) => {
      const sync = await getSync(ctx.db, { workspaceId: ctx.workspace.id, syncId: input.syncId });
      const next = input.paused ? null : nextRunAt(sync.schedule, new Date());
      return present(await updateSync(ctx.db, { workspaceId: ctx.workspace.id, syncId: sync.id, paused: input.paused, nextRunAt: next }));
    }),

  /** "Run now", or "Full resync" (sends every row, not only changes). CONFLICT when a run is already going. */
  run: editorProcedure
    .input(ZStartRunInput)
    .output(ZRunOutput)
    .mutation(async ({ ctx, input }) => {
      const sync = await getSync(ctx.db, { workspaceId: ctx.workspace.id, syncId: input.syncId });
      const run = await createRun(ctx.db, {
        workspaceId: ctx.workspace.id,
        syncId: sync.id,
        trigger: input.fullResync ? "full_resync" : "manual",
        requestedByUserId: actorUserId(ctx),
      });
      await ctx.dispatchRun(run.id);
      return run;
    }),

  rejections: workspaceProcedure
    .input(ZSyncIdInput)
    .output(ZRejectionOutput.array())
    .query(async ({ ctx, input }) => {
      await getSync(ctx.db, { workspaceId: ctx.workspace.id, syncId: input.syncId });
      const rows = await listRejections(ctx.db, input.syncId, REJECTIONS_SHOWN);
      return rows.map((row) => ({ key: row.key, reason: row.reason, attempts: row.attempts, parked: row.parkedAt !== null, updatedAt: row.updatedAt }));
    }),

  /** Sends parked records again on the next run; returns how many. */
  replayParked: editorProcedure.input(ZSyncIdInput).mutation(async ({ ctx, input }) => {
    const sync = await getSync(ctx.db, { workspaceId: ctx.workspace.id, syncId: input.syncId });
    return { replayed: await replayParked(ctx.db, sync.id) };
  }),
});
