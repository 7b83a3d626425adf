import { z } from "zod";
import { SOURCE_TYPES } from "@/server/sources/types";
import { ZConfigInput, ZConnectorTypeOutput, ZPublicConfig } from "./connection.schema";

export const ZSourceIdInput = z.object({ sourceId: z.uuid() });
export const ZGetSourceInput = ZSourceIdInput;

export const ZCreateSourceInput = z.object({
  name: z.string().trim().min(1, "Name the source, e.g. “Production warehouse”.").max(80),
  type: z.enum(SOURCE_TYPES),
  config: ZConfigInput,
});

export const ZUpdateSourceInput = z.object({
  sourceId: z.uuid(),
  name: z.string().trim().min(1).max(80).optional(),
  /** Secret fields left blank keep their stored value. */
  config: ZConfigInput.optional(),
});

/** Test stored settings (sourceId), a draft for a new source (type + config), or an edit (both). */
export const ZTestSourceInput = z.union([
  z.object({ sourceId: z.uuid(), config: ZConfigInput.optional() }),
  z.object({ type: z.enum(SOURCE_TYPES), config: ZConfigInput }),
]);

const ZStatus = z.object({
  state: z.enum(["ready", "preparing", "failed"]),
  percent: z.number(),
  step: z.string().nullable(),
  error: z.string().nullable(),
});

/** Sources as the browser sees them: never the (encrypted) connection settings. */
export const ZSourceOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.string(),
  managed: z.enum(["demo", "uploads"]).nullable(),
  createdAt: z.date(),
  lastCheckedAt: z.date().nullable(),
  status: ZStatus,
  tables: z.array(z.object({ name: z.string(), rows: z.number(), description: z.string().optional() })),
});

/** One source with its settings for the edit form: secrets are absent, only named in `secretsSet`. */
export const ZSourceDetailOutput = ZSourceOutput.extend(ZPublicConfig.shape);

export const ZSourceTypeOutput = ZConnectorTypeOutput.extend({ type: z.enum(SOURCE_TYPES) });

const ZColumn = z.object({ name: z.string(), type: z.string(), nativeType: z.string() });

export const ZDiscoverOutput = z.array(
  z.object({ schema: z.string().nullable(), name: z.string(), kind: z.enum(["table", "view"]), columns: z.array(ZColumn) }),
);
