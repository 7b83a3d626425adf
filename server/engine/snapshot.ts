/**
 * A snapshot is what the engine remembers of a model after a sync: one (key hash, fingerprint)
 * pair per row, as two equal-length BigUint64Arrays (16 bytes per row) sorted by key hash,
 * strictly ascending — so keys are unique. `commitState` and `decodeState` keep that invariant
 * (the codec checks it); never build one by hand.
 */
import { HI, LO, wordsOf } from "./words";

export type Snapshot = {
  readonly keyHashes: BigUint64Array;
  readonly fingerprints: BigUint64Array;
};

/** Rows with the same key hash: the model's key is not unique (or, at ~n²/2⁶⁵, two keys' xxh64 collide). */
export class DuplicateKeyError extends Error {
  override readonly name = "DuplicateKeyError";

  /** `duplicateKeys`: distinct key hashes that appear more than once; `extraRows`: rows beyond the first of each. */
  constructor(
    readonly duplicateKeys: number,
    readonly extraRows: number,
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
