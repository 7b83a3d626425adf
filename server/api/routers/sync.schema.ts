import { z } from "zod";
import { CHANGE_KINDS, CHANGE_STATUSES, RUN_STATUSES, RUN_TRIGGERS, SYNC_MODES } from "@/db/schema";
import { OPERATIONS } from "@/server/destinations/types";
import { TRANSFORMS, ZSyncMapping } from "@/server/engine/mapping";
import { ZSyncSchedule } from "@/server/engine/schedule";

export const ZSyncIdInput = z.object({ syncId: z.uuid() });
export const ZRunIdInput = z.object({ runId: z.uuid() });

const ZSyncFields = z.object({
  name: z.string().trim().min(1, "Name the sync, e.g. “Customers to HubSpot”.").max(120),
  modelId: z.uuid("Choose a model."),
  destinationId: z.uuid("Choose a destination."),
  destinationObject: z.string().min(1, "Choose where the records go."),
  mode: z.enum(SYNC_MODES),
  mapping: ZSyncMapping,
  schedule: ZSyncSchedule,
  slaMinutes: z.int().min(1, "The freshness target must be at least 1 minute.").max(7 * 24 * 60),
});

export const ZCreateSyncInput = ZSyncFields;
export const ZUpdateSyncInput = ZSyncFields.extend({ syncId: z.uuid() });
export const ZSetPausedInput = z.object({ syncId: z.uuid(), paused: z.boolean() });
export const ZStartRunInput = z.object({ syncId: z.uuid(), fullResync: z.boolean().default(false) });
export const ZDestinationObjectsInput = z.object({ destinationId: z.uuid() });
export const ZListRunsInput = z.object({ syncId: z.uuid(), limit: z.int().min(1).max(200).default(50) });
export const ZRunChangesInput = z.object({
  runId: z.uuid(),
  status: z.enum(CHANGE_STATUSES).optional(),
  kind: z.enum(CHANGE_KINDS).optional(),
  search: z.string().trim().max(200).optional(),
  afterId: z.int().min(0).optional(),
  limit: z.int().min(1).max(500).default(100),
});

const ZCounters = z.object({
  rowsRead: z.number(),
  added: z.number(),
  changed: z.number(),
  removed: z.number(),
  unchanged: z.number(),
  skipped: z.number(),
  parked: z.number(),
  sent: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  requests: z.number(),
  retries: z.number(),
});

export const ZRunOutput = z.object({
  id: z.uuid(),
  syncId: z.uuid(),
  status: z.enum(RUN_STATUSES),
  trigger: z.enum(RUN_TRIGGERS),
  scheduledFor: z.date().nullable(),
  attempt: z.number(),
  counters: ZCounters.nullable(),
  error: z.string().nullable(),
  queuedAt: z.date(),
  startedAt: z.date().nullable(),
  readStartedAt: z.date().nullable(),
  readMs: z.number().nullable(),
  deliverMs: z.number().nullable(),
  lastAcceptedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  cpuSeconds: z.number().nullable(),
  cancelRequestedAt: z.date().nullable(),
});

const ZMapping = z.object({
  version: z.literal(1),
  identifier: z.string(),
  fields: z.array(z.object({ source: z.string(), destination: z.string(), transform: z.string() })),
});

export const ZSyncOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  modelId: z.uuid(),
  destinationId: z.uuid(),
  destinationObject: z.string(),
  mode: z.enum(SYNC_MODES),
  mapping: ZMapping,
  schedule: ZSyncSchedule,
  scheduleText: z.string(),
  slaMinutes: z.number(),
  paused: z.boolean(),
  nextRunAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ZSyncListItemOutput = ZSyncOutput.extend({
  modelName: z.string(),
  destinationName: z.string(),
  destinationType: z.string(),
  lastRun: z.object({ id: z.uuid(), status: z.enum(RUN_STATUSES), queuedAt: z.date(), finishedAt: z.date().nullable() }).nullable(),
});

export const ZSyncDetailOutput = ZSyncListItemOutput.extend({
  activeRun: ZRunOutput.nullable(),
  parkedRecords: z.number(),
});

export const ZChangeOutput = z.object({
  id: z.number(),
  key: z.string(),
  kind: z.enum(CHANGE_KINDS),
  operation: z.string(),
  status: z.enum(CHANGE_STATUSES),
  payload: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  createdAt: z.date(),
});

export const ZRejectionOutput = z.object({ key: z.string(), reason: z.string(), attempts: z.number(), parked: z.boolean(), updatedAt: z.date() });

const ZField = z.object({ name: z.string(), label: z.string(), type: z.string(), required: z.boolean(), identifier: z.boolean() });

export const ZDestinationObjectOutput = z.object({
  name: z.string(),
  label: z.string(),
  operations: z.array(z.enum(OPERATIONS)).readonly(),
  fields: z.array(ZField),
  acceptsCustomFields: z.boolean(),
});

export const ZTransformOutput = z.object({ name: z.string(), label: z.string() });
export const TRANSFORM_LIST = Object.entries(TRANSFORMS).map(([name, label]) => ({ name, label }));
