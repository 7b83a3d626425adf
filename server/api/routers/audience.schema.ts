import { z } from "zod";
import { ZAudienceDefinition } from "@/server/audiences/definition";

export const ZAudienceIdInput = z.object({ audienceId: z.uuid() });
const ZName = z.string().trim().min(1, "Name the audience, e.g. “High-value US customers”.").max(120);
const ZDescription = z.string().trim().max(500).nullable().default(null);

export const ZCreateAudienceInput = z.object({ name: ZName, description: ZDescription, definition: ZAudienceDefinition });
export const ZUpdateAudienceInput = ZCreateAudienceInput.extend({ audienceId: z.uuid() });
export const ZBuilderContextInput = z.object({ parentModelId: z.uuid(), audienceId: z.uuid().nullish() });
export const ZValuesInput = z.object({ modelId: z.uuid(), column: z.string().min(1), search: z.string().max(200).optional() });
export const ZEstimateInput = z.object({ definition: ZAudienceDefinition, audienceId: z.uuid().nullish() });
export const ZPreviewAudienceInput = ZEstimateInput.extend({ columns: z.array(z.string()).max(50).default([]) });
export const ZOverlapInput = ZEstimateInput.extend({ otherAudienceId: z.uuid() });

const ZColumn = z.object({ name: z.string(), type: z.string() });

export const ZAudienceListItemOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  parentModelId: z.uuid(),
  parentModelName: z.string(),
  lastCount: z.number().nullable(),
  lastCountedAt: z.date().nullable(),
  updatedAt: z.date(),
  problem: z.string().nullable(),
});

export const ZAudienceOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  parentModelId: z.uuid(),
  definition: ZAudienceDefinition,
  modelId: z.uuid().nullable(),
  splitModels: z.array(z.object({ groupId: z.string(), name: z.string(), modelId: z.uuid() })),
  lastCount: z.number().nullable(),
  lastCountedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ZBuilderContextOutput = z.object({
  parent: z.object({ id: z.uuid(), name: z.string(), primaryKey: z.string(), columns: z.array(ZColumn) }),
  related: z.array(
    z.object({ id: z.uuid(), name: z.string(), modelId: z.uuid(), columns: z.array(ZColumn), eventNameColumn: z.string().nullable(), timestampColumn: z.string().nullable() }),
  ),
  audiences: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

export const ZValueOutput = z.object({ value: z.string(), count: z.number() });

export const ZEstimateOutput = z.object({
  problems: z.array(z.object({ conditionId: z.string().nullable(), message: z.string() })),
  count: z.number().nullable(),
  breakdown: z.array(z.object({ conditionId: z.string(), count: z.number() })),
  splits: z.array(z.object({ groupId: z.string(), count: z.number() })),
  sql: z.string().nullable(),
  durationMs: z.number(),
});

export const ZPreviewAudienceOutput = z.object({ columns: z.array(z.string()), rows: z.array(z.record(z.string(), z.unknown())) });
export const ZOverlapOutput = z.object({ audience: z.number(), other: z.number(), both: z.number() });
