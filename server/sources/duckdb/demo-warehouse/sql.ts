/**
 * Helpers that write DuckDB SQL text. Inputs are the constants of `vocabulary.ts` or numbers the
 * generator computed, never user input; strings are still quoted properly.
 */
import { type Weighted } from "./vocabulary";

export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlList(values: readonly string[]): string {
  return `[${values.map(sqlString).join(", ")}]`;
}

export function sqlInt(value: number | bigint): string {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new Error(`Not an integer: ${value}`);
  }
  return value.toString();
}

/** A 1-based pick from a list literal using a non-negative integer expression. */
export function pickFrom(values: readonly string[], intExpr: string): string {
  return `${sqlList(values)}[1 + (${intExpr}) % ${values.length}]`;
}

/**
 * `CASE` choosing a value by weight from `uColumn`, which must hold an integer uniform in
 * [0, sum of weights). Use a plain column (not a macro call) so it is computed once.
 */
export function weightedCase(uColumn: string, choices: Weighted): string {
  let cumulative = 0;
  const branches: string[] = [];
  choices.forEach(([value, weight], index) => {
    cumulative += weight;
    if (index < choices.length - 1) branches.push(`WHEN ${uColumn} < ${cumulative} THEN ${sqlString(value)}`);
    else branches.push(`ELSE ${sqlString(value)}`);
  });
  return `(CASE ${branches.join(" ")} END)`;
}

export function totalWeight(choices: Weighted): number {
  return choices.reduce((sum, [, weight]) => sum + weight, 0);
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Parameters of a bijection x -> (x * a + b) % n on [0, n), used to decorrelate skew from ids. */
function permutation(n: number, seed: number): { a: number; b: number } {
  let a = Math.max(1, Math.floor(n * 0.6180339887) + seed);
  while (gcd(a, n) !== 1) a += 1;
  return { a, b: (seed * 7919) % n };
}

/** SQL for the permutation of [0, n) chosen by `seed`, applied to `xExpr`. */
export function permute(xExpr: string, n: number, seed: number): string {
  const { a, b } = permutation(n, seed);
  return `((${xExpr}) * ${a} + ${b}) % ${n}`;
}

/** A TIMESTAMP `offsetExpr` seconds before `anchorS` (Unix seconds). */
export function ts(offsetExpr: string, anchorS: number): string {
  return `make_timestamp(((${anchorS} - (${offsetExpr}))::BIGINT) * 1000000)`;
}

/**
 * Temporary macros every generator query relies on: `ru(i, s)` is a uniform 32-bit integer,
 * `rnd(i, s)` a uniform DOUBLE in [0, 1) and `ru64(i, s)` an unsigned 64-bit integer, all pure functions of
 * (row i, salt s).
 *
 * Integer hash of (row, salt) -> uniform 32-bit value: Weyl step followed by the "lowbias32"
 * finaliser. All intermediate products stay below 2^64 in UBIGINT, so nothing can overflow, and
 * the result does not depend on DuckDB's internal hash function.
 */
export const MACROS = `
CREATE OR REPLACE TEMP MACRO _mix0(i, s) AS ((i::UBIGINT * 2654435761 + s::UBIGINT * 2246822519 + 3266489917) & 4294967295);
CREATE OR REPLACE TEMP MACRO _mix1(x) AS ((xor(x, x >> 16) * 2146121005) & 4294967295);
CREATE OR REPLACE TEMP MACRO _mix2(x) AS ((xor(x, x >> 15) * 2221713035) & 4294967295);
CREATE OR REPLACE TEMP MACRO _mix3(x) AS xor(x, x >> 16);
CREATE OR REPLACE TEMP MACRO ru(i, s) AS _mix3(_mix2(_mix1(_mix0(i, s))))::BIGINT;
CREATE OR REPLACE TEMP MACRO rnd(i, s) AS (ru(i, s)::DOUBLE / 4294967296.0);
CREATE OR REPLACE TEMP MACRO ru64(i, s) AS ((ru(i, s)::UBIGINT << 32) | ru(i, s + 1)::UBIGINT);
`;
