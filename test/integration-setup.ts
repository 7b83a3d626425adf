/**
 * Global setup of the integration project.
 *
 * With TEST_DATABASE_URL (a Postgres server we may administer) this run gets a database of its
 * own, created and migrated here once, handed to the test files as `testDatabaseUrl`, and
 * dropped at the end; runs never see each other's rows. Without it, `testDatabaseUrl` is null
 * and every test file opens its own in-memory PGlite (test/database.ts).
 */
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/db/client";

declare module "vitest" {
  interface ProvidedContext {
    /** The migrated database of this run, or null to use in-memory PGlite. */
    testDatabaseUrl: string | null;
  }
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    project.provide("testDatabaseUrl", null);
    return undefined;
  }

  const name = `sluice_it_${Date.now()}_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const dropDatabase = async () => {
    // force: a test file that forgot to close its pool must not keep the database alive.
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };

  const url = databaseUrl(serverUrl, name);
  const migrated = await openDatabase({ kind: "postgres", url }).catch(async (error: unknown) => {
    await dropDatabase();
    throw error;
  });
  await migrated.close();

  project.provide("testDatabaseUrl", url);
  return dropDatabase;
}
