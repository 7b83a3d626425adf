/**
 * Syncs: a model sent to a destination object with a field mapping, a mode and a schedule.
 * Each execution is a run (a state machine with counters and timings); a run logs its changes
 * row by row. The snapshot of what the destination last accepted lives in `sync_snapshot_parts`
 * (binary, see server/engine/state-codec.ts); records the destination refused are tracked in
 * `sync_rejections` until they go through or are parked after too many attempts.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  json,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { destinations } from "./destinations";
import { models } from "./models";
import { workspaces } from "./workspaces";

/** Read as a Buffer from either driver: postgres.js gives one, the embedded PGlite a plain Uint8Array. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

export const SYNC_MODES = ["upsert", "update", "insert", "mirror", "audience"] as const;
export type SyncMode = (typeof SYNC_MODES)[number];
export const syncMode = pgEnum("sync_mode", SYNC_MODES);

/** Where a run is. Terminal: succeeded, failed, cancelled, skipped (a scheduled run found another still going). */
export const RUN_STATUSES = ["queued", "reading", "diffing", "delivering", "succeeded", "failed", "cancelled", "skipped"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const ACTIVE_RUN_STATUSES = ["queued", "reading", "diffing", "delivering"] as const satisfies readonly RunStatus[];
export const runStatus = pgEnum("sync_run_status", RUN_STATUSES);

export const RUN_TRIGGERS = ["manual", "schedule", "full_resync"] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
export const runTrigger = pgEnum("sync_run_trigger", RUN_TRIGGERS);

export const CHANGE_KINDS = ["added", "changed", "removed"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_STATUSES = ["accepted", "rejected", "parked"] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/** One entry of the row-level log: what was sent, and what the destination said. */
export type LoggedChange = {
  key: string;
  kind: ChangeKind;
  operation: string;
  status: ChangeStatus;
  payload: Record<string, unknown>;
  error: string | null;
};

/** One model column → one destination field, with an optional transform (server/engine/mapping.ts). */
export type FieldMapping = { source: string; destination: string; transform: string };
/** Versioned: `version` is the format of this JSON, not an edit counter. */
export type SyncMapping = { version: 1; identifier: string; fields: FieldMapping[] };
export type SyncSchedule =
  | { kind: "manual" }
  | { kind: "interval"; minutes: number }
  | { kind: "cron"; expression: string; timezone: string };

export const syncs = pgTable(
  "syncs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    modelId: uuid("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "restrict" }),
    destinationId: uuid("destination_id")
      .notNull()
      .references(() => destinations.id, { onDelete: "restrict" }),
    /** A `DestinationObject.name` (a table, a list, "records" for webhooks). */
    destinationObject: text("destination_object").notNull(),
    mode: syncMode("mode").notNull(),
    mapping: jsonb("mapping").$type<SyncMapping>().notNull(),
    schedule: jsonb("schedule").$type<SyncSchedule>().notNull(),
    /** A run is on time when it succeeds within this many minutes of its scheduled time. */
    slaMinutes: integer("sla_minutes").notNull().default(60),
    paused: boolean("paused").notNull().default(false),
    /** When the scheduler next starts a run (null: manual or paused). */
    nextRunAt: timestamp("next_run_at", { withTimezone: true }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.workspaceId), index().on(table.nextRunAt)],
);

