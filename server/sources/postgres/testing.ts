/**
 * Helpers for the Postgres integration tests (not used by the app). Everything they start or
 * create is local (127.0.0.1), uniquely named, and removed by the `stop`/`drop` they return.
 *
 * - `createScratchDatabase`: a database of its own on the local server (127.0.0.1:5432, trust).
 * - `startPasswordCluster`: a throwaway Postgres cluster (initdb) that enforces scram-sha-256
 *   passwords and TLS-only connections, because the local server trusts every local connection
 *   and so can never reject a password. Needs the Postgres server binaries (pg_config) and
 *   openssl; when run as root the cluster runs as the `postgres` OS user.
 * Ports nobody listens on and servers that never answer come from test/loopback.ts.
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { closedPort } from "@/test/loopback";
import type { TPostgresConfig } from "./config";

const run = promisify(execFile);

export const LOCAL_SERVER = { host: "127.0.0.1", port: 5432, user: "postgres" } as const;

export function uniqueName(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(5).toString("hex")}`;
}

export function adminClient(database = "postgres") {
  return postgres({ ...LOCAL_SERVER, database, max: 2, onnotice: () => {} });
}

export type ScratchDatabase = {
  name: string;
  config: TPostgresConfig;
  /** A superuser client on the scratch database, for setup and assertions. */
  sql: ReturnType<typeof adminClient>;
  drop(): Promise<void>;
};

/** A new empty database; `drop` removes it and any roles named in `roles`. */
export async function createScratchDatabase(roles: string[] = []): Promise<ScratchDatabase> {
  const name = uniqueName("sluice_pg");
  const admin = adminClient();
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const sql = adminClient(name);
  return {
    name,
    config: { ...LOCAL_SERVER, database: name, password: "", sslMode: "disable" },
    sql,
    async drop() {
      await sql.end({ timeout: 1 });
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      for (const role of roles) await admin.unsafe(`DROP ROLE IF EXISTS "${role}"`);
      await admin.end({ timeout: 1 });
    },
  };
}

export type PasswordCluster = {
  port: number;
  password: string;
  /** PEM of the cluster's self-signed certificate (its own CA), issued for 127.0.0.1. */
  certificate: string;
  stop(): Promise<void>;
};

async function serverBinaries(): Promise<string | undefined> {
  try {
    const { stdout } = await run("pg_config", ["--bindir"]);
    const bin = stdout.trim();
    await fs.access(path.join(bin, "initdb"));
    return bin;
  } catch {
    return undefined;
  }
}

/** Whether `startPasswordCluster` can run here (Postgres server binaries and openssl present). */
export async function passwordClusterAvailable(): Promise<boolean> {
  if ((await serverBinaries()) === undefined) return false;
  try {
    await run("openssl", ["version"]);
    return true;
  } catch {
    return false;
  }
}

export async function startPasswordCluster(): Promise<PasswordCluster> {
  const bin = await serverBinaries();
  if (bin === undefined) throw new Error("Postgres server binaries (pg_config --bindir) are not installed.");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sluice-pg-cluster-"));
  const password = crypto.randomBytes(12).toString("base64url");
  // initdb refuses to run as root; then the cluster belongs to the postgres OS user.
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? Number((await run("id", ["-u", "postgres"])).stdout.trim()) : undefined;
  const exec = (file: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", file, ...args]) : run(file, args);

  const key = path.join(dir, "server.key");
  const cert = path.join(dir, "server.crt");
  await run("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert,
  ]);
  await fs.writeFile(path.join(dir, "password"), password);
  await fs.chmod(key, 0o600);
  if (owner !== undefined) {
    for (const file of [dir, key, cert, path.join(dir, "password")]) await fs.chown(file, owner, owner);
  }

  const data = path.join(dir, "data");
  await exec(path.join(bin, "initdb"), [
    "-D", data, "-U", "postgres", "-A", "scram-sha-256", `--pwfile=${path.join(dir, "password")}`, "--no-sync", "-E", "UTF8",
  ]);
  await fs.writeFile(
    path.join(data, "pg_hba.conf"),
    "hostssl all all 127.0.0.1/32 scram-sha-256\nhostnossl all all 127.0.0.1/32 reject\n",
  );
  const port = await closedPort();
  const settings = [
    `-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", "-c ssl=on", `-c ssl_cert_file=${cert}`,
    `-c ssl_key_file=${key}`, "-c fsync=off", "-c max_connections=20",
  ].join(" ");
  const pgCtl = path.join(bin, "pg_ctl");
  await exec(pgCtl, ["-D", data, "-w", "-s", "-l", path.join(dir, "log"), "-o", settings, "start"]);
  return {
    port,
    password,
    certificate: await fs.readFile(cert, "utf8"),
    async stop() {
      await exec(pgCtl, ["-D", data, "-w", "-s", "-m", "immediate", "stop"]).catch(() => undefined);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
