/** What a phase process (./sync-phase.ts, ./floor-phase.ts) sends its parent (./sync.ts, ./floor.ts) over IPC. */
import { z } from "zod";

export const ZPhaseMeasurement = z.object({
  result: z.string(),
  /** Wall time of executeRun. */
  seconds: z.number(),
  /** The process's peak RSS (`process.resourceUsage().maxRSS`), start-up included. */
  peakRssMb: z.number(),
  /** RSS when the run started (modules loaded, database connected): the process's own baseline. */
  startRssMb: z.number(),
  /** Largest V8 heap in use, and memory outside it (Buffers, typed arrays), sampled every 50 ms. */
  peakHeapUsedMb: z.number(),
  peakExternalMb: z.number(),
});

export type PhaseMeasurement = z.infer<typeof ZPhaseMeasurement>;

export const ZFloorMeasurement = z.object({
  /** Wall time of the floor's run, from opening DuckDB to the checkpointed snapshot. */
  seconds: z.number(),
  /** Records posted: changed, added and deleted. */
  records: z.number(),
  peakRssMb: z.number(),
});

export type FloorMeasurement = z.infer<typeof ZFloorMeasurement>;
