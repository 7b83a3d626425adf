/**
 * The process-wide app database, opened (and migrated) once from the environment:
 * DATABASE_URL -> that Postgres server; unset -> embedded PGlite in `<data dir>/pglite`.
 * Kept on globalThis so dev hot reloads reuse one PGlite (it must never be opened twice).
 */
import path from "node:path";
import { getEnv } from "@/env";
import { openDatabase, type Database, type Db } from "./client";

const globalForDb = globalThis as typeof globalThis & { sluiceDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  globalForDb.sluiceDatabase ??= (() => {
    const env = getEnv();
    return openDatabase(
      env.DATABASE_URL
        ? { kind: "postgres", url: env.DATABASE_URL }
        : { kind: "pglite", dataDir: path.join(env.SLUICE_DATA_DIR, "pglite") },
    );
  })();
  return globalForDb.sluiceDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

export type { Db } from "./client";
