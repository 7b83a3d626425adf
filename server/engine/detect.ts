/**
 * Read and detect: scans the model once and decides for each row on the spot whether the
 * destination already has it, by a hash lookup of its key in the previous state. Only changes
 * are kept (in a ChangeBuffer); the previous state's records that no row matched are removals.
 *
 * Two hashes per row decide. What counts is the payload's fingerprint (fingerprint.ts): a row is
 * sent when the payload it maps to differs from the one the destination accepted. But mapping
 * and fingerprinting every row is the expensive part of a run, so the state also keeps each
 * record's row hash: the scan's cheap hash of the source row (`ScanChunk.fingerprint`) XOR a
 * salt naming the scan's scheme and the sync's mapping. An equal row hash means an equal payload
 * and the row is skipped unmapped; otherwise the payload's fingerprint is compared, and a row
 * whose source changed in a way the payload does not show (say, only in case, under a lowercase
 * transform) is not sent: only its row hash is refreshed. A new mapping, scan scheme or warehouse
 * version changes every row hash, so that run maps every row once, and sends only what differs.
 *
 * A warehouse that can compare rows itself (DuckDB) gets the state's scan keys and row hashes as
 * a `ScanShadow` and yields only the rows it cannot vouch for; its last chunk says how many rows
 * it skipped, which records' keys are gone and whether keys repeat (`ShadowSettled`).
 */
import type { RunCounters, SyncMode } from "@/db/schema";
import type { Row, ScanChunk, ScanShadow, ShadowSettled } from "../sources/types";
import type { ChangeBuffer } from "./change-buffer";
import { HashColumn, IndexColumn } from "./columns";
import type { Hasher } from "./fingerprint";
import { type CompiledMapping, identityPayload } from "./mapping";
import { operationFor } from "./plan";
import { sortedOrder } from "./radix-sort";
import { DuplicateKeyError } from "./snapshot";
import { type ChangeSet, identityAt, keyIndexOf, OWNED, scanKeysOf, type SyncState } from "./state";
import { HI, LO, word, wordsOf } from "./words";

export type DetectContext = {
  mode: SyncMode;
  mapping: CompiledMapping;
  hasher: Hasher;
  /** The salt of a scan scheme's row hashes (`rowHashSalts`). */
  salt: (scheme: string) => bigint;
  /** What the destination holds (for owned flags and removals). */
  previous: SyncState;
  /** What rows are compared with: `previous`, or an empty state for a full resync. */
  baseline: SyncState;
  /** Key hashes of parked records: changes to them are not sent until the user replays them. */
  parked: ReadonlySet<bigint>;
  counters: RunCounters;
  buffer: ChangeBuffer;
  /** Changes the state takes without sending anything (e.g. changed rows in insert-only mode). */
  silent: ChangeSet;
  /** Rows with an empty key: reported, never sent. */
  onEmptyKey: (row: Row) => void;
};

/**
 * `removed`: indexes (ascending) of the previous state's records that no row of the model has any
 * more. `refreshed`: indexes of the records of `previous` whose row hash was updated in place
 * (their payload was unchanged): the state must be saved even if nothing is sent.
 */
export type Detected = { removed: Uint32Array; refreshed: Uint32Array };

/** Row hash salts per scan scheme for one mapping: a scheme's row hashes are `fingerprint XOR salt`. */
export function rowHashSalts(hasher: Hasher, mapping: CompiledMapping): (scheme: string) => bigint {
  const salts = new Map<string, bigint>();
  return (scheme) => {
    let salt = salts.get(scheme);
    if (salt === undefined) {
      salt = hasher.fingerprint({ scheme, mapping: mapping.definition });
      salts.set(scheme, salt);
    }
    return salt;
  };
}

