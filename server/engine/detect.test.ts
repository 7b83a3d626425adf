import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyCounters } from "@/db/queries/sync-runs";
import type { SyncMode } from "@/db/schema";
import type { CellValue, Row, ScanChunk, ScanShadow } from "../sources/types";
import { ChangeBuffer } from "./change-buffer";
import { detectChanges, planRemovals, rowHashSalts, shadowOf, type DetectContext } from "./detect";
import { createHasher, type Hasher } from "./fingerprint";
import { type CompiledMapping, compileMapping } from "./mapping";
import { DuplicateKeyError } from "./snapshot";
import { ChangeSet, commitState, EMPTY_STATE, OWNED, type SyncState } from "./state";
import { evolution, oracleDiff, type Rows } from "./test-support";

const mapping = compileMapping({ version: 1, identifier: "id", fields: [{ source: "id", destination: "id", transform: "none" }, { source: "value", destination: "value", transform: "none" }] });

/** A scan of rows given as key → fingerprint (the value column holds the fingerprint as text). */
function chunkOf(rows: readonly (readonly [CellValue, bigint])[], scheme = "test/1"): ScanChunk {
  return {
    scheme,
    size: rows.length,
    key: (index) => rows[index]?.[0] ?? null,
    fingerprint: (index) => rows[index]?.[1] ?? 0n,
    row: (index): Row => ({ id: rows[index]?.[0] ?? null, value: String(rows[index]?.[1]) }),
  };
}

function scanOf(model: Rows, chunkRows = 7, scheme = "test/1"): ScanChunk[] {
  const entries = [...model].map(([key, fingerprint]) => [key.toString(), fingerprint] as const);
  const chunks: ScanChunk[] = [];
  for (let start = 0; start < entries.length; start += chunkRows) chunks.push(chunkOf(entries.slice(start, start + chunkRows), scheme));
  return chunks;
}

/**
 * A scan that keeps the `ScanShadow` contract the way DuckDB does (the real one is tested in
 * server/sources/duckdb/scan.integration.test.ts): rows whose key hash has a record with their
 * fingerprint are not yielded, the last chunk settles them. Key hashes are the keys' text hashed.
 */
function shadowScanOf(hasher: Hasher, model: Rows, scheme = "test/1"): (shadow: ScanShadow | undefined) => ScanChunk[] {
  const scanKey = (key: string) => hasher.keyHash(`scan:${key}`);
  const entries = [...model].map(([key, fingerprint]) => [key.toString(), fingerprint] as const);
  return (shadow) => {
    const records = new Map<bigint, { index: number; fingerprint: bigint }>();
    const salt = shadow?.salt(scheme) ?? 0n;
    shadow?.keyHashes.forEach((keyHash, index) => {
      const rowHash = shadow.rowHashes[index] ?? 0n;
      if (keyHash !== 0n) records.set(keyHash, { index, fingerprint: rowHash === 0n ? 0n : rowHash ^ salt });
    });
    const yielded = entries.filter(([key, fingerprint]) => records.get(scanKey(key))?.fingerprint !== fingerprint || !shadow);
    const chunk: ScanChunk = { ...chunkOf(yielded, scheme), keyHash: (index) => scanKey(yielded[index]?.[0] ?? "") };
    if (!shadow) return [chunk];
    const present = new Set(entries.map(([key]) => scanKey(key)));
    const gone = [...records].filter(([keyHash]) => !present.has(keyHash)).map(([, record]) => record.index);
    const settled = { rows: entries.length, gone: Uint32Array.from(gone), repeatedKeys: 0, extraRows: 0 };
    return [chunk, { ...chunkOf([], scheme), settled }];
  };
}

type Outcome = { added: string[]; changed: string[]; removed: string[]; unchanged: number; refreshed: number; accepted: ChangeSet };

async function detect(
  hasher: Hasher,
  previous: SyncState,
  scan: Iterable<ScanChunk> | ((shadow: ScanShadow | undefined) => Iterable<ScanChunk>),
  mode: SyncMode = "mirror",
  compiled: CompiledMapping = mapping,
): Promise<Outcome> {
  const buffer = new ChangeBuffer();
  const context: DetectContext = {
    mode, mapping: compiled, hasher, salt: rowHashSalts(hasher, compiled), previous, baseline: previous, parked: new Set(),
    counters: emptyCounters(), buffer, silent: new ChangeSet(), onEmptyKey: () => {},
  };
  const { removed, refreshed } = await detectChanges(typeof scan === "function" ? scan(shadowOf(context)) : scan, context);
  await planRemovals(removed, context);
  const outcome: Outcome = { added: [], changed: [], removed: [], unchanged: context.counters.unchanged, refreshed: refreshed.length, accepted: new ChangeSet() };
  for await (const change of buffer.drain()) {
    outcome[change.kind].push(change.kind === "removed" ? JSON.parse(change.identity) as string : change.record.key);
    const owned = change.kind === "added" ? OWNED : change.flags;
    outcome.accepted.add(change.keyHash, change.kind === "removed" ? null : change.fingerprint, owned, change.identity, change.rowHash, change.scanKey);
  }
  await buffer.dispose();
  return outcome;
}

