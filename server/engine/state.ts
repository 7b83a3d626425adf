/**
 * The state a sync keeps between runs: for every record the destination holds from this sync,
 * its key hash, the fingerprint of the payload the destination last accepted, the row hash of
 * the source row that payload came from, the scan's own hash of its key, flags, and its identity
 * (the identifier value last sent, needed to delete or remove it once it leaves the model). A
 * `Snapshot` (sorted by key hash, strictly ascending) with more parallel columns.
 *
 * Row hashes are a cache in front of the fingerprints (see detect.ts): a row whose row hash is
 * unchanged is not mapped at all. Scan keys (`ScanChunk.scanKey`) let a warehouse that can diff
 * itself (DuckDB, see `ScanShadow`) find those rows without the engine reading them. 0 means
 * unknown in both. The one edit a run makes to a loaded state is refreshing row hashes and scan
 * keys in place; everything else goes through `commitState`, which merges the accepted changes
 * of a run into a new state.
 */
import { ByteColumn, HashColumn, TextColumn } from "./columns";
import { sortedOrder } from "./radix-sort";
import { type Snapshot } from "./snapshot";
import { HI, LO, word, wordsOf } from "./words";

/** Set when Sluice created the record in the destination; mirror mode deletes only these. */
export const OWNED = 1;

export type SyncState = Snapshot & {
  readonly rowHashes: BigUint64Array;
  /** Empty while no record has a scan key (Postgres and other sources never give one); see `scanKeysOf`. */
  scanKeys: BigUint64Array;
  readonly flags: Uint8Array;
  /** UTF-8 identities back to back; record i's is `identityBytes[identityOffsets[i], identityOffsets[i + 1])`. */
  readonly identityOffsets: Uint32Array;
  readonly identityBytes: Buffer;
};

export const EMPTY_STATE: SyncState = {
  keyHashes: new BigUint64Array(0),
  fingerprints: new BigUint64Array(0),
  rowHashes: new BigUint64Array(0),
  scanKeys: new BigUint64Array(0),
  flags: new Uint8Array(0),
  identityOffsets: new Uint32Array(1),
  identityBytes: Buffer.alloc(0),
};

export function stateSize(state: SyncState): number {
  return state.keyHashes.length;
}

/** The state's scan keys, made room for (all unknown) if it had none. */
export function scanKeysOf(state: SyncState): BigUint64Array {
  if (state.scanKeys.length !== state.keyHashes.length) state.scanKeys = new BigUint64Array(state.keyHashes.length);
  return state.scanKeys;
}

export function identityAt(state: SyncState, index: number): string {
  return state.identityBytes.toString("utf8", word(state.identityOffsets, index), word(state.identityOffsets, index + 1));
}

/**
 * `lookup(keyHash)`: the index of the key in the state, or -1 — the per-row lookup of every sync
 * run. Key hashes are uniform and sorted, so a directory of where each run of equal top bits
 * starts (2 to 4 keys a bucket, 1 to 2 bytes per key: far smaller than the keys) leads straight to
 * the few keys to compare, which lie side by side; building it is one pass over the keys in order.
 */
export function keyIndexOf(state: SyncState): (keyHash: bigint) => number {
  const n = state.keyHashes.length;
  if (n === 0) return () => -1;
  const words = wordsOf(state.keyHashes);
  const lookup = bucketDirectory(words, n);
  const scratch = new BigUint64Array(1);
  const scratchWords = wordsOf(scratch);
  return (keyHash) => {
    scratch[0] = keyHash;
    return lookup(word(scratchWords, HI), word(scratchWords, LO));
  };
}

/** Keys per bucket of the directory at most, on average. */
const KEYS_PER_BUCKET = 4;

function bucketDirectory(words: Uint32Array, n: number): (high: number, low: number) => number {
  let bits = 0;
  while (bits < 32 && 2 ** bits * KEYS_PER_BUCKET < n) bits++;
  // A shift by 32 is a shift by 0 in JavaScript: with no bits, every key is in bucket 0.
  const bucketOf = (high: number) => (bits === 0 ? 0 : high >>> (32 - bits));
  const buckets = 2 ** bits;
  /** `starts[b]`: the index of the first key in bucket b or a later one. */
  const starts = new Uint32Array(buckets + 1);
  let index = 0;
  for (let bucket = 0; bucket < buckets; bucket++) {
    while (index < n && bucketOf(word(words, 2 * index + HI)) < bucket) index++;
    starts[bucket] = index;
  }
  starts[buckets] = n;
  return (high, low) => {
    const bucket = bucketOf(high);
    const end = word(starts, bucket + 1);
    for (let at = word(starts, bucket); at < end; at++) {
      const atHigh = word(words, 2 * at + HI);
      if (atHigh === high && word(words, 2 * at + LO) === low) return at;
      if (atHigh > high) return -1;
    }
    return -1;
  };
}