/** The shadow a scan may compare rows with: the previous state, unless the run compares with another baseline. */
export function shadowOf(context: Pick<DetectContext, "previous" | "baseline" | "salt">): ScanShadow | undefined {
  const { previous } = context;
  if (context.baseline !== previous || previous.scanKeys.length === 0) return undefined;
  return { keyHashes: previous.scanKeys, rowHashes: previous.rowHashes, salt: context.salt };
}

export async function detectChanges(chunks: AsyncIterable<ScanChunk> | Iterable<ScanChunk>, context: DetectContext): Promise<Detected> {
  const { hasher, mapping, previous, baseline, counters } = context;
  const inPrevious = keyIndexOf(previous);
  const inBaseline = baseline === previous ? inPrevious : keyIndexOf(baseline);
  /** How often each previous record's key was read (saturating at 255). */
  const seen = new Uint8Array(previous.keyHashes.length);
  const newKeys = new HashColumn();
  const refreshed = new IndexColumn();
  let settled: ShadowSettled | undefined;
  let yielded = 0;
  for await (const chunk of chunks) {
    settled ??= chunk.settled;
    yielded += chunk.size;
    const salt = context.salt(chunk.scheme);
    const scanKeyOf = chunk.scanKey?.bind(chunk);
    const scanKeys = scanKeyOf ? scanKeysOf(previous) : previous.scanKeys;
    for (let index = 0; index < chunk.size; index++) {
      counters.rowsRead++;
      const keyHash = chunk.keyHash?.(index) ?? keyHashOf(chunk, index, hasher);
      if (keyHash === null) {
        context.onEmptyKey(chunk.row(index));
        continue;
      }
      const rowHash = chunk.fingerprint(index) ^ salt;
      const before = inPrevious(keyHash);
      if (before < 0) newKeys.push(keyHash);
      else if ((seen[before] ?? 0) < 255) seen[before] = (seen[before] ?? 0) + 1;
      const known = baseline === previous ? before : inBaseline(keyHash);
      if (known >= 0 && baseline.rowHashes[known] === rowHash) {
        counters.unchanged++;
        if (scanKeyOf && before === known) {
          const scanKey = scanKeyOf(index);
          if (scanKeys[before] !== scanKey) {
            scanKeys[before] = scanKey;
            refreshed.push(before);
          }
        }
        continue;
      }
      const scanKey = scanKeyOf?.(index) ?? 0n;
      const payload = mapping.payload(chunk.row(index));
      const fingerprint = hasher.hashCanonical(mapping.canonical(payload));
      if (known >= 0 && baseline.fingerprints[known] === fingerprint) {
        counters.unchanged++;
        if (before === known) {
          previous.rowHashes[before] = rowHash;
          if (scanKeyOf) scanKeys[before] = scanKey;
          refreshed.push(before);
        }
        continue;
      }
      const kind = known >= 0 ? "changed" : "added";
      counters[kind]++;
      const flags = before >= 0 ? (previous.flags[before] ?? 0) : 0;
      const identity = mapping.identity(payload);
      const operation = operationFor(context.mode, kind, (flags & OWNED) !== 0);
      if (operation === null) {
        counters.skipped++;
        context.silent.add(keyHash, fingerprint, flags, identity, rowHash, scanKey);
      } else if (context.parked.has(keyHash)) {
        counters.parked++;
      } else {
        await context.buffer.push({ record: { key: String(keyOf(chunk, index)), operation, payload }, kind, keyHash, fingerprint, rowHash, scanKey, identity, flags });
      }
    }
  }
  if (settled) settle(settled, yielded, seen, context);
  throwOnRepeatedKeys(newKeys.view(), seen);
  return { removed: unseen(seen), refreshed: refreshed.view() };
}

/** A row's key as the engine names and hashes it: null when the key is empty. */
function keyOf(chunk: ScanChunk, index: number): string | number | null {
  const key = chunk.key(index);
  if (key === null || key === "") return null;
  return typeof key === "number" || typeof key === "string" ? key : JSON.stringify(key);
}

function keyHashOf(chunk: ScanChunk, index: number, hasher: Hasher): bigint | null {
  const key = keyOf(chunk, index);
  return key === null ? null : hasher.keyHash(key);
}

