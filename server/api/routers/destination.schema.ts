import { z } from "zod";
import { DESTINATION_TYPES } from "@/server/destinations/types";
import { ZConfigInput, ZConnectorTypeOutput, ZName, ZPublicConfig } from "./connection.schema";

export const ZDestinationIdInput = z.object({ destinationId: z.uuid() });

export const ZCreateDestinationInput = z.object({ name: ZName, type: z.enum(DESTINATION_TYPES), config: ZConfigInput });

export const ZUpdateDestinationInput = z.object({
  destinationId: z.uuid(),
  name: ZName.optional(),
  /** Secret fields left blank keep their stored value. */
  config: ZConfigInput.optional(),
});

/** Test stored settings (destinationId), a draft (type + config), or an edit (both). */
export const ZTestDestinationInput = z.union([
  z.object({ destinationId: z.uuid(), config: ZConfigInput.optional() }),
  z.object({ type: z.enum(DESTINATION_TYPES), config: ZConfigInput }),
]);

/** Destinations as the browser sees them: never the (encrypted) settings. */
export const ZDestinationOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.string(),
  createdAt: z.date(),
  lastCheckedAt: z.date().nullable(),
  lastCheckError: z.string().nullable(),
});

export const ZDestinationDetailOutput = ZDestinationOutput.extend(ZPublicConfig.shape);

export const ZDestinationTypeOutput = ZConnectorTypeOutput.extend({ type: z.enum(DESTINATION_TYPES) });
