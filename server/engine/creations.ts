/**
 * The records a run's destination said it created, journaled as the answers arrive, in the
 * background (db/queries/run-creations.ts). If the worker dies before the commit, the run is done
 * again and the destination then reports those records as already there; the journal keeps them
 * Sluice's own, so mirror mode still deletes them once they leave the model. A record created in
 * the moment between the destination's answer and its journal write is the one that can slip.
 */
import type { Db } from "@/db/client";
import { recordCreations } from "@/db/queries/run-creations";

export class CreationJournal {
  private pending: bigint[] = [];
  private writes: Promise<void> = Promise.resolve();
  private failed = false;

  constructor(
    private readonly db: Db,
    private readonly runId: string,
  ) {}

  add(keyHash: bigint): void {
    this.pending.push(keyHash);
  }

  /** Queues a write of what was added since the last one, behind the writes already queued. */
  flush(): void {
    if (this.pending.length === 0) return;
    const keyHashes = this.pending;
    this.pending = [];
    this.writes = this.writes.then(() => recordCreations(this.db, this.runId, keyHashes)).catch((error: unknown) => this.warn(error));
  }

  /**
   * Waits for the queued writes; call it before the commit's transaction (the embedded database
   * runs one connection at a time). A failed write does not fail the run: the commit stores what
   * was created anyway, and only a crash before it would have needed the journal.
   */
  written(): Promise<void> {
    return this.writes;
  }

  private warn(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    console.warn(`[run ${this.runId}] could not journal the records the destination created; a crash before the commit would leave them unowned.`, error);
  }
}