/**
 * Takes in what a scan that used the shadow settled itself: the rows it did not yield were read
 * and unchanged, and every record of the shadow whose key is not gone is still in the model (seen
 * once, unless a yielded row saw it). Keys repeated among rows it did not yield, it counted.
 */
function settle(settled: ShadowSettled, yielded: number, seen: Uint8Array, context: DetectContext): void {
  if (settled.extraRows > 0) throw new DuplicateKeyError(settled.repeatedKeys, settled.extraRows);
  context.counters.rowsRead += settled.rows - yielded;
  context.counters.unchanged += settled.rows - yielded;
  const gone = new Uint8Array(seen.length);
  for (const index of settled.gone) gone[index] = 1;
  const scanKeys = wordsOf(context.previous.scanKeys);
  for (let index = 0; index < seen.length; index++) {
    const inShadow = word(scanKeys, 2 * index + LO) !== 0 || word(scanKeys, 2 * index + HI) !== 0;
    if (inShadow && gone[index] === 0 && seen[index] === 0) seen[index] = 1;
  }
}

/** Fails the run when a key was read twice: among new keys (sorted, then compared) or known ones. */
function throwOnRepeatedKeys(newKeys: BigUint64Array, seen: Uint8Array): void {
  let repeatedKeys = 0;
  let extraRows = 0;
  for (let index = 0; index < seen.length; index++) {
    const count = seen[index] ?? 0;
    if (count < 2) continue;
    repeatedKeys++;
    extraRows += count - 1;
  }
  const order = sortedOrder(newKeys);
  for (let k = 1; k < order.length; k++) {
    const key = newKeys[order[k] ?? 0];
    if (key !== newKeys[order[k - 1] ?? 0]) continue;
    extraRows++;
    if (k === 1 || newKeys[order[k - 2] ?? 0] !== key) repeatedKeys++;
  }
  if (extraRows > 0) throw new DuplicateKeyError(repeatedKeys, extraRows);
}

function unseen(seen: Uint8Array): Uint32Array {
  let count = 0;
  for (let index = 0; index < seen.length; index++) if (seen[index] === 0) count++;
  const removed = new Uint32Array(count);
  let out = 0;
  for (let index = 0; index < seen.length; index++) if (seen[index] === 0) removed[out++] = index;
  return removed;
}

/** Records that left the model, as the plan wants them: sent (delete/remove) or silently forgotten. */
export async function planRemovals(
  removed: ArrayLike<number>,
  context: Pick<DetectContext, "mode" | "mapping" | "previous" | "parked" | "counters" | "buffer" | "silent">,
): Promise<void> {
  const { previous, counters } = context;
  const usedKeys = new Map<string, number>();
  for (let k = 0; k < removed.length; k++) {
    const index = removed[k] ?? 0;
    const keyHash = previous.keyHashes[index] ?? 0n;
    const flags = previous.flags[index] ?? 0;
    const identity = identityAt(previous, index);
    counters.removed++;
    const operation = operationFor(context.mode, "removed", (flags & OWNED) !== 0);
    if (operation === null) {
      counters.skipped++;
      context.silent.add(keyHash, null, flags, identity);
      continue;
    }
    if (context.parked.has(keyHash)) {
      counters.parked++;
      continue;
    }
    const payload = identityPayload(context.mapping.identifier, identity);
    // Removed records are named by their identifier; two with the same one get a suffix.
    const value = payload[context.mapping.identifier];
    const name = typeof value === "string" ? value : identity;
    const seen = usedKeys.get(name) ?? 0;
    usedKeys.set(name, seen + 1);
    const key = seen === 0 ? name : `${name}#${seen + 1}`;
    await context.buffer.push({ record: { key, operation, payload }, kind: "removed", keyHash, fingerprint: null, rowHash: 0n, scanKey: 0n, identity, flags });
  }
}
