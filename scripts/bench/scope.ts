/**
 * What a bench run created, to be removed at the end: databases, files, app-database rows,
 * child processes. Clean-ups run once, newest first, each on its own (a failure is reported and
 * the others still run), whether the bench finished, failed or was interrupted (Ctrl-C).
 */
export class Scope {
  private readonly cleanups: { label: string; run: () => unknown }[] = [];
  private closing: Promise<void> | undefined;

  /** Registers a clean-up; `forget` drops it (for something that ended by itself). */
  defer(label: string, run: () => unknown): { forget: () => void } {
    const cleanup = { label, run };
    this.cleanups.push(cleanup);
    return {
      forget: () => {
        const index = this.cleanups.indexOf(cleanup);
        if (index >= 0) this.cleanups.splice(index, 1);
      },
    };
  }

  /** Runs every clean-up; calling it again waits for the same pass. */
  close(): Promise<void> {
    this.closing ??= this.runAll();
    return this.closing;
  }

  private async runAll(): Promise<void> {
    for (let cleanup = this.cleanups.pop(); cleanup !== undefined; cleanup = this.cleanups.pop()) {
      try {
        await cleanup.run();
      } catch (error) {
        console.error(`bench: could not ${cleanup.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
