/**
 * The row-level log of a run (sync_run_log_batches): every change sent, with its payload and the
 * destination's answer, up to `limit` changes per run (the run page says when it stopped logging).
 * Written a row per `FLUSH_ROWS` changes as outcomes arrive, in the background (two at a time), so
 * the delivery never waits for the log; the rest goes in the run's commit, which waits for them
 * (and fails if one failed). The changes waiting are bounded by `limit`, as they always were.
 * Changes are in the order outcomes came, batch by batch; two batches written side by side may
 * come out in either order.
 */
import type { Db } from "@/db/client";
import { insertRunLogBatch } from "@/db/queries/sync-runs";
import type { LoggedChange } from "@/db/schema";

export const RUN_LOG_LIMIT = 100_000;
const FLUSH_ROWS = 1000;
/** Inserts running side by side (each on its own connection): the log keeps up with delivery. */
const LANES = 2;

export class RunLog {
  private pending: LoggedChange[] = [];
  /** The inserts queued in the background, per lane; never reject (an error waits in `failure`, and stops the rest). */
  private readonly lanes: Promise<void>[] = Array.from({ length: LANES }, () => Promise.resolve());
  private queued = 0;
  private failure: { error: unknown } | null = null;
  logged = 0;

  constructor(
    private readonly db: Db,
    private readonly scope: { runId: string; workspaceId: string },
    private readonly limit = RUN_LOG_LIMIT,
  ) {}

  add(change: LoggedChange): void {
    if (this.logged >= this.limit) return;
    this.logged++;
    this.pending.push(change);
  }

  /** Queues an insert of each full batch behind the ones already running, without waiting for them. */
  flushIfFull(): void {
    if (this.failure) return;
    while (this.pending.length >= FLUSH_ROWS) {
      const rows = this.pending.splice(0, FLUSH_ROWS);
      const lane = this.queued++ % LANES;
      this.lanes[lane] = (this.lanes[lane] ?? Promise.resolve()).then(() => this.insert(rows));
    }
  }

  /**
   * Waits for the background inserts, and throws a failure once (the commit after it goes
   * through). Call it before opening the commit's transaction: the embedded database runs one
   * connection at a time, so inserts queued behind the transaction would wait for it forever.
   */
  async written(): Promise<void> {
    await Promise.all(this.lanes);
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure.error;
  }

  /** Inserts the rest through `db` (the commit's transaction), after the background inserts. */
  async flush(db: Db): Promise<void> {
    await this.written();
    while (this.pending.length > 0) {
      const rows = this.pending.splice(0, FLUSH_ROWS);
      await insertRunLogBatch(db, this.scope, rows);
    }
  }

  /** One background insert; after a failure the rows wait for the commit instead. */
  private async insert(rows: LoggedChange[]): Promise<void> {
    if (this.failure) {
      this.pending = rows.concat(this.pending);
      return;
    }
    try {
      await insertRunLogBatch(this.db, this.scope, rows);
    } catch (error) {
      this.failure = { error };
      this.pending = rows.concat(this.pending);
    }
  }
}
