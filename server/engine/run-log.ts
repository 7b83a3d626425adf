/**
 * The row-level log of a run (sync_run_changes): every change sent, with its payload and the
 * destination's answer, up to `limit` rows per run (the run page says when it stopped logging).
 * Written in multi-row inserts as outcomes arrive; the rest goes in the run's commit.
 */
import type { Db } from "@/db/client";
import { insertRunChanges, type RunChange } from "@/db/queries/sync-runs";

export const RUN_LOG_LIMIT = 100_000;
const FLUSH_ROWS = 1000;

export type LoggedChange = Omit<RunChange, "runId" | "workspaceId" | "id" | "createdAt">;

export class RunLog {
  private pending: RunChange[] = [];
  logged = 0;

  constructor(
    private readonly db: Db,
    private readonly scope: { runId: string; workspaceId: string },
    private readonly limit = RUN_LOG_LIMIT,
  ) {}

  add(change: LoggedChange): void {
    if (this.logged >= this.limit) return;
    this.logged++;
    this.pending.push({ ...change, ...this.scope });
  }

  async flushIfFull(): Promise<void> {
    if (this.pending.length >= FLUSH_ROWS) await this.flush(this.db);
  }

  async flush(db: Db): Promise<void> {
    while (this.pending.length > 0) {
      const rows = this.pending.splice(0, FLUSH_ROWS);
      await insertRunChanges(db, rows);
    }
  }
}
