import { z } from "zod";

export const ZModelQuery = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("table"), schema: z.string().nullable(), table: z.string().min(1) }),
  z.object({ kind: z.literal("sql"), sql: z.string().trim().min(1, "Write a query first.").max(100_000) }),
]);

export const ZModelIdInput = z.object({ modelId: z.uuid() });
export const ZPreviewInput = z.object({ sourceId: z.uuid(), query: ZModelQuery });
export const ZCheckKeyInput = z.object({ sourceId: z.uuid(), query: ZModelQuery, primaryKey: z.string().min(1) });

const ZModelFields = z.object({
  name: z.string().trim().min(1, "Name the model, e.g. “Customers”.").max(80),
  description: z.string().trim().max(500).nullable().default(null),
  query: ZModelQuery,
  primaryKey: z.string().min(1, "Pick the column that identifies each row."),
});

export const ZCreateModelInput = ZModelFields.extend({ sourceId: z.uuid() });
export const ZUpdateModelInput = ZModelFields.extend({ modelId: z.uuid() });

const ZCell: z.ZodType<unknown> = z.unknown();
const ZColumn = z.object({ name: z.string(), type: z.string(), nativeType: z.string() });

export const ZPreviewOutput = z.object({
  columns: z.array(ZColumn),
  rows: z.array(z.record(z.string(), ZCell)),
  totalRows: z.number(),
  durationMs: z.number(),
});

export const ZKeyCheckOutput = z.object({
  rows: z.number(),
  duplicateKeys: z.number(),
  nullKeys: z.number(),
  /** Why the column cannot be the key, or null when it is unique and never empty. */
  problem: z.string().nullable(),
});

export const ZModelOutput = z.object({
  id: z.uuid(),
  sourceId: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  query: ZModelQuery,
  primaryKey: z.string(),
  columns: z.array(ZColumn.extend({ samples: z.array(ZCell) })),
  columnsRefreshedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ZModelListItemOutput = ZModelOutput.extend({ sourceName: z.string(), sourceType: z.string() });

export const ZUploadInput = z.object({
  fileName: z.string().trim().min(1).max(200),
  format: z.enum(["csv", "parquet"]),
  /** The file's bytes, base64-encoded (at most 25 MB). */
  contentBase64: z.string().min(1).max(35_000_000, "Files up to 25 MB can be uploaded."),
});

export const ZRelationInput = z.object({
  parentModelId: z.uuid(),
  parentColumn: z.string().min(1),
  childModelId: z.uuid(),
  childColumn: z.string().min(1),
});

export const ZRelationOutput = ZRelationInput.extend({ id: z.uuid(), createdAt: z.date() });
