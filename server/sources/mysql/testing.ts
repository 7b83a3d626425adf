/**
 * Helpers for the MySQL integration tests (not used by the app). Everything they start or
 * create is local (127.0.0.1), uniquely named, and removed by the `stop`/`drop` they return.
 *
 * - `createScratchDatabase`: a database of its own on the local MariaDB (127.0.0.1:3306, root).
 * - `startTlsServer`: a throwaway MariaDB (mariadb-install-db) with TLS and
 *   require_secure_transport, because the local server has TLS disabled. Needs the MariaDB
 *   server binaries and openssl; when run as root the server runs as the `mysql` OS user.
 * `uniqueName` is shared with the Postgres tests; TCP helpers come from test/loopback.ts.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import mysql from "mysql2/promise";
import { closedPort } from "@/test/loopback";
import { uniqueName } from "../postgres/testing";
import type { TMysqlConfig } from "./config";

export { uniqueName } from "../postgres/testing";

const run = promisify(execFile);

export const LOCAL_SERVER = { host: "127.0.0.1", port: 3306, user: "root", password: "" } as const;

export type ScratchDatabase = {
  name: string;
  config: TMysqlConfig;
  /** A root connection on the scratch database (several statements per query allowed), for setup. */
  sql: mysql.Connection;
  drop(): Promise<void>;
};

/** A new empty database; `drop` removes it and the users named in `users` (created at '%'). */
export async function createScratchDatabase(users: string[] = []): Promise<ScratchDatabase> {
  const name = uniqueName("sluice_my");
  const sql = await mysql.createConnection({ ...LOCAL_SERVER, multipleStatements: true });
  await sql.query(`CREATE DATABASE \`${name}\``);
  await sql.query(`USE \`${name}\``);
  return {
    name,
    config: { ...LOCAL_SERVER, database: name, sslMode: "disable" },
    sql,
    async drop() {
      await sql.query(`DROP DATABASE IF EXISTS \`${name}\``);
      for (const user of users) await sql.query("DROP USER IF EXISTS ?@'%'", [user]);
      await sql.end();
    },
  };
}

export type TlsServer = { port: number; certificate: string; stop(): Promise<void> };

async function installed(binary: string): Promise<boolean> {
  try {
    await run("sh", ["-c", `command -v ${binary}`]);
    return true;
  } catch {
    return false;
  }
}

/** Whether `startTlsServer` can run here. */
export async function tlsServerAvailable(): Promise<boolean> {
  return (await installed("mariadb-install-db")) && (await installed("mariadbd")) && (await installed("openssl"));
}

/**
 * A MariaDB that only accepts encrypted connections, with a user `sluice`@'%' (password
 * `password`) allowed everything, and a self-signed certificate for localhost and 127.0.0.1.
 */
export async function startTlsServer(): Promise<TlsServer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sluice-mariadb-"));
  const asRoot = process.getuid?.() === 0;
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  await run("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert,
  ]);
  if (asRoot) await run("chown", ["-R", "mysql", dir]);
  const data = path.join(dir, "data");
  const common = ["--no-defaults", `--datadir=${data}`, "--innodb-log-file-size=4M"];
  await run("mariadb-install-db", [...common, "--skip-test-db", "--auth-root-authentication-method=normal", ...(asRoot ? ["--user=mysql"] : [])]);
  const port = await closedPort();
  const args = [
    ...common, `--port=${port}`, "--bind-address=127.0.0.1", `--socket=${path.join(dir, "sock")}`,
    `--pid-file=${path.join(dir, "pid")}`, `--ssl-cert=${cert}`, `--ssl-key=${key}`, "--require-secure-transport=ON",
    "--skip-log-bin", "--skip-name-resolve", "--innodb-buffer-pool-size=16M",
  ];
  const server: ChildProcess = asRoot
    ? spawn("runuser", ["-u", "mysql", "--", "mariadbd", ...args], { stdio: "ignore" })
    : spawn("mariadbd", args, { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));

  const stop = async () => {
    // The server's own pid (runuser's child); its exit ends runuser too. SIGKILL: the data is
    // thrown away, so there is nothing to shut down cleanly.
    const pid = Number(await fs.readFile(path.join(dir, "pid"), "utf8").catch(() => ""));
    if (pid > 0) process.kill(pid, "SIGKILL");
    else server.kill("SIGKILL");
    await exited;
    await fs.rm(dir, { recursive: true, force: true });
  };
  try {
    const root = await connectWhenUp(port);
    await root.query("CREATE USER 'sluice'@'%' IDENTIFIED BY 'password'");
    await root.query("GRANT ALL ON *.* TO 'sluice'@'%'");
    await root.end();
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, certificate: await fs.readFile(cert, "utf8"), stop };
}

async function connectWhenUp(port: number): Promise<mysql.Connection> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await mysql.createConnection({ host: "127.0.0.1", port, user: "root", ssl: { rejectUnauthorized: false } });
    } catch (error) {
      if (attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
