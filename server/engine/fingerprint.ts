/**
 * Fingerprints of mapped payloads and hashes of primary keys: the change-detection inputs of the
 * sync engine. Both are xxh64 (seed `HASH_SEED`) of a canonical string built here, never of a
 * driver's or engine's own formatting, so a snapshot stored today diffs correctly against rows
 * read by another process, another Node version or a later Sluice release.
 *
 * Canonical payload form (version 1) is RFC 8785 (JSON Canonicalization Scheme) over the values
 * Sluice handles:
 * - objects: keys sorted by UTF-16 code units, `{"a":1,"b":2}`, no whitespace;
 * - arrays keep their order;
 * - strings: JSON escaping as ECMAScript's `JSON.stringify` (lone surrogates become `\udxxx`);
 *   no Unicode normalization, no trimming: different text is a different payload;
 * - numbers: finite only, in ECMAScript's `Number.prototype.toString` form, which the language
 *   fixes exactly (shortest round-trip digits, no locale): `-0` → `0`, `1.0` → `1`, `1e21` →
 *   `1e+21`. A number and the string of its digits are different payloads (`1` ≠ `"1"`): the
 *   destination receives different JSON;
 * - null vs missing are DISTINGUISHED: `{"a":null}` ≠ `{}`. A property whose value is
 *   `undefined` counts as missing, exactly as `JSON.stringify` (and so delivery) drops it;
 * - `Date` → its ISO 8601 string and `bigint` → its decimal string, the same values the source
 *   connectors produce, so a driver value and its cell value fingerprint the same.
 * Anything else (NaN/±Infinity, `undefined` outside an object property, functions, symbols,
 * Maps, class instances, invalid dates, nesting deeper than `MAX_DEPTH`) throws
 * `CanonicalizeError` naming the path: such a value is a bug upstream, and hashing a guess would
 * hide it.
 *
 * Key hash: a primary key is identified by its text. Strings are taken as-is (UTF-8, exact:
 * `"01"`, `"1"` and `" 1"` are three keys); a number key must be a safe integer and is hashed as
 * its decimal text, so `1` and `"1"` ARE THE SAME KEY — warehouses hand the same column to us as
 * a number or a string depending on its type and driver (int4 vs int8/numeric), and a type change
 * must not look like every row was removed and re-added.
 *
 * Changing anything above changes hashes: bump `FINGERPRINT_VERSION` (stored in every encoded
 * snapshot) so old snapshots are rejected instead of diffed. The golden test pins exact values.
 */
import xxhash, { type XXHashAPI } from "xxhash-wasm";

/** Version of the canonical forms and hash parameters; stored in snapshot headers. */
export const FINGERPRINT_VERSION = 1;

/** xxh64 seed of both hashes: 0, xxHash's default, so `xxhsum -H64` over the canonical UTF-8 bytes reproduces them. */
export const HASH_SEED = 0n;

/** Nesting limit of a payload; deeper values (or cycles) are rejected, not overflowed. */
export const MAX_DEPTH = 256;

export class CanonicalizeError extends Error {
  override readonly name = "CanonicalizeError";

  /** `path`: where the offending value sits, from the payload root (object keys, array indexes). */
  constructor(
    readonly problem: string,
    readonly path: readonly (string | number)[] = [],
  ) {
    super(`Cannot fingerprint the payload: ${problem} at ${formatPath(path)}.`);
  }

  /** The same problem seen one level further out. */
  within(segment: string | number): CanonicalizeError {
    return new CanonicalizeError(this.problem, [segment, ...this.path]);
  }
}

export class KeyError extends Error {
  override readonly name = "KeyError";
}

function formatPath(path: readonly (string | number)[]): string {
  return "$" + path.map((segment) => (typeof segment === "number" ? `[${segment}]` : `.${segment}`)).join("");
}

/** The canonical string of a payload (see the module comment); throws `CanonicalizeError`. */
export function canonicalize(value: unknown): string {
  return canonicalValue(value, 0);
}

function canonicalValue(value: unknown, depth: number): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalizeError(`non-finite number ${String(value)}`);
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return `"${value.toString()}"`;
    case "object":
      if (value === null) return "null";
      if (depth >= MAX_DEPTH) throw new CanonicalizeError(`nesting deeper than ${MAX_DEPTH} levels (or a cycle)`);
      if (Array.isArray(value)) return canonicalArray(value, depth + 1);
      if (value instanceof Date) return canonicalDate(value);
      if (isPlainObject(value)) return canonicalObject(value, depth + 1);
      throw new CanonicalizeError(`unsupported object ${Object.prototype.toString.call(value)}`);
    default:
      throw new CanonicalizeError(`unsupported ${typeof value}`);
  }
}

function canonicalArray(values: readonly unknown[], depth: number): string {
  let out = "[";
  for (let index = 0; index < values.length; index++) {
    const item: unknown = values[index];
    if (index > 0) out += ",";
    try {
      if (item === undefined) throw new CanonicalizeError("undefined array element");
      out += canonicalValue(item, depth);
    } catch (error) {
      throw error instanceof CanonicalizeError ? error.within(index) : error;
    }
  }
  return out + "]";
}

