import { z } from "zod";

export const ZGetSourceInput = z.object({ sourceId: z.uuid() });

/** Sources as the browser sees them: never the (encrypted) connection settings. */
export const ZSourceOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.string(),
  isDemo: z.boolean(),
  createdAt: z.date(),
  status: z.object({
    state: z.enum(["ready", "preparing", "failed"]),
    percent: z.number(),
    step: z.string().nullable(),
    error: z.string().nullable(),
  }),
  tables: z.array(z.object({ name: z.string(), rows: z.number(), description: z.string().optional() })),
});
