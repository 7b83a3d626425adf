import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyPatches, ChangeSet, commitState, EMPTY_STATE, identityAt, keyIndexOf, patchOf, type SyncState } from "./state";
import { decodeState, encodeState } from "./state-codec";
import { changeSetOf, type ChangeSpec, hash64 } from "./test-support";

type Entry = { fingerprint: bigint; rowHash: bigint; scanKey: bigint; flags: number; identity: string };

const change: fc.Arbitrary<ChangeSpec> = fc.record({
  keyHash: hash64,
  fingerprint: fc.option(hash64, { nil: null, freq: 4 }),
  rowHash: hash64,
  scanKey: fc.oneof(fc.constant(0n), hash64),
  flags: fc.integer({ min: 0, max: 1 }),
  identity: fc.string({ unit: "grapheme", maxLength: 6 }),
});

function entries(state: SyncState): Map<bigint, Entry> {
  return new Map(
    [...state.keyHashes].map((key, i) => [key, { fingerprint: state.fingerprints[i] ?? -1n, rowHash: state.rowHashes[i] ?? -1n, scanKey: state.scanKeys[i] ?? 0n, flags: state.flags[i] ?? -1, identity: identityAt(state, i) }]),
  );
}

/** The obvious way: apply the changes in order to a Map. */
function oracle(previous: Map<bigint, Entry>, changes: ChangeSpec[]): Map<bigint, Entry> {
  const next = new Map(previous);
  for (const { keyHash, fingerprint, rowHash = 0n, scanKey = 0n, flags, identity } of changes) {
    if (fingerprint === null) next.delete(keyHash);
    else next.set(keyHash, { fingerprint, rowHash, scanKey, flags, identity });
  }
  return new Map([...next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

describe("commitState", () => {
  it("applies changes like a Map would, later changes to a key winning, and stays sorted", () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 150 }), fc.array(change, { maxLength: 150 }), (first, second) => {
        const before = commitState(EMPTY_STATE, changeSetOf(first));
        const after = commitState(before, changeSetOf(second));
        expect(entries(after)).toEqual(oracle(entries(before), second));
        // Scan keys are there for every record or for none, and take no room until some change had one.
        expect([0, after.keyHashes.length]).toContain(after.scanKeys.length);
        if ([...first, ...second].every((change) => (change.scanKey ?? 0n) === 0n)) expect(after.scanKeys.length).toBe(0);
        expect([...after.keyHashes]).toEqual([...after.keyHashes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        expect(new Set(after.keyHashes).size).toBe(after.keyHashes.length);
      }),
    );
  });

  it("commits the same state from a change set that made room for its changes first, however much", () => {
    fc.assert(
      // Past 1,024 changes, the columns' first size, so that making room moves what is in them.
      fc.property(fc.array(change, { maxLength: 3000, size: "max" }), fc.nat({ max: 100 }), fc.nat({ max: 200 }), (changes, afterPercent, roomPercent) => {
        // Room is made after some of the changes are in, as a run does after taking the silent ones.
        const after = Math.floor((changes.length * afterPercent) / 100);
        const room = Math.floor((changes.length * roomPercent) / 100);
        const reserved = new ChangeSet();
        changes.forEach(({ keyHash, fingerprint, flags, identity, rowHash, scanKey }, index) => {
          if (index === after) reserved.reserve(room);
          reserved.add(keyHash, fingerprint, flags, identity, rowHash, scanKey);
        });
        expect(entries(commitState(EMPTY_STATE, reserved))).toEqual(entries(commitState(EMPTY_STATE, changeSetOf(changes))));
        expect(reserved.size).toBe(changes.length);
      }),
      // No shrinking: thousands of changes shrink slowly, and the first failure says enough.
      { numRuns: 30, endOnFailure: true },
    );
  });

  it("leaves the previous state untouched", () => {
    const before = commitState(EMPTY_STATE, changeSetOf([{ keyHash: 5n, fingerprint: 1n, rowHash: 2n, scanKey: 3n, flags: 1, identity: "a" }]));
    commitState(before, changeSetOf([{ keyHash: 5n, fingerprint: null, flags: 0, identity: "" }]));
    expect(entries(before)).toEqual(new Map([[5n, { fingerprint: 1n, rowHash: 2n, scanKey: 3n, flags: 1, identity: "a" }]]));
  });
});

describe("patchOf and applyPatches", () => {
  it("replaying stored patches gives the state committing the runs one by one gives", () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 100 }), fc.array(fc.array(change, { maxLength: 60 }), { maxLength: 4 }), (first, runs) => {
        const base = commitState(EMPTY_STATE, changeSetOf(first));
        const committed = runs.reduce((state, run) => commitState(state, changeSetOf(run)), base);
        const stored = runs.map((run) => decodeState(encodeState(patchOf(changeSetOf(run)))));
        expect(entries(applyPatches(base, stored))).toEqual(entries(committed));
      }),
    );
  });
});

describe("keyIndexOf", () => {
  it("finds every key and no other", () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 200 }), hash64, (list, probe) => {
        const state = commitState(EMPTY_STATE, changeSetOf(list));
        const lookup = keyIndexOf(state);
        state.keyHashes.forEach((key, index) => {
          expect(lookup(key)).toBe(index);
        });
        if (!state.keyHashes.includes(probe)) {
          expect(lookup(probe)).toBe(-1);
        }
      }),
    );
  });

  it("tells keys apart by their low half when the high halves are equal, and finds keys in crowded buckets", () => {
    // 320 keys share one high half (one bucket); 40 more spread over the top of the range.
    const crowded = Array.from({ length: 320 }, (_, i) => (7n << 32n) | BigInt(i * 3 + 1));
    const spread = Array.from({ length: 40 }, (_, i) => (BigInt(0xffff_ff00 + i) << 32n) | 5n);
    const keys = [...crowded, ...spread];
    const state = commitState(EMPTY_STATE, changeSetOf(keys.map((keyHash) => ({ keyHash, fingerprint: 1n, flags: 0, identity: "" }))));
    const lookup = keyIndexOf(state);
    const absent = [(7n << 32n) | 2n, (8n << 32n) | 1n, (BigInt(0xffff_ff00) << 32n) | 6n, 0n, 2n ** 64n - 1n];
    expect(keys.map((key) => lookup(key))).toEqual(keys.map((_, index) => index));
    expect(absent.map((key) => lookup(key))).toEqual(absent.map(() => -1));
  });
});
