import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffSnapshots, type SnapshotDiff } from "./diff";
import { createHasher } from "./fingerprint";
import { buildSnapshot, type Snapshot } from "./snapshot";
import { EMPTY_STATE as EMPTY_SNAPSHOT } from "./state";
import { columns, evolution, keysAt, oracleDiff, rowsOf, type Rows } from "./test-support";

function snapshotOf(model: Rows): Snapshot {
  const { keyHashes, fingerprints } = columns(model);
  return buildSnapshot(keyHashes, fingerprints);
}

function diffAsKeys(previous: Snapshot, current: Snapshot, diff: SnapshotDiff) {
  return {
    added: keysAt(current, diff.added),
    changed: keysAt(current, diff.changed),
    removed: keysAt(previous, diff.removed),
    unchanged: diff.unchanged,
  };
}

describe("diffSnapshots", () => {
  it("finds exactly the inserts, updates and deletes (Map-based oracle)", () => {
    fc.assert(
      fc.property(evolution, ({ previous, current }) => {
        const before = snapshotOf(previous);
        const after = snapshotOf(current);
        const diff = diffSnapshots(before, after);
        expect(diffAsKeys(before, after, diff)).toEqual(oracleDiff(previous, current));
        for (const list of [diff.added, diff.changed, diff.removed]) expect([...list]).toEqual([...list].sort((a, b) => a - b));
      }),
    );
  });

  it("diffs real payloads by key, whether keys come as numbers or strings", async () => {
    const hasher = await createHasher();
    const payload = fc.record({ email: fc.emailAddress(), plan: fc.constantFrom("free", "pro", null), seats: fc.integer() });
    const table = fc.uniqueArray(fc.tuple(fc.nat(10_000), payload), { selector: ([id]) => id, maxLength: 100 });
    fc.assert(
      fc.property(table, table, (before, after) => {
        // The previous run read ids as numbers, this one as strings (e.g. int4 → int8).
        const snapshot = (records: [number | string, object][]) =>
          buildSnapshot(
            BigUint64Array.from(records, ([id]) => hasher.keyHash(id)),
            BigUint64Array.from(records, ([, data]) => hasher.fingerprint(data)),
          );
        const previous = snapshot(before);
        const current = snapshot(after.map(([id, data]) => [String(id), { ...data }]));
        const expected = oracleDiff(rowsOf(previous), rowsOf(current));
        const beforeById = new Map(before.map(([id, data]) => [id, JSON.stringify(data)]));
        const changedIds = after.filter(([id, data]) => beforeById.has(id) && beforeById.get(id) !== JSON.stringify(data));
        expect(expected.changed).toHaveLength(changedIds.length);
        expect(diffAsKeys(previous, current, diffSnapshots(previous, current))).toEqual(expected);
      }),
    );
  });

  it("handles empty snapshots on either side", () => {
    const some = snapshotOf(new Map([[3n, 1n], [1n, 2n]]));
    expect(diffSnapshots(EMPTY_SNAPSHOT, some)).toEqual({ added: Uint32Array.of(0, 1), changed: new Uint32Array(0), removed: new Uint32Array(0), unchanged: 0 });
    expect(diffSnapshots(some, EMPTY_SNAPSHOT)).toEqual({ added: new Uint32Array(0), changed: new Uint32Array(0), removed: Uint32Array.of(0, 1), unchanged: 0 });
    expect(diffSnapshots(some, some).unchanged).toBe(2);
  });

  it("refuses snapshots that break the invariant", () => {
    const unsorted: Snapshot = { keyHashes: BigUint64Array.of(2n, 1n), fingerprints: new BigUint64Array(2) };
    const duplicated: Snapshot = { keyHashes: BigUint64Array.of(1n, 1n), fingerprints: new BigUint64Array(2) };
    const ragged: Snapshot = { keyHashes: BigUint64Array.of(1n), fingerprints: new BigUint64Array(2) };
    for (const broken of [unsorted, duplicated, ragged]) {
      expect(() => diffSnapshots(broken, EMPTY_SNAPSHOT)).toThrow(/previous snapshot/);
      expect(() => diffSnapshots(EMPTY_SNAPSHOT, broken)).toThrow(/current snapshot/);
    }
  });

  it("matches the oracle on 100k rows with 1% changes", () => {
    const previous: Rows = new Map();
    for (let index = 0; index < 100_000; index++) previous.set(BigInt.asUintN(64, BigInt(index + 1) * 0x9e3779b97f4a7c15n), BigInt(index));
    const current = new Map(previous);
    [...previous.keys()].forEach((key, index) => {
      if (index % 200 === 0) current.delete(key);
      else if (index % 200 === 1) current.set(key, 0n);
      else if (index % 200 === 2) current.set(BigInt.asUintN(64, ~key), 1n);
    });
    const before = snapshotOf(previous);
    const after = snapshotOf(current);
    const diff = diffSnapshots(before, after);
    expect([diff.added.length, diff.changed.length, diff.removed.length]).toEqual([500, 500, 500]);
    expect(diffAsKeys(before, after, diff)).toEqual(oracleDiff(previous, current));
  });
});
