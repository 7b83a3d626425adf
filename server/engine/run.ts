/**
 * One sync run: read -> fingerprint -> diff -> plan -> deliver -> commit, as a state machine in
 * `sync_runs` (queued → reading → diffing → delivering → succeeded | failed | cancelled).
 *
 * Crash safety: nothing about the destination is remembered until the commit, which writes the
 * new state, the rejections and the run's outcome in one transaction. A worker killed at any
 * moment leaves the run "running" with a stale heartbeat; the scheduler puts it back in the
 * queue and the next worker does it again from the start against the same previous state, so
 * every change is sent again (at least once) and the destination ends as an uninterrupted run
 * leaves it. A run that stops on purpose (cancel, a refused destination, shutdown) commits what
 * the destination had already accepted, so that is not sent twice.
 */
import { randomUUID } from "node:crypto";
import { getModel } from "@/db/queries/models";
import { clearCreations, loadCreations } from "@/db/queries/run-creations";
import {
  claimRun,
  commitRunLog,
  dropUncommittedRunLog,
  emptyCounters,
  finishRun,
  requeueRun,
  updateRunProgress,
  type SyncRun,
} from "@/db/queries/sync-runs";
import {
  appendStatePatch,
  clearRejections,
  loadRejections,
  loadStoredState,
  recordRejections,
  saveStateParts,
  STATE_PART_BYTES,
  unsignedHash,
} from "@/db/queries/sync-state";
import { getSyncById, type Sync } from "@/db/queries/syncs";
import type { Db } from "@/db/client";
import type { RunCounters } from "@/db/schema";
import { deliver, DeliveryCancelledError, type FinalOutcome } from "../destinations/delivery";
import { accountsOf } from "../destinations/ledger";
import { openDestination } from "../destinations/open";
import { openSource, modelQueryOf } from "../sources/models";
import { ChangeBuffer, type PendingChange } from "./change-buffer";
import { CreationJournal } from "./creations";
import { detectChanges, planRemovals, rowHashSalts, shadowOf } from "./detect";
import { createHasher } from "./fingerprint";
import { compileMapping } from "./mapping";
import { describeRunError } from "./run-errors";
import { RunLog } from "./run-log";
import { readCachedState, writeCachedState } from "./state-cache";
import { scanModel } from "./scan";
import { applyPatches, ChangeSet, commitState, EMPTY_STATE, OWNED, patchOf, stateSize, type SyncState } from "./state";
import { decodeState, encodeState, encodeStateParts, readState, StateDecodeError } from "./state-codec";

export type RunOptions = {
  /** Aborts when the worker shuts down: the run commits what was accepted and goes back to the queue. */
  shutdown?: AbortSignal;
  heartbeatMs?: number;
  /** Attempts after which a refused record is parked. */
  rejectionCap?: number;
  /** Where this machine keeps local copies of sync states (state-cache.ts); none without it. */
  stateCacheDir?: string;
};

export type RunResult = "succeeded" | "failed" | "cancelled" | "requeued" | "not_claimed";

export const REJECTION_CAP = 3;
const CREATING = new Set(["upsert", "insert", "add"]);

/** Rewrite the whole state once the stored patches would hold more than this share of its records. */
const PATCH_SHARE = 0.25;

/** Loads the previous state (parts, then patches); one that cannot be read (other version, corrupted) counts as none. */
async function loadState(db: Db, syncId: string, cacheDir: string | undefined): Promise<{ state: SyncState; patchRecords: number }> {
  const stored = await loadStoredState(db, syncId);
  if (stored.baseBytes === null) return { state: EMPTY_STATE, patchRecords: 0 };
  try {
    const cached = cacheDir && stored.version ? await readCachedState(cacheDir, syncId, stored.version) : null;
    const base = cached ?? (await readState(stored.baseParts(), stored.baseBytes));
    const patches = stored.patches.map(decodeState);
    return { state: applyPatches(base, patches), patchRecords: stored.patchRecords };
  } catch (error) {
    if (error instanceof StateDecodeError) {
      console.warn(`[sync ${syncId}] ${error.message} Sending every row again.`);
      return { state: EMPTY_STATE, patchRecords: 0 };
    }
    throw error;
  }
}

export async function executeRun(db: Db, runId: string, options: RunOptions = {}): Promise<RunResult> {
  const run = await claimRun(db, runId);
  if (!run) return "not_claimed";
  const sync = await getSyncById(db, run.syncId);
  return new RunExecution(db, run, sync, options).execute();
}

class RunExecution {
  private readonly counters: RunCounters = emptyCounters();
  private readonly abort = new AbortController();
  private readonly accepted = new ChangeSet();
  private readonly rejected: { keyHash: bigint; key: string; reason: string }[] = [];
  private readonly log: RunLog;
  private readonly creations: CreationJournal;
  /** Records earlier attempts of this run were told they created (a run done again after a crash). */
  private createdBefore = new Set<bigint>();
  private readonly cpuStart = process.cpuUsage();
  private lastAcceptedAt: Date | null = null;
  private deliverStartedAt = 0;
  private previous: SyncState = EMPTY_STATE;
  /** Records in the stored patches `previous` was loaded with. */
  private patchRecords = 0;
  /** Records of `previous` whose row hash detect refreshed in place: the state is saved even if nothing was sent. */
  private refreshed: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  /** Records refused by earlier runs: cleared once they go through. */
  private rejectedBefore = new Set<bigint>();

