import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sortedOrder } from "./radix-sort";
import { DuplicateKeyError, isStrictlyAscending } from "./snapshot";
import { hash64 } from "./test-support";

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

describe("DuplicateKeyError", () => {
  it("counts keys and extra rows in words", () => {
    expect(new DuplicateKeyError(1, 1).message).toBe("The key is not unique: 1 value appears more than once (1 extra row).");
    expect(new DuplicateKeyError(2, 3).message).toBe("The key is not unique: 2 values appear more than once (3 extra rows).");
  });
});
