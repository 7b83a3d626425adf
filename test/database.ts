/**
 * The database an integration test file works in: this run's Postgres database when
 * TEST_DATABASE_URL is set (shared by all files, so tests isolate themselves with their own
 * users and workspaces), else a fresh in-memory PGlite for this file alone.
 */
import { afterAll, beforeAll, inject } from "vitest";
import { openDatabase, type Database, type Db } from "@/db/client";

export function openTestDatabase(): Promise<Database> {
  const url = inject("testDatabaseUrl");
  return openDatabase(url ? { kind: "postgres", url } : { kind: "pglite-memory" });
}

/**
 * Opens the test database before the file's tests and closes it after them. Returns a getter
 * because the database only exists once `beforeAll` has run.
 */
export function useTestDatabase(): () => Db {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  return () => {
    if (!database) throw new Error("The test database is opened in beforeAll; use it inside tests or hooks.");
    return database.db;
  };
}
