/**
 * Scratch databases on the Postgres server of DATABASE_URL: randomly named, dropped (WITH FORCE,
 * so open connections do not keep them alive) when the bench's scope closes.
 */
import crypto from "node:crypto";
import postgres from "postgres";
import type { TPostgresConfig } from "@/server/sources/postgres/config";
import type { Scope } from "./scope";

export type PostgresClient = ReturnType<typeof postgres>;

export type ScratchDatabase = {
  name: string;
  /** A client on the scratch database, for setup and checks. */
  sql: PostgresClient;
  /** The connection settings a Postgres source or destination needs to reach it. */
  config: TPostgresConfig;
};

function urlFor(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The source/destination settings reaching `database` as DATABASE_URL's user, TLS as the URL asks. */
export function connectionConfig(databaseUrl: string, database: string): TPostgresConfig {
  const url = new URL(databaseUrl);
  const sslmode = url.searchParams.get("sslmode");
  return {
    host: url.hostname || "127.0.0.1",
    port: url.port === "" ? 5432 : Number(url.port),
    database,
    user: decodeURIComponent(url.username) || "postgres",
    password: decodeURIComponent(url.password),
    sslMode: sslmode === "require" || sslmode === "verify-full" ? sslmode : "disable",
  };
}

export async function createScratchDatabase(databaseUrl: string, prefix: string, scope: Scope): Promise<ScratchDatabase> {
  const name = `${prefix}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const sql = postgres(urlFor(databaseUrl, name), { max: 2, onnotice: () => {} });
  scope.defer(`drop the scratch database ${name}`, async () => {
    await sql.end({ timeout: 1 });
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end({ timeout: 1 });
  });
  return { name, sql, config: connectionConfig(databaseUrl, name) };
}
