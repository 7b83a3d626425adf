import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sortedOrder } from "./radix-sort";
import { buildSnapshot, DuplicateKeyError, isStrictlyAscending } from "./snapshot";
import { ascending, columns, hash64, rows, rowsOf } from "./test-support";

describe("sortedOrder", () => {
  it("is the stable ascending order of any hashes, duplicates included", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(hash64, fc.constantFrom(0n, 5n, 2n ** 40n)), { maxLength: 400 }), (hashes) => {
        const naive = hashes.map((_, index) => index).sort((a, b) => {
          const x = hashes[a] ?? 0n;
          const y = hashes[b] ?? 0n;
          return x < y ? -1 : x > y ? 1 : a - b;
        });
        expect([...sortedOrder(BigUint64Array.from(hashes))]).toEqual(naive);
      }),
    );
  });

  it("sorts 200k random hashes", () => {
    const hashes = BigUint64Array.from({ length: 200_000 }, (_, index) => BigInt.asUintN(64, BigInt(index) * 0x9e3779b97f4a7c15n));
    const order = sortedOrder(hashes);
    const sorted = BigUint64Array.from(order, (index) => hashes[index] ?? 0n);
    expect(isStrictlyAscending(sorted)).toBe(true);
    expect(new Set(order).size).toBe(hashes.length);
  });
});

describe("buildSnapshot", () => {
  it("holds the same rows, sorted by key hash, and leaves its inputs alone", () => {
    fc.assert(
      fc.property(rows, (model) => {
        const { keyHashes, fingerprints } = columns(model);
        const before = [...keyHashes];
        const snapshot = buildSnapshot(keyHashes, fingerprints);
        expect([...snapshot.keyHashes]).toEqual(ascending([...model.keys()]));
        expect(rowsOf(snapshot)).toEqual(model);
        expect([...keyHashes]).toEqual(before);
      }),
    );
  });

  it("copies input that is already sorted", () => {
    const keyHashes = BigUint64Array.of(1n, 2n, 3n);
    const snapshot = buildSnapshot(keyHashes, BigUint64Array.of(7n, 8n, 9n));
    expect(snapshot.keyHashes).toEqual(keyHashes);
    expect(snapshot.keyHashes).not.toBe(keyHashes);
  });

  it("rejects duplicate keys, counting keys and extra rows, with sample positions", () => {
    const keyHashes = BigUint64Array.of(9n, 4n, 9n, 1n, 4n, 9n, 2n ** 63n);
    const fingerprints = new BigUint64Array(keyHashes.length);
    expect(() => buildSnapshot(keyHashes, fingerprints)).toThrow(
      expect.objectContaining({
        name: "DuplicateKeyError",
        message: "The key is not unique: 2 values appear more than once (3 extra rows).",
        duplicateKeys: 2,
        extraRows: 3,
        sampleIndexes: [1, 4, 0, 2, 5],
      }),
    );
    expect(new DuplicateKeyError(1, 1, []).message).toBe("The key is not unique: 1 value appears more than once (1 extra row).");
  });

  it("rejects duplicates whatever the input order", () => {
    fc.assert(
      fc.property(rows, fc.nat(), (model, pick) => {
        fc.pre(model.size > 0);
        const keys = [...model.keys()];
        const duplicate = keys[pick % keys.length] ?? 0n;
        const keyHashes = BigUint64Array.from([...keys, duplicate]);
        expect(() => buildSnapshot(keyHashes, new BigUint64Array(keyHashes.length))).toThrow(DuplicateKeyError);
      }),
    );
  });

  it("rejects key and fingerprint arrays of different lengths", () => {
    expect(() => buildSnapshot(new BigUint64Array(2), new BigUint64Array(1))).toThrow(RangeError);
  });
});
