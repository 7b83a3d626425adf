/**
 * Read and detect: streams the model once, maps and fingerprints each row, and decides on the
 * spot whether the destination already has it (a hash lookup in the previous state). Only
 * changes are kept (in a ChangeBuffer); every row's (key hash, fingerprint) goes into growable
 * typed arrays, 16 bytes per row, from which the diff phase builds the current snapshot.
 */
import type { RunCounters, SyncMode } from "@/db/schema";
import type { Row } from "../sources/types";
import type { ChangeBuffer } from "./change-buffer";
import type { Hasher } from "./fingerprint";
import { type CompiledMapping, identityPayload } from "./mapping";
import { operationFor } from "./plan";
import { HashColumn } from "./columns";
import { type ChangeSet, identityAt, keyIndexOf, OWNED, type SyncState } from "./state";

export type DetectContext = {
  mode: SyncMode;
  keyColumn: string;
  mapping: CompiledMapping;
  hasher: Hasher;
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

export type Detected = { keyHashes: HashColumn; fingerprints: HashColumn };

export async function detectChanges(rows: AsyncIterable<Row[]>, context: DetectContext): Promise<Detected> {
  const { hasher, mapping, previous, baseline, counters, keyColumn } = context;
  const inBaseline = keyIndexOf(baseline);
  const inPrevious = baseline === previous ? inBaseline : keyIndexOf(previous);
  const keyHashes = new HashColumn();
  const fingerprints = new HashColumn();
  for await (const chunk of rows) {
    for (const row of chunk) {
      counters.rowsRead++;
      const keyValue = row[keyColumn];
      if (keyValue === null || keyValue === undefined || keyValue === "") {
        context.onEmptyKey(row);
        continue;
      }
      const key = typeof keyValue === "number" || typeof keyValue === "string" ? keyValue : JSON.stringify(keyValue);
      const keyHash = hasher.keyHash(key);
      const payload = mapping.payload(row);
      const fingerprint = hasher.hashCanonical(mapping.canonical(payload));
      keyHashes.push(keyHash);
      fingerprints.push(fingerprint);
      const known = inBaseline(keyHash);
      if (known >= 0 && baseline.fingerprints[known] === fingerprint) {
        counters.unchanged++;
        continue;
      }
      const kind = known >= 0 ? "changed" : "added";
      counters[kind]++;
      const before = baseline === previous ? known : inPrevious(keyHash);
      const flags = before >= 0 ? (previous.flags[before] ?? 0) : 0;
      const identity = mapping.identity(payload);
      const operation = operationFor(context.mode, kind, (flags & OWNED) !== 0);
      if (operation === null) {
        counters.skipped++;
        context.silent.add(keyHash, fingerprint, flags, identity);
      } else if (context.parked.has(keyHash)) {
        counters.parked++;
      } else {
        await context.buffer.push({ record: { key: String(key), operation, payload }, kind, keyHash, fingerprint, identity, flags });
      }
    }
  }
  return { keyHashes, fingerprints };
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
    await context.buffer.push({ record: { key, operation, payload }, kind: "removed", keyHash, fingerprint: null, identity, flags });
  }
}