export type RunCounters = {
  rowsRead: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Changes the mode does not send (e.g. changed rows in insert-only mode). */
  skipped: number;
  /** Changes not sent because their record is parked. */
  parked: number;
  sent: number;
  accepted: number;
  rejected: number;
  requests: number;
  retries: number;
};

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    syncId: uuid("sync_id")
      .notNull()
      .references(() => syncs.id, { onDelete: "cascade" }),
    status: runStatus("status").notNull().default("queued"),
    trigger: runTrigger("trigger").notNull(),
    /** For scheduled runs: the time the schedule asked for (freshness SLA is measured from it). */
    scheduledFor: timestamp("scheduled_for", { withTimezone: true }),
    /** How many times a worker has started this run (a crashed worker's run is started again). */
    attempt: integer("attempt").notNull().default(0),
    counters: jsonb("counters").$type<RunCounters>(),
    error: text("error"),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    /** When the source read began: the data the run sends was ready in the warehouse by then. */
    readStartedAt: timestamp("read_started_at", { withTimezone: true }),
    readMs: integer("read_ms"),
    deliverMs: integer("deliver_ms"),
    /** When the destination accepted the run's last record. */
    lastAcceptedAt: timestamp("last_accepted_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** CPU seconds the worker process spent while the run was going (a cost proxy). */
    cpuSeconds: real("cpu_seconds"),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    /** When the run was last handed to the job queue; a queued run not picked up is handed over again. */
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }).defaultNow(),
    cancelRequestedAt: timestamp("cancel_requested_at", { withTimezone: true }),
    requestedByUserId: uuid("requested_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (table) => [
    index().on(table.syncId, table.queuedAt),
    index().on(table.workspaceId, table.queuedAt),
    // At most one queued or running run per sync, enforced by the database.
    uniqueIndex("sync_runs_one_active")
      .on(table.syncId)
      .where(sql`${table.status} in ('queued', 'reading', 'diffing', 'delivering')`),
  ],
);

/**
 * The row-level log of a run, a row per batch of up to 1,000 changes in the order their outcomes
 * came (`changes`, a JSON array). A row per change cost the database four times as much to
 * insert (parsing each record, a foreign-key check and two index entries per change), and it
 * did that work while the run delivered. `json`, not `jsonb`: stored as sent, read by expanding it.
 */
export const syncRunLogBatches = pgTable(
  "sync_run_log_batches",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => syncRuns.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id").notNull(),
    changes: json("changes").$type<LoggedChange[]>().notNull(),
    /**
     * False until the attempt of the run that wrote it commits. A worker killed mid-run leaves its
     * batches uncommitted; the attempt that does the run again drops them, since it sends those
     * changes again and logs them itself (so each change is listed once, with its last outcome).
     */
    committed: boolean("committed").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.runId, table.id), index().on(table.createdAt)],
);

/**
 * Records a run's destination said it created, journaled while the run delivers (before its
 * commit), as little-endian 64-bit key hashes. When a worker dies mid-run, the run is done again,
 * and the destination then reports those records as already there: read back from here, they stay
 * Sluice's own, so mirror mode still deletes them once they leave the model. The commit deletes them.
 */
export const syncRunCreations = pgTable(
  "sync_run_creations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => syncRuns.id, { onDelete: "cascade" }),
    keyHashes: bytea("key_hashes").notNull(),
  },
  (table) => [index().on(table.runId)],
);

/** The stored sync state, split in parts so no single value grows past the database's limits. */
export const syncSnapshotParts = pgTable(
  "sync_snapshot_parts",
  {
    syncId: uuid("sync_id")
      .notNull()
      .references(() => syncs.id, { onDelete: "cascade" }),
    part: integer("part").notNull(),
    data: bytea("data").notNull(),
    /** New with every rewrite of the state: a worker's local copy (state-cache.ts) is used only if it matches. */
    version: uuid("version"),
  },
  (table) => [primaryKey({ columns: [table.syncId, table.part] })],
);

/**
 * Changes to the stored state since its parts were written, one encoded patch per run, applied
 * in `seq` order when the state is loaded (a run stores a small patch instead of rewriting the
 * whole state; the patches are folded into the parts once they grow).
 */
export const syncStatePatches = pgTable(
  "sync_state_patches",
  {
    syncId: uuid("sync_id")
      .notNull()
      .references(() => syncs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    records: integer("records").notNull(),
    data: bytea("data").notNull(),
  },
  (table) => [primaryKey({ columns: [table.syncId, table.seq] })],
);

/** Records the destination refused; retried on later runs until `attempts` reaches the cap, then parked. */
export const syncRejections = pgTable(
  "sync_rejections",
  {
    syncId: uuid("sync_id")
      .notNull()
      .references(() => syncs.id, { onDelete: "cascade" }),
    /** xxh64 of the key as a signed 64-bit integer (Postgres has no unsigned type). */
    keyHash: bigint("key_hash", { mode: "bigint" }).notNull(),
    key: text("key").notNull(),
    reason: text("reason").notNull(),
    attempts: integer("attempts").notNull(),
    parkedAt: timestamp("parked_at", { withTimezone: true }),
    lastRunId: uuid("last_run_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.syncId, table.keyHash] })],
);
