import { deleteModel, getModel, listModels, type Model } from "@/db/queries/models";
import { getOrCreateUploadsSource } from "@/db/queries/sources";
import { getEnv } from "@/env";
import { importUpload } from "@/server/sources/duckdb/uploads";
import {
  checkModelKey,
  describeKeyProblem,
  modelQueryOf,
  previewModelQuery,
  refreshModelColumns,
  saveModel,
} from "@/server/sources/models";
import { actorUserId, createTRPCRouter, editorProcedure, workspaceProcedure } from "../trpc";
import {
  ZCheckKeyInput,
  ZCreateModelInput,
  ZKeyCheckOutput,
  ZModelIdInput,
  ZModelListItemOutput,
  ZModelOutput,
  ZPreviewInput,
  ZPreviewOutput,
  ZUpdateModelInput,
  ZUploadInput,
} from "./model.schema";

function present(model: Model) {
  return { ...model, query: modelQueryOf(model) };
}

export const modelRouter = createTRPCRouter({
  list: workspaceProcedure
    .output(ZModelListItemOutput.array())
    .query(async ({ ctx }) => (await listModels(ctx.db, ctx.workspace.id)).map((model) => ({ ...model, ...present(model) }))),

  get: workspaceProcedure
    .input(ZModelIdInput)
    .output(ZModelOutput)
    .query(async ({ ctx, input }) => present(await getModel(ctx.db, { workspaceId: ctx.workspace.id, modelId: input.modelId }))),

  /** Runs a draft query (table or SQL) read-only: first rows, column types and the total count. */
  preview: editorProcedure
    .input(ZPreviewInput)
    .output(ZPreviewOutput)
    .mutation(({ ctx, input, signal }) => previewModelQuery(ctx.db, { ...input, workspaceId: ctx.workspace.id, signal })),

  /** Whether a column can be the primary key: unique and never empty on the live data. */
  checkKey: editorProcedure
    .input(ZCheckKeyInput)
    .output(ZKeyCheckOutput)
    .mutation(async ({ ctx, input, signal }) => {
      const check = await checkModelKey(ctx.db, { ...input, workspaceId: ctx.workspace.id, signal });
      return { ...check, problem: describeKeyProblem(input.primaryKey, check) };
    }),

  create: editorProcedure
    .input(ZCreateModelInput)
    .output(ZModelOutput)
    .mutation(async ({ ctx, input, signal }) =>
      present(await saveModel(ctx.db, { ...input, workspaceId: ctx.workspace.id, createdByUserId: actorUserId(ctx), signal })),
    ),

  update: editorProcedure
    .input(ZUpdateModelInput)
    .output(ZModelOutput)
    .mutation(async ({ ctx, input, signal }) => {
      const existing = await getModel(ctx.db, { workspaceId: ctx.workspace.id, modelId: input.modelId });
      return present(
        await saveModel(ctx.db, {
          ...input,
          workspaceId: ctx.workspace.id,
          sourceId: existing.sourceId,
          createdByUserId: existing.createdByUserId,
          signal,
        }),
      );
    }),

  delete: editorProcedure
    .input(ZModelIdInput)
    .mutation(({ ctx, input }) => deleteModel(ctx.db, { workspaceId: ctx.workspace.id, modelId: input.modelId })),

  /** Re-reads columns, types and sample values from the source. */
  refresh: editorProcedure
    .input(ZModelIdInput)
    .output(ZModelOutput)
    .mutation(async ({ ctx, input, signal }) =>
      present(await refreshModelColumns(ctx.db, { workspaceId: ctx.workspace.id, modelId: input.modelId, signal })),
    ),

  /** Uploads a CSV or Parquet file into the workspace's "Uploaded files" source; returns the table to model. */
  upload: editorProcedure.input(ZUploadInput).mutation(async ({ ctx, input }) => {
    const env = getEnv();
    const source = await getOrCreateUploadsSource(ctx.db, { workspaceId: ctx.workspace.id, encryptionKey: env.SLUICE_ENCRYPTION_KEY });
    const imported = await importUpload({
      dataDir: env.SLUICE_DATA_DIR,
      workspaceId: ctx.workspace.id,
      fileName: input.fileName,
      format: input.format,
      content: Buffer.from(input.contentBase64, "base64"),
    });
    return { sourceId: source.id, table: imported.table, rows: imported.rows };
  }),
});
