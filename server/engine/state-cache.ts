/**
 * A worker's local copy of the sync states it last wrote, so the next run on this machine reads
 * its state from disk instead of the app database (bytea arrives as hex text: about 0.4 s per
 * million records). The database stays the truth: a copy is used only when its version equals the
 * version stored with the parts, which changes with every rewrite; patches still come from the
 * database. Everything here is best effort — a missing, stale or unreadable copy means reading
 * the database, and a failed write is only logged. Copies untouched for `STALE_DAYS` are removed
 * (those of deleted syncs, or of syncs that now run elsewhere).
 */
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { STATE_PART_BYTES } from "@/db/queries/sync-state";
import type { SyncState } from "./state";
import { decodeState, encodeStateParts } from "./state-codec";

const VERSION_BYTES = 36;
/** Ranges of a copy read side by side (libuv's thread pool has 4 threads by default), each at least `MIN_RANGE_BYTES`. */
const READ_RANGES = 4;
const MIN_RANGE_BYTES = 1 << 20;
const PAGE_BYTES = 4096;
const STALE_DAYS = 30;

function fileOf(directory: string, syncId: string): string {
  return path.join(directory, `${syncId}.state`);
}

/**
 * The state cached for `syncId` at `version`, or null when there is none that matches. Read whole
 * into one buffer of its own, which the state's arrays then view (decodeState): no copy.
 */
export async function readCachedState(directory: string, syncId: string, version: string): Promise<SyncState | null> {
  const file = fileOf(directory, syncId);
  try {
    const handle = await open(file, "r");
    let body: Buffer;
    try {
      const header = Buffer.alloc(VERSION_BYTES);
      await handle.read(header, 0, VERSION_BYTES, 0);
      if (header.toString("latin1") !== version) return null;
      body = Buffer.allocUnsafeSlow((await handle.stat()).size - VERSION_BYTES);
      if (!(await readRanges(handle, body, VERSION_BYTES))) return null;
    } finally {
      await handle.close();
    }
    return decodeState(body);
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ENOENT") console.warn(`[sync ${syncId}] the local copy of the state could not be read:`, error);
    return null;
  }
}

/**
 * Fills `body` from `position` on, in up to `READ_RANGES` ranges read side by side: most of a
 * large read's time is the kernel mapping the fresh buffer's pages, which the thread pool then
 * does on every core. False when the file ends early.
 */
async function readRanges(handle: FileHandle, body: Buffer, position: number): Promise<boolean> {
  const ranges = Math.min(READ_RANGES, Math.ceil(body.length / MIN_RANGE_BYTES)) || 1;
  const rangeBytes = Math.ceil(body.length / ranges / PAGE_BYTES) * PAGE_BYTES;
  const complete = await Promise.all(
    Array.from({ length: ranges }, async (_, range) => {
      const end = Math.min(body.length, (range + 1) * rangeBytes);
      for (let at = range * rangeBytes; at < end; ) {
        const { bytesRead } = await handle.read(body, at, end - at, position + at);
        if (bytesRead === 0) return false;
        at += bytesRead;
      }
      return true;
    }),
  );
  return complete.every(Boolean);
}

/** Keeps `state` (stored at `version`) for the next run on this machine. */
export async function writeCachedState(directory: string, syncId: string, version: string, state: SyncState): Promise<void> {
  const file = fileOf(directory, syncId);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(directory, { recursive: true });
    const handle = await open(temporary, "w");
    try {
      await handle.write(Buffer.from(version, "latin1"));
      for (const part of encodeStateParts(state, STATE_PART_BYTES)) await handle.write(part);
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
    await removeStale(directory);
  } catch (error) {
    console.warn(`[sync ${syncId}] the local copy of the state could not be written:`, error);
    await rm(temporary, { force: true });
  }
}

async function removeStale(directory: string): Promise<void> {
  const cutoff = Date.now() - STALE_DAYS * 86_400_000;
  for (const name of await readdir(directory)) {
    const file = path.join(directory, name);
    const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: Date.now() }));
    if (mtimeMs < cutoff) await rm(file, { force: true });
  }
}
