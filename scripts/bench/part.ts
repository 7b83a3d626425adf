/**
 * The contract of a bench part (`npm run bench -- --only <name>`): what it is handed and how it
 * reports. Each measurement is one JSON line on stdout (`emit`), with `"bench": "<part>"`;
 * everything for people goes to stderr (`log`), so stdout stays machine-readable.
 */
import type { ParseArgsOptionsConfig } from "node:util";
import type { Db } from "@/db/client";
import type { Scope } from "./scope";

/** One JSON line of stdout. */
export type Measurement = Record<string, string | number>;

export type BenchContext = {
  /** The app database (migrated). */
  db: Db;
  /** The Postgres server URL the app database lives on; scratch databases are created there. */
  databaseUrl: string;
  /** Rows of the model each part builds (`--rows`). */
  rows: number;
  /** Everything a part creates is registered here and removed at the end, also on Ctrl-C. */
  scope: Scope;
  emit: (measurement: Measurement) => void;
  log: (text: string) => void;
};

/** Option values as `node:util` parseArgs returns them. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export type BenchPart = {
  summary: string;
  /** The part's own command-line options (parsed strictly together with the common ones). */
  options: ParseArgsOptionsConfig;
  /**
   * Reads the part's options, throwing `UsageError` for bad ones before anything is created,
   * and returns the run.
   */
  plan: (values: OptionValues) => (context: BenchContext) => Promise<void>;
};

/** A repeatable string option as a list of allowed values; all of them when not given. */
export function choices<T extends string>(values: OptionValues, name: string, allowed: readonly T[]): T[] {
  const given = values[name];
  if (given === undefined) return [...allowed];
  const list = (Array.isArray(given) ? given : [given]).flatMap((value) => String(value).split(","));
  for (const value of list) {
    if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} ${value}: choose from ${allowed.join(", ")}.`);
  }
  return allowed.filter((value) => list.includes(value));
}

/** A mistake on the command line: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
