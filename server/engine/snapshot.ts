/**
 * A snapshot is what the engine remembers of a model after a sync: one (key hash, fingerprint)
 * pair per row, as two equal-length BigUint64Arrays (16 bytes per row) sorted by key hash,
 * strictly ascending — so keys are unique and two snapshots diff by one sorted merge.
 *
 * Every function that returns a `Snapshot` keeps that invariant; `diffSnapshots` and
 * `applyAccepted` rely on it (and fail loudly when it is broken). Build snapshots with
 * `buildSnapshot`, `decodeSnapshot` or `applyAccepted`, never by hand.
 */
import { sortedOrder } from "./radix-sort";
import { HI, LO, word, wordsOf } from "./words";

export type Snapshot = {
  readonly keyHashes: BigUint64Array;
  readonly fingerprints: BigUint64Array;
};

/** Rows with the same key hash: the model's key is not unique (or, at ~n²/2⁶⁵, two keys' xxh64 collide). */
export class DuplicateKeyError extends Error {
  override readonly name = "DuplicateKeyError";

  /**
   * `duplicateKeys`: distinct key hashes that appear more than once; `extraRows`: rows beyond
   * the first of each; `sampleIndexes`: input positions of up to 10 of those rows, ascending
   * per key, so the caller can name the offending key values.
   */
  constructor(
    readonly duplicateKeys: number,
    readonly extraRows: number,
    readonly sampleIndexes: readonly number[],
  ) {
    super(
      `The key is not unique: ${plural(duplicateKeys, "value appears", "values appear")} more than once ` +
        `(${plural(extraRows, "extra row", "extra rows")}).`,
    );
  }
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

const SAMPLE_LIMIT = 10;

/**
 * The snapshot of rows given in any order: row i has `keyHashes[i]` and `fingerprints[i]`.
 * Copies its inputs (they are left untouched), sorts by key hash (stable), and throws
 * `DuplicateKeyError` if any key hash repeats, or RangeError if the lengths differ.
 */
export function buildSnapshot(keyHashes: BigUint64Array, fingerprints: BigUint64Array): Snapshot {
  if (keyHashes.length !== fingerprints.length) {
    throw new RangeError(`${keyHashes.length} key hashes but ${fingerprints.length} fingerprints.`);
  }
  if (isStrictlyAscending(keyHashes)) return { keyHashes: keyHashes.slice(), fingerprints: fingerprints.slice() };
  const order = sortedOrder(keyHashes);
  const sortedKeys = gather(keyHashes, order);
  // Sorted, so a repeat is a neighbour; the details are worked out only when there is one.
  if (!isStrictlyAscending(sortedKeys)) throw duplicateKeyError(sortedKeys, order);
  return { keyHashes: sortedKeys, fingerprints: gather(fingerprints, order) };
}

/** Whether every hash is greater than the one before it (so none repeats). */
export function isStrictlyAscending(hashes: BigUint64Array): boolean {
  const words = wordsOf(hashes);
  // Hot: module bindings copied to locals, no calls (about 3× faster than through `word`).
  const high = HI;
  const low = LO;
  let previousHigh = words[high] ?? 0;
  let previousLow = words[low] ?? 0;
  for (let at = 2; at < words.length; at += 2) {
    const currentHigh = words[at + high] ?? 0;
    const currentLow = words[at + low] ?? 0;
    if (currentHigh < previousHigh || (currentHigh === previousHigh && currentLow <= previousLow)) return false;
    previousHigh = currentHigh;
    previousLow = currentLow;
  }
  return true;
}

/** `out[k] = hashes[order[k]]`, copying uint32 halves. */
function gather(hashes: BigUint64Array, order: Uint32Array): BigUint64Array {
  const out = new BigUint64Array(order.length);
  const from = wordsOf(hashes);
  const to = wordsOf(out);
  for (let k = 0; k < order.length; k++) {
    const index = 2 * word(order, k);
    to[2 * k] = word(from, index);
    to[2 * k + 1] = word(from, index + 1);
  }
  return out;
}

/** The error for sorted keys that repeat; `order` maps sorted positions back to input positions. */
function duplicateKeyError(sortedKeys: BigUint64Array, order: Uint32Array): DuplicateKeyError {
  let duplicateKeys = 0;
  let extraRows = 0;
  const sampleIndexes: number[] = [];
  const sample = (k: number) => {
    if (sampleIndexes.length < SAMPLE_LIMIT) sampleIndexes.push(word(order, k));
  };
  for (let k = 1; k < sortedKeys.length; k++) {
    if (sortedKeys[k] !== sortedKeys[k - 1]) continue;
    if (k === 1 || sortedKeys[k - 1] !== sortedKeys[k - 2]) {
      duplicateKeys++;
      sample(k - 1);
    }
    extraRows++;
    sample(k);
  }
  return new DuplicateKeyError(duplicateKeys, extraRows, sampleIndexes);
}
