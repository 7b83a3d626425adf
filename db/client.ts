/**
 * Opens the app database: a real Postgres server through postgres.js when a URL is given,
 * otherwise an embedded PGlite (in a folder, or in memory for tests). Both are migrated
 * before they are returned and expose the same Drizzle query builder.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string }
  | { kind: "pglite-memory" };

export type Database =
  | { kind: "postgres"; db: Db; url: string; close: () => Promise<void> }
  | { kind: "pglite"; db: Db; client: PGlite; close: () => Promise<void> };

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "postgres") {
    const sql = postgres(target.url, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres(sql, { schema });
    await migratePostgres(db, { migrationsFolder });
    return { kind: "postgres", db, url: target.url, close: () => sql.end() };
  }
  if (target.kind === "pglite") fs.mkdirSync(target.dataDir, { recursive: true });
  const client = target.kind === "pglite" ? new PGlite(target.dataDir) : new PGlite();
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return { kind: "pglite", db, client, close: () => client.close() };
}
