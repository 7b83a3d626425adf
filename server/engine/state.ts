/**
 * The state a sync keeps between runs: for every record the destination holds from this sync,
 * its key hash, the fingerprint of the payload the destination last accepted, flags, and its
 * identity (the identifier value last sent, needed to delete or remove it once it leaves the
 * model). A `Snapshot` (sorted by key hash, strictly ascending) with two more parallel columns.
 *
 * Runs never edit a state: `commitState` merges the accepted changes of a run into a new one.
 */
import { ByteColumn, HashColumn, TextColumn } from "./columns";
import { sortedOrder } from "./radix-sort";
import { type Snapshot } from "./snapshot";
import { HI, LO, word, wordsOf } from "./words";

/** Set when Sluice created the record in the destination; mirror mode deletes only these. */
export const OWNED = 1;

export type SyncState = Snapshot & {
  readonly flags: Uint8Array;
  /** UTF-8 identities back to back; record i's is `identityBytes[identityOffsets[i], identityOffsets[i + 1])`. */
  readonly identityOffsets: Uint32Array;
  readonly identityBytes: Buffer;
};

export const EMPTY_STATE: SyncState = {
  keyHashes: new BigUint64Array(0),
  fingerprints: new BigUint64Array(0),
  flags: new Uint8Array(0),
  identityOffsets: new Uint32Array(1),
  identityBytes: Buffer.alloc(0),
};

export function stateSize(state: SyncState): number {
  return state.keyHashes.length;
}

export function identityAt(state: SyncState, index: number): string {
  return state.identityBytes.toString("utf8", word(state.identityOffsets, index), word(state.identityOffsets, index + 1));
}

/** The index of `keyHash` in the state, or -1: a binary search over the uint32 halves. */
export function findKey(state: SyncState, keyHash: bigint): number {
  const words = wordsOf(state.keyHashes);
  const high = Number(keyHash >> 32n);
  const low = Number(keyHash & 0xffff_ffffn);
  let lo = 0;
  let hi = state.keyHashes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const midHigh = word(words, 2 * mid + HI);
    const order = midHigh !== high ? midHigh - high : word(words, 2 * mid + LO) - low;
    if (order === 0) return mid;
    if (order < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Set in a change's flags when the change removes the record (its fingerprint is then ignored). */
const REMOVED = 0x80;

/** Accepted changes of a run, columnar: about 21 bytes plus the identity per change. */
export class ChangeSet {
  readonly keyHashes = new HashColumn();
  readonly fingerprints = new HashColumn();
  readonly flags = new ByteColumn();
  readonly identities = new TextColumn();

  get size(): number {
    return this.keyHashes.length;
  }

  /** A record to (re)write with `fingerprint`, or a removal (`fingerprint` null). */
  add(keyHash: bigint, fingerprint: bigint | null, flags: number, identity: string): void {
    this.keyHashes.push(keyHash);
    this.fingerprints.push(fingerprint ?? 0n);
    this.flags.push(fingerprint === null ? REMOVED : flags & ~REMOVED);
    this.identities.push(identity);
  }

  addAll(other: ChangeSet): void {
    for (let i = 0; i < other.size; i++) {
      const flags = other.flags.at(i);
      this.add(other.keyHashes.at(i), flags & REMOVED ? null : other.fingerprints.at(i), flags, other.identities.at(i));
    }
  }
}

/**
 * The state after a run: `previous` with `changes` applied (a later change to the same key wins).
 * A radix sort of the changes and one merge, O(n + c).
 */
export function commitState(previous: SyncState, changes: ChangeSet): SyncState {
  const sorted = latestPerKey(changes);
  const n = previous.keyHashes.length;
  const capacity = n + sorted.length;
  const keyHashes = new BigUint64Array(capacity);
  const fingerprints = new BigUint64Array(capacity);
  const flags = new Uint8Array(capacity);
  const offsets = new Uint32Array(capacity + 1);
  const chunks: Buffer[] = [];
  let bytes = 0;
  let out = 0;
  let runStart = -1;
  const flushRun = (end: number) => {
    if (runStart < 0) return;
    // Copy a run of untouched previous records in one go.
    const count = end - runStart;
    keyHashes.set(previous.keyHashes.subarray(runStart, end), out);
    fingerprints.set(previous.fingerprints.subarray(runStart, end), out);
    flags.set(previous.flags.subarray(runStart, end), out);
    const from = word(previous.identityOffsets, runStart);
    const to = word(previous.identityOffsets, end);
    for (let k = 0; k < count; k++) offsets[out + k + 1] = bytes + word(previous.identityOffsets, runStart + k + 1) - from;
    chunks.push(previous.identityBytes.subarray(from, to));
    bytes += to - from;
    out += count;
    runStart = -1;
  };
  const push = (change: number) => {
    const changeFlags = changes.flags.at(change);
    if (changeFlags & REMOVED) return;
    const identity = changes.identities.bytesAt(change);
    keyHashes[out] = changes.keyHashes.at(change);
    fingerprints[out] = changes.fingerprints.at(change);
    flags[out] = changeFlags;
    chunks.push(identity);
    bytes += identity.length;
    offsets[++out] = bytes;
  };
  let i = 0;
  let j = 0;
  while (i < n || j < sorted.length) {
    const change = j < sorted.length ? sorted[j] : undefined;
    const changeKey = change === undefined ? undefined : changes.keyHashes.at(change);
    const previousKey = i < n ? previous.keyHashes[i] : undefined;
    if (change === undefined || changeKey === undefined || (previousKey !== undefined && previousKey < changeKey)) {
      if (runStart < 0) runStart = i;
      i++;
      continue;
    }
    flushRun(i);
    push(change);
    if (previousKey === changeKey) i++;
    j++;
  }
  flushRun(n);
  return {
    keyHashes: keyHashes.slice(0, out),
    fingerprints: fingerprints.slice(0, out),
    flags: flags.slice(0, out),
    identityOffsets: offsets.slice(0, out + 1),
    identityBytes: Buffer.concat(chunks, bytes),
  };
}

/** Indexes of the changes in key-hash order, keeping only the last one given for each key (the sort is stable). */
function latestPerKey(changes: ChangeSet): Uint32Array {
  const keys = changes.keyHashes.view();
  const order = sortedOrder(keys);
  let kept = 0;
  for (const index of order) {
    if (kept > 0 && keys[word(order, kept - 1)] === keys[index]) order[kept - 1] = index;
    else order[kept++] = index;
  }
  return order.subarray(0, kept);
}