/** The first index in `[from, to)` of sorted 64-bit `words` whose value is not below `high:low` (`to` if none). */
function lowerBound(words: Uint32Array, from: number, to: number, high: number, low: number): number {
  while (from < to) {
    const middle = (from + to) >>> 1;
    const middleHigh = word(words, 2 * middle + HI);
    if (middleHigh < high || (middleHigh === high && word(words, 2 * middle + LO) < low)) from = middle + 1;
    else to = middle;
  }
  return from;
}

/** Set in a change's flags when the change removes the record (its fingerprint is then ignored). */
const REMOVED = 0x80;

/** Accepted changes of a run, columnar: about 37 bytes plus the identity per change. */
export class ChangeSet {
  readonly keyHashes = new HashColumn();
  readonly fingerprints = new HashColumn();
  readonly rowHashes = new HashColumn();
  /** Filled from the first change with a scan key on (zeros before it): most sources never give one. `at` past the end is 0. */
  readonly scanKeys = new HashColumn();
  readonly flags = new ByteColumn();
  readonly identities = new TextColumn();
  /** Whether any change has a scan key (otherwise the states made from these need none). */
  hasScanKeys = false;
  /** Changes room was made for (`reserve`); scan keys get it once the first one comes. */
  private reserved = 0;

  get size(): number {
    return this.keyHashes.length;
  }

  /**
   * Makes room for `count` changes at once. A first sync of ten million rows would otherwise
   * double its columns past 16 million entries: about 200 MB of slack while the state is merged.
   */
  reserve(count: number): void {
    this.reserved = count;
    for (const column of [this.keyHashes, this.fingerprints, this.rowHashes, this.flags, this.identities]) column.reserve(count);
    if (this.hasScanKeys) this.scanKeys.reserve(count);
  }

  /** A record to (re)write with `fingerprint`, or a removal (`fingerprint` null). */
  add(keyHash: bigint, fingerprint: bigint | null, flags: number, identity: string, rowHash = 0n, scanKey = 0n): void {
    this.keyHashes.push(keyHash);
    this.fingerprints.push(fingerprint ?? 0n);
    this.rowHashes.push(rowHash);
    if (scanKey !== 0n && !this.hasScanKeys) {
      this.hasScanKeys = true;
      this.scanKeys.reserve(this.reserved);
      while (this.scanKeys.length < this.keyHashes.length - 1) this.scanKeys.push(0n);
    }
    if (this.hasScanKeys) this.scanKeys.push(scanKey);
    this.flags.push(fingerprint === null ? REMOVED : flags & ~REMOVED);
    this.identities.push(identity);
  }

  /** Record `index` of `state` as a change: a patch's removals (see `patchOf`) stay removals. */
  addRecord(state: SyncState, index: number): void {
    const flags = state.flags[index] ?? 0;
    const fingerprint = flags & REMOVED ? null : (state.fingerprints[index] ?? 0n);
    this.add(state.keyHashes[index] ?? 0n, fingerprint, flags, identityAt(state, index), state.rowHashes[index] ?? 0n, state.scanKeys[index] ?? 0n);
  }

  addAll(other: ChangeSet): void {
    for (let i = 0; i < other.size; i++) {
      const flags = other.flags.at(i);
      const fingerprint = flags & REMOVED ? null : other.fingerprints.at(i);
      this.add(other.keyHashes.at(i), fingerprint, flags, other.identities.at(i), other.rowHashes.at(i), other.scanKeys.at(i));
    }
  }
}

/**
 * The state after a run: `previous` with `changes` applied (a later change to the same key wins).
 * A radix sort of the changes and one merge, O(n + c).
 */
export function commitState(previous: SyncState, changes: ChangeSet): SyncState {
  return merge(previous, changes, false);
}

/**
 * A run's changes as a patch: a state sorted by key, one record per key (the last change wins),
 * whose removals are kept with their removal flag. `applyPatches` replays patches on a state.
 */
export function patchOf(changes: ChangeSet): SyncState {
  return merge(EMPTY_STATE, changes, true);
}

export function applyPatches(state: SyncState, patches: readonly SyncState[]): SyncState {
  if (patches.length === 0) return state;
  const changes = new ChangeSet();
  for (const patch of patches) for (let index = 0; index < patch.keyHashes.length; index++) changes.addRecord(patch, index);
  return commitState(state, changes);
}

