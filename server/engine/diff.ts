/**
 * What changed between two snapshots, and the snapshot to remember once the destination has
 * answered. Both walk the two key-sorted snapshots in one merge, O(n + m), with no Map.
 *
 * Measured once on the shared 2-core dev box (Node 24.21, load ~2, medians of 7–11 warm runs),
 * 1M rows with 1% changes (0.5% updated, 0.25% inserted, 0.25% deleted), hashes from xxh64:
 * - buildSnapshot, unsorted input: 100–125 ms per snapshot (radix sort ~60, two gathers ~30);
 *   already-sorted input: ~9 ms (a copy);
 * - diffSnapshots: 12–17 ms, of which ~3 ms is checking both snapshots' order; a merge
 *   through a Map measured 290 ms in context/performance.md;
 * - applyAccepted: ~30 ms; encodeSnapshot ~10 ms, decodeSnapshot (CRC + order check) ~15 ms;
 * - cold, first call in a fresh process: build × 2 + diff 245–280 ms;
 * - memory: 16 bytes per row per snapshot (32 MB for both); peak RSS +60–77 MB over the
 *   inputs during build + diff (radix scratch 24 bytes per row, freed after).
 */
import { isStrictlyAscending, type Snapshot } from "./snapshot";
import { HI, LO, word, wordsOf } from "./words";

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

/** The subsets of a diff's indexes the destination accepted (any order; repeats are ignored). */
export type AcceptedChanges = {
  readonly added: ArrayLike<number>;
  readonly changed: ArrayLike<number>;
  readonly removed: ArrayLike<number>;
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

/** Keys compared: negative if a[i] < b[j], 0 if equal, positive otherwise. */
function compareKeys(a: Uint32Array, i: number, b: Uint32Array, j: number): number {
  const high = word(a, 2 * i + HI) - word(b, 2 * j + HI);
  return high !== 0 ? high : word(a, 2 * i + LO) - word(b, 2 * j + LO);
}

function sameHash(a: Uint32Array, i: number, b: Uint32Array, j: number): boolean {
  return word(a, 2 * i + HI) === word(b, 2 * j + HI) && word(a, 2 * i + LO) === word(b, 2 * j + LO);
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

const ADDED = 1;
const CHANGED = 2;
const REMOVED = 3;
const KIND = 3;
const ACCEPTED = 4;

/**
 * The snapshot to store after delivering `diff` (which must be `diffSnapshots(previous, current)`):
 * it advances only for what the destination accepted, so whatever it rejected or did not reach
 * shows up again in the next diff and is retried —
 * - an accepted added row enters with its current fingerprint; a rejected one stays absent;
 * - an accepted changed row takes its current fingerprint; a rejected one keeps its previous one;
 * - an accepted removal drops the row; a rejected one keeps it, with its previous fingerprint;
 * - unchanged rows stay as they are.
 * Accepting everything gives `current`; accepting nothing gives `previous`. Throws RangeError
 * if an accepted index is not in the matching diff list or the diff does not match the snapshots.
 */
export function applyAccepted(previous: Snapshot, current: Snapshot, diff: SnapshotDiff, accepted: AcceptedChanges): Snapshot {
  assertSnapshot(previous, "previous");
  assertSnapshot(current, "current");
  const currentMarks = new Uint8Array(current.keyHashes.length);
  const previousMarks = new Uint8Array(previous.keyHashes.length);
  markAll(currentMarks, diff.added, ADDED, "diff.added");
  markAll(currentMarks, diff.changed, CHANGED, "diff.changed");
  markAll(previousMarks, diff.removed, REMOVED, "diff.removed");
  const acceptedAdded = accept(currentMarks, accepted.added, ADDED, "added");
  accept(currentMarks, accepted.changed, CHANGED, "changed");
  const acceptedRemoved = accept(previousMarks, accepted.removed, REMOVED, "removed");
  return merge(previous, current, previousMarks, currentMarks, previous.keyHashes.length + acceptedAdded - acceptedRemoved);
}

function markAll(marks: Uint8Array, indexes: ArrayLike<number>, kind: number, name: string): void {
  for (let k = 0; k < indexes.length; k++) {
    const index = indexes[k] ?? -1;
    if (!(Number.isInteger(index) && index >= 0 && index < marks.length) || marks[index] !== 0) {
      throw new RangeError(`${name} holds ${index}, which is out of range or listed twice.`);
    }
    marks[index] = kind;
  }
}

/** Marks accepted indexes of one kind; returns how many distinct ones there were. */
function accept(marks: Uint8Array, indexes: ArrayLike<number>, kind: number, name: string): number {
  let distinct = 0;
  for (let k = 0; k < indexes.length; k++) {
    const index = indexes[k] ?? -1;
    const mark = Number.isInteger(index) ? marks[index] : undefined;
    if (mark === undefined || (mark & KIND) !== kind) {
      throw new RangeError(`accepted.${name} holds ${index}, which the diff does not list as ${name}.`);
    }
    if ((mark & ACCEPTED) === 0) distinct++;
    marks[index] = mark | ACCEPTED;
  }
  return distinct;
}

function merge(previous: Snapshot, current: Snapshot, previousMarks: Uint8Array, currentMarks: Uint8Array, size: number): Snapshot {
  const previousKeys = wordsOf(previous.keyHashes);
  const currentKeys = wordsOf(current.keyHashes);
  const previousPrints = wordsOf(previous.fingerprints);
  const currentPrints = wordsOf(current.fingerprints);
  const next: Snapshot = { keyHashes: new BigUint64Array(size), fingerprints: new BigUint64Array(size) };
  const nextKeys = wordsOf(next.keyHashes);
  const nextPrints = wordsOf(next.fingerprints);
  let out = 0;
  const take = (keys: Uint32Array, prints: Uint32Array, index: number) => {
    copyHash(nextKeys, out, keys, index);
    copyHash(nextPrints, out, prints, index);
    out++;
  };
  const n = previous.keyHashes.length;
  const m = current.keyHashes.length;
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const order = i === n ? 1 : j === m ? -1 : compareKeys(previousKeys, i, currentKeys, j);
    const previousMark = order <= 0 ? word8(previousMarks, i) : 0;
    const currentMark = order >= 0 ? word8(currentMarks, j) : 0;
    if (order < 0) {
      expectKind(previousMark, REMOVED);
      if ((previousMark & ACCEPTED) === 0) take(previousKeys, previousPrints, i);
      i++;
    } else if (order > 0) {
      expectKind(currentMark, ADDED);
      if ((currentMark & ACCEPTED) !== 0) take(currentKeys, currentPrints, j);
      j++;
    } else {
      expectKind(previousMark, 0);
      expectKind(currentMark, sameHash(previousPrints, i, currentPrints, j) ? 0 : CHANGED);
      if ((currentMark & ACCEPTED) !== 0) take(currentKeys, currentPrints, j);
      else take(previousKeys, previousPrints, i);
      i++;
      j++;
    }
  }
  if (out !== size) throw new RangeError("The diff does not match the snapshots.");
  return next;
}

function word8(marks: Uint8Array, index: number): number {
  return marks[index] ?? 0;
}

function expectKind(mark: number, kind: number): void {
  if ((mark & KIND) !== kind) throw new RangeError("The diff does not match the snapshots.");
}

function copyHash(to: Uint32Array, at: number, from: Uint32Array, index: number): void {
  to[2 * at] = word(from, 2 * index);
  to[2 * at + 1] = word(from, 2 * index + 1);
}
