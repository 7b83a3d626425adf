/**
 * The split bucket (0–99) of a key, computed in JavaScript exactly as every warehouse computes
 * it in SQL (compile/sql-dialect.ts): the first 8 hex digits of md5(seed + ":" + key) as an
 * unsigned 32-bit number, mod 100. Lets the app tell which group a member is in without a query.
 */
import { createHash } from "node:crypto";

export function splitBucket(seed: string, key: string | number | bigint): number {
  const hex = createHash("md5").update(`${seed}:${String(key)}`, "utf8").digest("hex");
  return Number.parseInt(hex.slice(0, 8), 16) % 100;
}
