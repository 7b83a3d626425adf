/**
 * What changed between two snapshots: one merge of the two key-sorted snapshots, O(n + m), no
 * Map. The sync run uses it for the removed records (and to check what it found while reading);
 * what the destination accepted is merged into the next state by `commitState` (./state.ts).
 *
 * Measured once on the shared 2-core dev box (Node 24.21, load ~2, medians of 7–11 warm runs),
 * 1M rows with 1% changes (0.5% updated, 0.25% inserted, 0.25% deleted), hashes from xxh64:
 * - buildSnapshot, unsorted input: 100–125 ms per snapshot (radix sort ~60, two gathers ~30);
 *   already-sorted input: ~9 ms (a copy);
 * - diffSnapshots: 12–17 ms, of which ~3 ms is checking both snapshots' order; a merge
 *   through a Map measured 290 ms in context/performance.md;
 * - encoding a snapshot ~10 ms, decoding (CRC + order check) ~15 ms;
 * - cold, first call in a fresh process: build × 2 + diff 245–280 ms;
 * - memory: 16 bytes per row per snapshot (32 MB for both); peak RSS +60–77 MB over the
 *   inputs during build + diff (radix scratch 24 bytes per row, freed after).
 */
import { isStrictlyAscending, type Snapshot } from "./snapshot";
import { HI, LO, wordsOf } from "./words";

/**
 * `added`, `changed`: ascending indexes into the current snapshot; `removed`: ascending indexes
 * into the previous one; `unchanged`: rows present in both with the same fingerprint.
 */
export type SnapshotDiff = {
  readonly added: Uint32Array;
  readonly changed: Uint32Array;
  readonly removed: Uint32Array;
  readonly unchanged: number;
};

/** Throws RangeError when a snapshot breaks its invariant (unequal lengths, keys not strictly ascending). */
export function assertSnapshot(snapshot: Snapshot, name: string): void {
  if (snapshot.keyHashes.length !== snapshot.fingerprints.length) {
    throw new RangeError(`The ${name} snapshot has ${snapshot.keyHashes.length} keys but ${snapshot.fingerprints.length} fingerprints.`);
  }
  if (!isStrictlyAscending(snapshot.keyHashes)) {
    throw new RangeError(`The ${name} snapshot's key hashes are not strictly ascending.`);
  }
}

/**
 * Rows of `current` whose key `previous` lacks (added) or holds with another fingerprint
 * (changed), and rows of `previous` whose key `current` lacks (removed). Validates both
 * snapshots first (RangeError): an unsorted snapshot would otherwise diff as mass removals.
 */
export function diffSnapshots(previous: Snapshot, current: Snapshot): SnapshotDiff {
  assertSnapshot(previous, "previous");
  assertSnapshot(current, "current");
  const previousKeys = wordsOf(previous.keyHashes);
  const currentKeys = wordsOf(current.keyHashes);
  const previousPrints = wordsOf(previous.fingerprints);
  const currentPrints = wordsOf(current.fingerprints);
  const n = previous.keyHashes.length;
  const m = current.keyHashes.length;
  const added = new Uint32Array(m);
  const changed = new Uint32Array(m);
  const removed = new Uint32Array(n);
  let addedCount = 0;
  let changedCount = 0;
  let removedCount = 0;
  let unchanged = 0;
  let i = 0;
  let j = 0;
  // The hot loop, kept free of calls and module bindings (inlined by hand: half the time).
  const high = HI;
  const low = LO;
  while (i < n && j < m) {
    let order = (previousKeys[2 * i + high] ?? 0) - (currentKeys[2 * j + high] ?? 0);
    if (order === 0) order = (previousKeys[2 * i + low] ?? 0) - (currentKeys[2 * j + low] ?? 0);
    if (order < 0) {
      removed[removedCount++] = i++;
    } else if (order > 0) {
      added[addedCount++] = j++;
    } else {
      if (previousPrints[2 * i] === currentPrints[2 * j] && previousPrints[2 * i + 1] === currentPrints[2 * j + 1]) unchanged++;
      else changed[changedCount++] = j;
      i++;
      j++;
    }
  }
  while (i < n) removed[removedCount++] = i++;
  while (j < m) added[addedCount++] = j++;
  return {
    added: added.slice(0, addedCount),
    changed: changed.slice(0, changedCount),
    removed: removed.slice(0, removedCount),
    unchanged,
  };
}