  constructor(
    private readonly db: Db,
    private readonly run: SyncRun,
    private readonly sync: Sync,
    private readonly options: RunOptions,
  ) {
    this.log = new RunLog(db, { runId: run.id, workspaceId: run.workspaceId });
    this.creations = new CreationJournal(db, run.id);
  }

  async execute(): Promise<RunResult> {
    const stopOnShutdown = () => this.abort.abort("shutdown");
    this.options.shutdown?.addEventListener("abort", stopOnShutdown);
    const heartbeat = setInterval(() => void this.beat(), this.options.heartbeatMs ?? 2000);
    const buffer = new ChangeBuffer();
    try {
      await this.pipeline(buffer);
      await this.commit("succeeded", null);
      return "succeeded";
    } catch (error) {
      return await this.stop(error);
    } finally {
      clearInterval(heartbeat);
      this.options.shutdown?.removeEventListener("abort", stopOnShutdown);
      await buffer.dispose();
    }
  }

  private async pipeline(buffer: ChangeBuffer): Promise<void> {
    const { db, sync, counters } = this;
    const signal = this.abort.signal;
    const model = await getModel(db, { workspaceId: sync.workspaceId, modelId: sync.modelId });
    const source = await openSource(db, { workspaceId: sync.workspaceId, sourceId: model.sourceId });
    const destination = await openDestination(db, { workspaceId: sync.workspaceId, destinationId: sync.destinationId });
    const hasher = await createHasher();
    const mapping = compileMapping(sync.mapping);
    // Side by side: reading a large state is mostly waiting for the disk and the kernel.
    const [loaded, rejections, createdBefore] = await Promise.all([
      loadState(db, sync.id, this.options.stateCacheDir),
      loadRejections(db, sync.id),
      loadCreations(db, this.run.id),
      // Failures to open the source are the scan's to report.
      source.connector.warm?.(source.config).catch(() => undefined),
      // An earlier attempt killed before its commit logged changes this attempt sends (and logs) again.
      this.run.attempt > 1 ? dropUncommittedRunLog(db, this.run.id) : undefined,
    ]);
    ({ state: this.previous, patchRecords: this.patchRecords } = loaded);
    this.createdBefore = createdBefore;
    this.rejectedBefore = new Set(rejections.map((rejection) => unsignedHash(rejection.keyHash)));
    const parked = new Set(rejections.filter((rejection) => rejection.parkedAt !== null).map((rejection) => unsignedHash(rejection.keyHash)));
    const silent = new ChangeSet();
    const context = {
      mode: sync.mode,
      mapping,
      hasher,
      salt: rowHashSalts(hasher, mapping),
      previous: this.previous,
      baseline: this.run.trigger === "full_resync" ? EMPTY_STATE : this.previous,
      parked,
      counters,
      buffer,
      silent,
      onEmptyKey: () => {
        counters.rejected++;
        this.log.add({ key: "", kind: "added", operation: "none", status: "rejected", payload: {}, error: `The key column "${model.primaryKey}" is empty.` });
      },
    };

    const readStartedAt = new Date();
    await this.progress({ readStartedAt });
    const scan = scanModel(
      source.connector,
      source.config,
      modelQueryOf(model),
      { keyColumn: model.primaryKey, columns: mapping.columns, signal, shadow: shadowOf(context) },
      hasher,
    );
    const { removed, refreshed } = await detectChanges(scan, context);
    this.refreshed = refreshed;
    await this.progress({ status: "diffing", readMs: Date.now() - readStartedAt.getTime() });
    await planRemovals(removed, context);
    // Everything accepted is in the buffer or taken silently: room for all of it, no doubling.
    this.accepted.reserve(buffer.size + silent.size);
    this.accepted.addAll(silent);
    signal.throwIfAborted();

    this.deliverStartedAt = Date.now();
    await this.progress({ status: "delivering" });
    const inFlight = new Map<string, PendingChange>();
    async function* records() {
      for await (const change of buffer.drain()) {
        inFlight.set(change.record.key, change);
        yield change.record;
      }
    }
    const delivery = await deliver(destination.connector, destination.config, records(), {
      target: { object: sync.destinationObject, identifier: mapping.identifier },
      signal,
      runId: this.run.id,
      accounts: accountsOf(this.db),
      onOutcomes: (outcomes) => this.record(outcomes, inFlight),
    });
    counters.requests = delivery.requests;
    counters.retries = delivery.retries;
  }