const sorted = (keys: Iterable<bigint>) => [...keys].map(String).sort();

describe("detectChanges", () => {
  it("finds exactly the rows added, changed and removed since the state the last run committed", async () => {
    const hasher = await createHasher();
    await fc.assert(
      fc.asyncProperty(evolution, fc.integer({ min: 1, max: 50 }), async ({ previous, current }, chunkRows) => {
        const first = await detect(hasher, EMPTY_STATE, scanOf(previous, chunkRows));
        expect(first.added.sort()).toEqual(sorted(previous.keys()));
        const state = commitState(EMPTY_STATE, first.accepted);

        const second = await detect(hasher, state, scanOf(current, chunkRows));
        const expected = oracleDiff(previous, current);
        expect(second.added.sort()).toEqual(sorted(expected.added));
        expect(second.changed.sort()).toEqual(sorted(expected.changed));
        expect(second.removed.sort()).toEqual(sorted(expected.removed));
        expect(second.unchanged).toBe(expected.unchanged);
      }),
      { numRuns: 60 },
    );
  });

  it("finds the same changes when the scan compares rows with the shadow itself, run after run", async () => {
    const hasher = await createHasher();
    await fc.assert(
      fc.asyncProperty(evolution, evolution, async (one, two) => {
        let full = EMPTY_STATE;
        let shadowed = EMPTY_STATE;
        for (const model of [one.previous, one.current, two.previous, two.current]) {
          const byRows = await detect(hasher, full, scanOf(model));
          // A refreshed state is edited in place; the shadowed run gets its own copy.
          const byShadow = await detect(hasher, shadowed, shadowScanOf(hasher, model));
          for (const kind of ["added", "changed", "removed"] as const) expect(byShadow[kind].sort()).toEqual(byRows[kind].sort());
          expect(byShadow.unchanged).toBe(byRows.unchanged);
          full = commitState(full, byRows.accepted);
          shadowed = commitState(shadowed, byShadow.accepted);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("maps every row again under another scan scheme, and sends only payloads that differ", async () => {
    const hasher = await createHasher();
    const model: Rows = new Map([[1n, 10n], [2n, 20n]]);
    const state = commitState(EMPTY_STATE, (await detect(hasher, EMPTY_STATE, scanOf(model))).accepted);
    expect(await detect(hasher, state, scanOf(model))).toMatchObject({ unchanged: 2, refreshed: 0, changed: [] });
    expect(await detect(hasher, state, scanOf(model, 7, "test/2"))).toMatchObject({ unchanged: 2, refreshed: 2, changed: [] });
    // The refreshed row hashes are in the state now: the next run under that scheme maps nothing.
    expect(await detect(hasher, state, scanOf(model, 7, "test/2"))).toMatchObject({ unchanged: 2, refreshed: 0 });
  });

  it("does not send a row whose source changed in a way its payload does not show", async () => {
    const hasher = await createHasher();
    const lowercased = compileMapping({ version: 1, identifier: "id", fields: [{ source: "id", destination: "id", transform: "none" }, { source: "value", destination: "value", transform: "lowercase" }] });
    const scan = (value: string, rowHash: bigint): ScanChunk[] => [
      { scheme: "test/1", size: 1, key: () => "k", fingerprint: () => rowHash, row: () => ({ id: "k", value }) },
    ];
    const run = (previous: SyncState, value: string, rowHash: bigint) => detect(hasher, previous, scan(value, rowHash), "upsert", lowercased);
    const state = commitState(EMPTY_STATE, (await run(EMPTY_STATE, "Ada", 1n)).accepted);
    expect(await run(state, "ADA", 2n)).toMatchObject({ changed: [], unchanged: 1, refreshed: 1 });
    expect(await run(state, "Grace", 3n)).toMatchObject({ changed: ["k"] });
  });

  it("refuses a model whose key repeats, among new keys and among known ones", async () => {
    const hasher = await createHasher();
    await expect(detect(hasher, EMPTY_STATE, [chunkOf([["a", 1n], ["b", 2n], ["a", 3n]])])).rejects.toThrow(DuplicateKeyError);
    const state = commitState(EMPTY_STATE, (await detect(hasher, EMPTY_STATE, scanOf(new Map([[1n, 1n]])))).accepted);
    await expect(detect(hasher, state, [chunkOf([["1", 1n]]), chunkOf([["1", 2n]])])).rejects.toThrow("1 value appears more than once (1 extra row)");
    const settled = { rows: 4, gone: new Uint32Array(0), repeatedKeys: 1, extraRows: 2 };
    await expect(detect(hasher, state, () => [{ ...chunkOf([]), settled }])).rejects.toThrow("1 value appears more than once (2 extra rows)");
  });

  it("treats a number key and its decimal text as the same key", async () => {
    const hasher = await createHasher();
    const state = commitState(EMPTY_STATE, (await detect(hasher, EMPTY_STATE, [chunkOf([["42", 1n]])])).accepted);
    expect((await detect(hasher, state, [chunkOf([[42, 1n]])])).unchanged).toBe(1);
  });
});
