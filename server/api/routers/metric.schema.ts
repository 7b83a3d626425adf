import { z } from "zod";
import { RUN_STATUSES, RUN_TRIGGERS } from "@/db/schema";

/** The window the aggregates cover, in days back from now. */
const ZDays = z.int().min(1).max(90).default(7);

export const ZSyncMetricsInput = z.object({ syncId: z.uuid(), days: ZDays });
export const ZWorkspaceMetricsInput = z.object({ days: ZDays });

const rate = z.number().nullable();

export const ZWindowSummaryOutput = z.object({
  runs: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  cancelled: z.number(),
  skipped: z.number(),
  scheduledRuns: z.number(),
  successRate: rate,
  slaAttainment: rate,
  latencyP50Ms: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  coverage: rate,
  efficiency: rate,
  errorRate: rate,
  rowsRead: z.number(),
  recordsDelivered: z.number(),
  throughput: z.number().nullable(),
  computePerMillionRows: z.number().nullable(),
});

export const ZRunMetricsOutput = z.object({
  id: z.uuid(),
  status: z.enum(RUN_STATUSES),
  trigger: z.enum(RUN_TRIGGERS),
  queuedAt: z.date(),
  finishedAt: z.date().nullable(),
  rowsRead: z.number().nullable(),
  added: z.number().nullable(),
  changed: z.number().nullable(),
  removed: z.number().nullable(),
  accepted: z.number().nullable(),
  rejected: z.number().nullable(),
  latencyMs: z.number().nullable(),
  durationMs: z.number().nullable(),
  queueWaitMs: z.number().nullable(),
  onTime: z.boolean().nullable(),
  coverage: rate,
  efficiency: rate,
  errorRate: rate,
  throughput: z.number().nullable(),
  computePerMillionRows: z.number().nullable(),
});

export const ZSyncMetricsOutput = z.object({
  days: z.number(),
  since: z.date(),
  slaMinutes: z.number(),
  scheduled: z.boolean(),
  summary: ZWindowSummaryOutput,
  runs: ZRunMetricsOutput.array(),
});

export const ZDailyPointOutput = z.object({
  day: z.string(),
  succeeded: z.number(),
  failed: z.number(),
  cancelled: z.number(),
  skipped: z.number(),
  recordsDelivered: z.number(),
});

export const ZSyncHealthOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  destinationName: z.string(),
  paused: z.boolean(),
  scheduled: z.boolean(),
  runs: z.number(),
  successRate: rate,
  slaAttainment: rate,
  recordsDelivered: z.number(),
  lastRun: z.object({ id: z.uuid(), status: z.enum(RUN_STATUSES), queuedAt: z.date(), finishedAt: z.date().nullable() }).nullable(),
});

export const ZWorkspaceMetricsOutput = z.object({
  days: z.number(),
  since: z.date(),
  summary: ZWindowSummaryOutput,
  daily: ZDailyPointOutput.array(),
  syncs: ZSyncHealthOutput.array(),
});
