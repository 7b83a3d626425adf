/**
 * Read-only DuckDB instances, one per database file, shared by every operation on that file.
 *
 * Promises:
 * - Every instance is opened READ_ONLY with external access disabled and the configuration
 *   locked, so SQL run on it cannot write, read other server files (read_csv, ATTACH, COPY …),
 *   install or load extensions, or switch those settings back on.
 * - A file replaced by an atomic rename (the regenerated demo warehouse, an uploads database
 *   after an import) is picked up: the cache key includes the file's inode, size and mtime, so
 *   the next lease opens the new file while leases on the old one finish on the old instance,
 *   which is closed when its last lease is released.
 * - An instance nobody has used for `idleMs` is closed; `closeAll()` closes everything.
 */
import { stat } from "node:fs/promises";

import { DuckDBInstance } from "@duckdb/node-api";

import { DuckdbUnavailableError } from "./errors";

/** Settings of every read-only instance; strings, as DuckDB's config takes them. */
export const READ_ONLY_OPTIONS: Readonly<Record<string, string>> = Object.freeze({
  access_mode: "READ_ONLY",
  enable_external_access: "false",
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "false",
  lock_configuration: "true",
});

const DEFAULT_IDLE_MS = 5 * 60_000;

export type Lease = { instance: DuckDBInstance; release(): void };

type Entry = {
  version: string;
  opening: Promise<DuckDBInstance>;
  users: number;
  retired: boolean;
  closed: boolean;
  idleTimer: NodeJS.Timeout | undefined;
};

/** Turns a failure to open a database file into a message people can act on. */
export type OpenErrorMapper = (filePath: string, error: unknown) => Error;

export class InstanceCache {
  private readonly current = new Map<string, Entry>();
  private readonly retired = new Set<Entry>();

  constructor(
    private readonly mapOpenError: OpenErrorMapper,
    private readonly idleMs = DEFAULT_IDLE_MS,
  ) {}

  /** A lease on the instance for the file as it is now on disk; always `release()` it. */
  async acquire(filePath: string): Promise<Lease> {
    const version = await fileVersion(filePath);
    let entry = this.current.get(filePath);
    if (entry !== undefined && entry.version !== version) {
      this.retire(filePath, entry);
      entry = undefined;
    }
    if (entry === undefined) {
      entry = {
        version,
        opening: DuckDBInstance.create(filePath, { ...READ_ONLY_OPTIONS }),
        users: 0,
        retired: false,
        closed: false,
        idleTimer: undefined,
      };
      this.current.set(filePath, entry);
    }
    const leased = entry;
    leased.users += 1;
    clearTimeout(leased.idleTimer);
    let instance: DuckDBInstance;
    try {
      instance = await leased.opening;
    } catch (error) {
      leased.users -= 1;
      leased.closed = true;
      if (this.current.get(filePath) === leased) this.current.delete(filePath);
      throw this.mapOpenError(filePath, error);
    }
    let released = false;
    return {
      instance,
      release: () => {
        if (released) return;
        released = true;
        leased.users -= 1;
        this.afterRelease(filePath, leased);
      },
    };
  }

  /** Closes every instance, in use or not (shutdown, tests). */
  async closeAll(): Promise<void> {
    const entries = [...this.current.values(), ...this.retired];
    this.current.clear();
    this.retired.clear();
    await Promise.allSettled(entries.map((entry) => close(entry)));
  }

  private retire(filePath: string, entry: Entry): void {
    this.current.delete(filePath);
    entry.retired = true;
    clearTimeout(entry.idleTimer);
    if (entry.users === 0) {
      void close(entry);
    } else {
      this.retired.add(entry);
    }
  }

  private afterRelease(filePath: string, entry: Entry): void {
    if (entry.users > 0 || entry.closed) return;
    if (entry.retired) {
      this.retired.delete(entry);
      void close(entry);
      return;
    }
    entry.idleTimer = setTimeout(() => {
      if (entry.users > 0 || this.current.get(filePath) !== entry) return;
      this.current.delete(filePath);
      void close(entry);
    }, this.idleMs);
    entry.idleTimer.unref();
  }
}

async function close(entry: Entry): Promise<void> {
  if (entry.closed) return;
  entry.closed = true;
  clearTimeout(entry.idleTimer);
  const instance = await entry.opening.catch(() => undefined);
  instance?.closeSync();
}

/** Identifies one version of a file: a rename onto the path changes the inode. */
async function fileVersion(filePath: string): Promise<string> {
  const stats = await stat(filePath).catch((error: unknown) => {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw error;
  });
  if (stats === undefined) throw new DuckdbUnavailableError("database_not_found", `${filePath} does not exist.`);
  if (!stats.isFile()) throw new DuckdbUnavailableError("invalid_config", `${filePath} is not a file.`);
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}
