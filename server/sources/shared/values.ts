/** JSON-safe cells from what the drivers return, and unique column names. Pure. */
import type { CellValue } from "../types";

/**
 * Any driver value → a JSON-safe cell: Buffers as base64, non-finite numbers and bigints as
 * strings, Dates as ISO strings. For drivers opened so that exact numbers arrive as text
 * (Postgres, MySQL); the cloud connectors use `toCell`, which keeps safe integers as numbers.
 */
export function toJsonCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(toJsonCell);
  if (typeof value === "object") {
    const out: { [key: string]: CellValue } = {};
    for (const [key, inner] of Object.entries(value)) setCell(out, key, toJsonCell(inner));
    return out;
  }
  return null; // functions and symbols: never produced by a driver
}

/** JSON text as a cell; text that is not JSON stays the text it is. */
export function parseJsonCell(text: string): CellValue {
  try {
    return toJsonCell(JSON.parse(text));
  } catch {
    return text;
  }
}

/** An integer as Sluice keeps it: a number when exact, else its decimal string. */
export function integerCell(value: string | number | bigint): CellValue {
  if (typeof value === "number") {
    if (Number.isSafeInteger(value)) return value;
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  const big = typeof value === "bigint" ? value : BigInt(value);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString();
}

/** A float as a JSON number; NaN and infinities, which JSON cannot hold, as strings. */
export function floatCell(value: string | number): CellValue {
  const number = typeof value === "number" ? value : Number(value);
  return Number.isFinite(number) ? number : String(value);
}

/** Any driver value made JSON-safe: dates to ISO strings, bytes to base64, big integers exact. */
export function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return integerCell(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(toCell);
  if (value instanceof Map) {
    return Object.fromEntries([...value.entries()].map(([key, item]) => [String(key), toCell(item)]));
  }
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toCell(item)]));
  }
  return typeof value === "symbol" ? value.toString() : null;
}

/** Column names made unique (`id`, `id_2`, …) so rows keyed by name lose nothing. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; seen.has(candidate); n++) candidate = `${name}_${n}`;
    seen.add(candidate);
    return candidate;
  });
}

/** Assigns own properties safely, also for a column named "__proto__". */
export function setCell(target: Record<string, CellValue>, key: string, value: CellValue): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
