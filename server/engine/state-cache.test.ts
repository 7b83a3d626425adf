import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { commitState, EMPTY_STATE, type SyncState } from "./state";
import { readCachedState, writeCachedState } from "./state-cache";
import { changeSetOf } from "./test-support";

/** A state of `records` records with distinct hashes and identities of varying length. */
function stateOf(records: number): SyncState {
  return commitState(
    EMPTY_STATE,
    changeSetOf(
      Array.from({ length: records }, (_, i) => ({
        keyHash: BigInt(i + 1) * 0x9e3779b97f4a7c15n % 2n ** 64n,
        fingerprint: BigInt(i) * 31n + 7n,
        flags: i % 3,
        identity: `customer-${i}${"x".repeat(i % 17)}`,
        rowHash: BigInt(i) + 11n,
        scanKey: BigInt(i) + 1n,
      })),
    ),
  );
}

describe("the local copy of a sync state", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "sluice-state-cache-test-"));
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(directory, { recursive: true, force: true });
  });

  // 150k records are about 6.6 MB: read as four ranges side by side.
  it.each([3, 150_000])("reads back exactly the state it kept (%i records)", async (records) => {
    const state = stateOf(records);
    const version = randomUUID();
    await writeCachedState(directory, "sync-a", version, state);
    expect(await readCachedState(directory, "sync-a", version)).toEqual(state);
  });

  it("has no copy for another version, another sync, a changed byte or a file cut short", async () => {
    const version = randomUUID();
    await writeCachedState(directory, "sync-a", version, stateOf(150_000));
    expect(await readCachedState(directory, "sync-a", randomUUID())).toBeNull();
    expect(await readCachedState(directory, "sync-b", version)).toBeNull();
    // A byte changed in the last of the ranges read side by side.
    const file = path.join(directory, "sync-a.state");
    const bytes = await readFile(file);
    bytes[5_000_000] = (bytes[5_000_000] ?? 0) ^ 1;
    await writeFile(file, bytes);
    expect(await readCachedState(directory, "sync-a", version)).toBeNull();
    // Cut short inside the last range.
    await writeCachedState(directory, "sync-a", version, stateOf(150_000));
    expect(await readCachedState(directory, "sync-a", version)).not.toBeNull();
    await truncate(file, 6_000_000);
    expect(await readCachedState(directory, "sync-a", version)).toBeNull();
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining("could not be read"), expect.anything());
  });
});
