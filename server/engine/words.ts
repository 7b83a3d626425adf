/**
 * 32-bit views of 64-bit hash arrays. The engine compares and moves hashes as two uint32
 * halves: reading a BigUint64Array element boxes a BigInt, reading a Uint32Array element does
 * not. `HI`/`LO` are the offsets of each half within a pair on this platform's byte order, so
 * the high half of element `i` is `words[2 * i + HI]`.
 */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export const HI = LITTLE_ENDIAN ? 1 : 0;
export const LO = LITTLE_ENDIAN ? 0 : 1;

/** A view (no copy) of `hashes` as 2 × length uint32 words. */
export function wordsOf(hashes: BigUint64Array): Uint32Array {
  return new Uint32Array(hashes.buffer, hashes.byteOffset, hashes.length * 2);
}

/** `words[index]`, typed for `noUncheckedIndexedAccess`; callers stay in bounds, so `?? 0` never applies. */
export function word(words: Uint32Array, index: number): number {
  return words[index] ?? 0;
}