function canonicalObject(object: Record<string, unknown>, depth: number): string {
  const keys = Object.keys(object);
  const order = depth === 1 ? topLevelOrder(keys) : keyOrder(keys);
  let out = "{";
  let key = "";
  try {
    for (let index = 0; index < order.keys.length; index++) {
      key = order.keys[index] ?? "";
      const item = object[key];
      if (item === undefined) continue;
      if (out.length > 1) out += ",";
      out += (order.prefixes[index] ?? "") + canonicalValue(item, depth);
    }
  } catch (error) {
    throw error instanceof CanonicalizeError ? error.within(key) : error;
  }
  return out + "}";
}

/**
 * `canonicalize` specialised for the payloads of one mapping, which always have the same keys:
 * they are sorted and escaped once instead of on every row. For a payload whose keys are among
 * `keys`, the result is exactly `canonicalize(payload)` (property-tested).
 */
export function payloadCanonicalizer(keys: readonly string[]): (payload: Readonly<Record<string, unknown>>) => string {
  const order = keyOrder([...keys]);
  return (payload) => {
    let out = "{";
    for (let index = 0; index < order.keys.length; index++) {
      const key = order.keys[index] ?? "";
      const item = payload[key];
      if (item === undefined) continue;
      if (out.length > 1) out += ",";
      try {
        out += (order.prefixes[index] ?? "") + canonicalValue(item, 1);
      } catch (error) {
        throw error instanceof CanonicalizeError ? error.within(key) : error;
      }
    }
    return out + "}";
  };
}

/** An object's keys in canonical order, each with its escaped `"key":` prefix. */
type KeyOrder = { readonly keys: readonly string[]; readonly prefixes: readonly string[] };

function keyOrder(keys: string[]): KeyOrder {
  // Default sort compares UTF-16 code units, as RFC 8785 requires.
  const sorted = keys.sort();
  return { keys: sorted, prefixes: sorted.map((key) => `${JSON.stringify(key)}:`) };
}

/**
 * The top-level payloads of one model share their keys (one per mapped field), so the order of
 * the last top-level key list is remembered: sorting and escaping keys was half the cost of a
 * fingerprint. Pure memo — the result never depends on it.
 */
let lastTopLevel: { keys: readonly string[]; order: KeyOrder } = { keys: [], order: { keys: [], prefixes: [] } };

function topLevelOrder(keys: string[]): KeyOrder {
  const last = lastTopLevel.keys;
  let same = keys.length === last.length;
  for (let index = 0; same && index < keys.length; index++) same = keys[index] === last[index];
  if (same) return lastTopLevel.order;
  lastTopLevel = { keys, order: keyOrder([...keys]) };
  return lastTopLevel.order;
}

function canonicalDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new CanonicalizeError("invalid Date");
  return `"${date.toISOString()}"`;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The canonical text of a primary key (see the module comment); throws `KeyError`. */
export function canonicalKey(key: string | number): string {
  if (typeof key === "number") {
    if (!Number.isSafeInteger(key)) {
      throw new KeyError(`Key ${String(key)} is not a safe integer; read such keys as strings.`);
    }
    return String(key);
  }
  if (!key.isWellFormed()) throw new KeyError("Key text contains a lone UTF-16 surrogate.");
  return key;
}

/** Plain functions (no `this`), safe to destructure and pass around. */
export type Hasher = {
  /** xxh64 of `canonicalize(payload)`; equal payloads (per the canonical form) give equal fingerprints. */
  readonly fingerprint: (payload: unknown) => bigint;
  /** xxh64 of `canonicalKey(key)`; `1` and `"1"` hash the same. */
  readonly keyHash: (key: string | number) => bigint;
  /** xxh64 of a canonical string made elsewhere (`payloadCanonicalizer`): the same as `fingerprint` of its payload. */
  readonly hashCanonical: (canonical: string) => bigint;
  /** xxh64 of raw bytes (a source's own row text, see `ScanChunk`). */
  readonly hashBytes: (bytes: Uint8Array) => bigint;
};

let api: Promise<XXHashAPI> | undefined;

/** Loads the xxh64 WebAssembly module once per process; a failed load is retried on the next call. */
function loadXxhash(): Promise<XXHashAPI> {
  api ??= xxhash().catch((error: unknown) => {
    api = undefined;
    throw error;
  });
  return api;
}

export async function createHasher(): Promise<Hasher> {
  const xxh = await loadXxhash();
  return {
    fingerprint: (payload) => xxh.h64(canonicalize(payload), HASH_SEED),
    keyHash: (key) => xxh.h64(canonicalKey(key), HASH_SEED),
    hashCanonical: (canonical) => xxh.h64(canonical, HASH_SEED),
    hashBytes: (bytes) => xxh.h64Raw(bytes, HASH_SEED),
  };
}