function merge(previous: SyncState, changes: ChangeSet, keepRemovals: boolean): SyncState {
  const sorted = latestPerKey(changes);
  const n = previous.keyHashes.length;
  const capacity = n + sorted.length;
  const keyHashes = new BigUint64Array(capacity);
  const fingerprints = new BigUint64Array(capacity);
  const rowHashes = new BigUint64Array(capacity);
  const withScanKeys = previous.scanKeys.length > 0 || changes.hasScanKeys;
  const scanKeys = new BigUint64Array(withScanKeys ? capacity : 0);
  const flags = new Uint8Array(capacity);
  const offsets = new Uint32Array(capacity + 1);
  // Room for every identity; the output arrays are views of these (slack: at most the changes'), never copies.
  const identityBytes = Buffer.allocUnsafe(previous.identityBytes.length + changes.identities.byteLength);
  let bytes = 0;
  let out = 0;
  // Byte views of the fixed-width columns, made once: copying a block between them allocates nothing.
  const columns: [Uint8Array | BigUint64Array, Uint8Array | BigUint64Array][] = [
    [previous.keyHashes, keyHashes],
    [previous.fingerprints, fingerprints],
    [previous.rowHashes, rowHashes],
    [previous.flags, flags],
  ];
  if (previous.scanKeys.length > 0) columns.push([previous.scanKeys, scanKeys]);
  const blocks = columns.map(([from, to]) => ({ from: bytesOf(from), to: bytesOf(to), width: from.BYTES_PER_ELEMENT }));
  /** Copies the untouched previous records `[start, end)` in one go. */
  const copyPrevious = (start: number, end: number) => {
    const count = end - start;
    if (count === 0) return;
    for (const { from, to, width } of blocks) from.copy(to, out * width, start * width, end * width);
    const from = word(previous.identityOffsets, start);
    const to = word(previous.identityOffsets, end);
    const shift = bytes - from;
    const previousOffsets = previous.identityOffsets;
    for (let k = 1; k <= count; k++) offsets[out + k] = (previousOffsets[start + k] as number) + shift;
    previous.identityBytes.copy(identityBytes, bytes, from, to);
    bytes += to - from;
    out += count;
  };
  // The changes' hash columns and the output's, as words: copying a hash this way boxes no BigInt.
  const hashWords = [
    { from: wordsOf(changes.keyHashes.view()), to: wordsOf(keyHashes) },
    { from: wordsOf(changes.fingerprints.view()), to: wordsOf(fingerprints) },
    { from: wordsOf(changes.rowHashes.view()), to: wordsOf(rowHashes) },
  ];
  // Scan keys may stop short of the changes (`ChangeSet.scanKeys`): past their end they are 0.
  if (withScanKeys) hashWords.push({ from: wordsOf(changes.scanKeys.view()), to: wordsOf(scanKeys) });
  const push = (change: number) => {
    const changeFlags = changes.flags.at(change);
    if (changeFlags & REMOVED && !keepRemovals) return;
    for (const { from, to } of hashWords) {
      to[2 * out] = from[2 * change] ?? 0;
      to[2 * out + 1] = from[2 * change + 1] ?? 0;
    }
    flags[out] = changeFlags;
    bytes = changes.identities.copyInto(change, identityBytes, bytes);
    offsets[++out] = bytes;
  };
  // Changes are few against the records: each is placed by a binary search, the records between copied in blocks.
  const previousWords = wordsOf(previous.keyHashes);
  const changeWords = wordsOf(changes.keyHashes.view());
  let i = 0;
  for (const change of sorted) {
    const high = word(changeWords, 2 * change + HI);
    const low = word(changeWords, 2 * change + LO);
    const at = lowerBound(previousWords, i, n, high, low);
    copyPrevious(i, at);
    push(change);
    i = at < n && word(previousWords, 2 * at + HI) === high && word(previousWords, 2 * at + LO) === low ? at + 1 : at;
  }
  copyPrevious(i, n);
  return {
    keyHashes: keyHashes.subarray(0, out),
    fingerprints: fingerprints.subarray(0, out),
    rowHashes: rowHashes.subarray(0, out),
    scanKeys: withScanKeys ? scanKeys.subarray(0, out) : scanKeys,
    flags: flags.subarray(0, out),
    identityOffsets: offsets.subarray(0, out + 1),
    identityBytes: identityBytes.subarray(0, bytes),
  };
}

function bytesOf(array: Uint8Array | BigUint64Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** Indexes of the changes in key-hash order, keeping only the last one given for each key (the sort is stable). */
function latestPerKey(changes: ChangeSet): Uint32Array {
  const keys = changes.keyHashes.view();
  const words = wordsOf(keys);
  const order = sortedOrder(keys);
  let kept = 0;
  for (const index of order) {
    const last = word(order, kept - 1);
    if (kept > 0 && word(words, 2 * last) === word(words, 2 * index) && word(words, 2 * last + 1) === word(words, 2 * index + 1)) order[kept - 1] = index;
    else order[kept++] = index;
  }
  return order.subarray(0, kept);
}