  private record(outcomes: FinalOutcome[], inFlight: Map<string, PendingChange>): void {
    for (const outcome of outcomes) {
      const change = inFlight.get(outcome.key);
      if (!change) continue;
      inFlight.delete(outcome.key);
      this.counters.sent++;
      const { record } = change;
      if (outcome.status === "accepted") {
        this.counters.accepted++;
        this.lastAcceptedAt = new Date();
        const created = change.kind === "added" && CREATING.has(record.operation) && (outcome.created !== false || this.createdBefore.has(change.keyHash));
        if (created && outcome.created === true) this.creations.add(change.keyHash);
        this.accepted.add(change.keyHash, change.fingerprint, change.flags | (created ? OWNED : 0), change.identity, change.rowHash, change.scanKey);
        this.log.add({ key: record.key, kind: change.kind, operation: record.operation, status: "accepted", payload: record.payload, error: null });
      } else {
        this.counters.rejected++;
        this.rejected.push({ keyHash: change.keyHash, key: record.key, reason: outcome.reason });
        this.log.add({ key: record.key, kind: change.kind, operation: record.operation, status: "rejected", payload: record.payload, error: outcome.reason });
      }
    }
    this.log.flushIfFull();
    this.creations.flush();
  }

  private async progress(fields: Parameters<typeof updateRunProgress>[2]): Promise<void> {
    const { cancelRequested } = await updateRunProgress(this.db, this.run.id, { ...fields, counters: this.counters });
    if (cancelRequested) this.abort.abort("cancelled");
  }

  /** Heartbeat: tells the scheduler this worker is alive, publishes counters, and notices a cancel. */
  private async beat(): Promise<void> {
    try {
      await this.progress({});
    } catch (error) {
      console.error(`[run ${this.run.id}] heartbeat failed`, error);
    }
  }

  private async stop(error: unknown): Promise<RunResult> {
    const reason: unknown = this.abort.signal.reason;
    const stopped = this.abort.signal.aborted && (error instanceof DeliveryCancelledError || isAbort(error) || reason !== undefined);
    if (stopped && reason === "shutdown") {
      await this.commit(null, null);
      await requeueRun(this.db, this.run.id);
      return "requeued";
    }
    if (stopped && reason === "cancelled") {
      await this.commit("cancelled", "Cancelled by a user.");
      return "cancelled";
    }
    const message = describeRunError(error);
    if (message.internal) console.error(`[run ${this.run.id}]`, error);
    await this.commit("failed", message.text);
    return "failed";
  }

  /**
   * Stores what the destination now holds: as a patch of this run's changes, or, when there is no
   * stored state yet or the patches have grown past `PATCH_SHARE` of it, as a whole new state.
   */
  private async saveState(tx: Db): Promise<{ version: string; state: SyncState } | null> {
    const changed = this.accepted.size + this.refreshed.length;
    if (changed === 0) return null;
    const size = stateSize(this.previous);
    if (size === 0 || this.patchRecords + changed > size * PATCH_SHARE) {
      const rewritten = { version: randomUUID(), state: commitState(this.previous, this.accepted) };
      await saveStateParts(tx, this.sync.id, encodeStateParts(rewritten.state, STATE_PART_BYTES), rewritten.version);
      return rewritten;
    }
    const changes = new ChangeSet();
    for (const index of this.refreshed) changes.addRecord(this.previous, index);
    changes.addAll(this.accepted);
    const patch = patchOf(changes);
    await appendStatePatch(tx, this.sync.id, encodeState(patch), stateSize(patch));
    return null;
  }

  /**
   * Writes the new state, rejections, the rest of the log and the run's outcome in one
   * transaction. `status` null keeps the run as it is (it is being handed back to the queue).
   */
  private async commit(status: "succeeded" | "failed" | "cancelled" | null, error: string | null): Promise<void> {
    const cpu = process.cpuUsage(this.cpuStart);
    await this.creations.written();
    await this.log.written();
    const rewritten = await this.db.transaction(async (tx) => {
      const saved = await this.saveState(tx);
      await recordRejections(tx, { syncId: this.sync.id, runId: this.run.id, cap: this.options.rejectionCap ?? REJECTION_CAP, rejected: this.rejected });
      const through = this.rejectedBefore.size === 0 ? [] : [...this.accepted.keyHashes.view()].filter((keyHash) => this.rejectedBefore.has(keyHash));
      await clearRejections(tx, this.sync.id, through);
      await this.log.flush(tx);
      await commitRunLog(tx, this.run.id);
      await clearCreations(tx, this.run.id);
      if (status !== null) {
        await finishRun(tx, this.run.id, {
          status,
          error,
          counters: this.counters,
          cpuSeconds: (cpu.user + cpu.system) / 1e6,
          deliverMs: this.deliverStartedAt > 0 ? Date.now() - this.deliverStartedAt : null,
          lastAcceptedAt: this.lastAcceptedAt,
        });
      }
      return saved;
    });
    // Only once the new state is committed: a copy of a state that was rolled back would be wrong.
    const cacheDir = this.options.stateCacheDir;
    if (rewritten && cacheDir) await writeCachedState(cacheDir, this.sync.id, rewritten.version, rewritten.state);
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "SourceCancelledError");
}
