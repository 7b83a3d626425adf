/**
 * Test-only helpers for the engine's property tests: hash generators that hit the cases a
 * 32-bit-halves implementation can get wrong, and naive Map-based oracles to compare against.
 */
import fc from "fast-check";
import { ChangeSet } from "./state";

const U64_MAX = 2n ** 64n - 1n;
const HIGH_HALVES = [0n, 1n, 0x7fff_ffffn, 0x8000_0000n, 0xffff_ffffn];
const LOW_HALVES = [0n, 1n, 0x7ffn, 0x800n, 0x8000_0000n, 0xffff_ffffn];

/** Any uint64, often sharing a high half with others (so the low half decides), often at the edges. */
export const hash64: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: 0n, max: U64_MAX }),
  fc
    .tuple(fc.constantFrom(...HIGH_HALVES), fc.oneof(fc.constantFrom(...LOW_HALVES), fc.bigInt({ min: 0n, max: 0xffff_ffffn })))
    .map(([high, low]) => (high << 32n) | low),
  fc.constantFrom(0n, U64_MAX, 2n ** 63n, 2n ** 32n, 2n ** 32n - 1n),
);

/** Rows of a model as (key hash, fingerprint), keys unique, in generation (unsorted) order. */
export type Rows = Map<bigint, bigint>;

export const rows: fc.Arbitrary<Rows> = fc
  .uniqueArray(fc.tuple(hash64, hash64), { selector: ([key]) => key, maxLength: 300 })
  .map((entries) => new Map(entries));

/** A previous state and the current one after random updates (sometimes to the same fingerprint), deletes and inserts. */
export const evolution: fc.Arbitrary<{ previous: Rows; current: Rows }> = rows.chain((previous) =>
  fc
    .tuple(
      fc.array(fc.oneof(fc.constant<"keep" | "delete">("keep"), fc.constant<"keep" | "delete">("delete"), hash64), {
        minLength: previous.size,
        maxLength: previous.size,
      }),
      fc.uniqueArray(fc.tuple(hash64, hash64), { selector: ([key]) => key, maxLength: 100 }),
    )
    .map(([operations, inserts]) => {
      const current: Rows = new Map();
      [...previous].forEach(([key, fingerprint], index) => {
        const operation = operations[index] ?? "keep";
        if (operation === "keep") current.set(key, fingerprint);
        else if (operation !== "delete") current.set(key, operation);
      });
      for (const [key, fingerprint] of inserts) if (!previous.has(key)) current.set(key, fingerprint);
      return { previous, current };
    }),
);

/** The diff as sets of key hashes, computed the obvious way. */
export function oracleDiff(previous: Rows, current: Rows): { added: bigint[]; changed: bigint[]; removed: bigint[]; unchanged: number } {
  const added: bigint[] = [];
  const changed: bigint[] = [];
  let unchanged = 0;
  for (const [key, fingerprint] of current) {
    const before = previous.get(key);
    if (before === undefined) added.push(key);
    else if (before !== fingerprint) changed.push(key);
    else unchanged++;
  }
  const removed = [...previous.keys()].filter((key) => !current.has(key));
  return { added: ascending(added), changed: ascending(changed), removed: ascending(removed), unchanged };
}

export function ascending(values: bigint[]): bigint[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A change as tests write it; `changeSetOf` packs a list into the engine's columnar ChangeSet. */
export type ChangeSpec = { keyHash: bigint; fingerprint: bigint | null; flags: number; identity: string; rowHash?: bigint; scanKey?: bigint };

export function changeSetOf(changes: readonly ChangeSpec[]): ChangeSet {
  const set = new ChangeSet();
  for (const change of changes) set.add(change.keyHash, change.fingerprint, change.flags, change.identity, change.rowHash, change.scanKey);
  return set;
}
