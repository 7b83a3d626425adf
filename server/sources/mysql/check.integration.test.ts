/**
 * `check` against real servers: the local MariaDB (no TLS), a throwaway MariaDB that requires
 * TLS, and local TCP tricks. No traffic leaves the machine: the unknown host has a 64-character
 * label, which the resolver rejects without asking DNS; "localhost" comes from /etc/hosts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectServerHostNotFound, expectServerRefused, expectServerTimeout } from "@/test/source-checks";
import type { TMysqlConfig } from "./config";
import { checkMysql, mysqlSource } from "./index";
import {
  createScratchDatabase,
  type ScratchDatabase,
  startTlsServer,
  type TlsServer,
  tlsServerAvailable,
  uniqueName,
} from "./testing";

const analyst = uniqueName("sluice_analyst");
let db: ScratchDatabase;

beforeAll(async () => {
  db = await createScratchDatabase([analyst]);
  await db.sql.query("CREATE USER ?@'%' IDENTIFIED BY 'right-password'", [analyst]);
});

afterAll(async () => {
  await mysqlSource.close();
  await db.drop();
});

describe("check on the local server", () => {
  it("accepts a working configuration", async () => {
    await expect(mysqlSource.check(db.config)).resolves.toEqual({ ok: true });
  });

  it("reports invalid settings without connecting", async () => {
    await expect(mysqlSource.check({ ...db.config, database: " " })).resolves.toEqual({
      ok: false,
      code: "invalid_config",
      message: "database: Enter the database name",
    });
    const byIp = await mysqlSource.check({ ...db.config, sslMode: "verify-full" });
    expect(byIp).toMatchObject({ ok: false, code: "invalid_config" });
    expect(byIp.ok || byIp.message).toContain("needs the host name");
  });

  it("reports a port nobody listens on", async () => {
    await expectServerRefused((port) => mysqlSource.check({ ...db.config, port }));
  });

  it("reports a host that does not resolve", async () => {
    await expectServerHostNotFound((host) => mysqlSource.check({ ...db.config, host }));
  });

  it("reports a database that does not exist", async () => {
    await expect(mysqlSource.check({ ...db.config, database: `${db.name}_missing` })).resolves.toEqual({
      ok: false,
      code: "database_not_found",
      message: `The database "${db.name}_missing" does not exist on 127.0.0.1:3306.`,
    });
  });

  it("reports a wrong password", async () => {
    const result = await mysqlSource.check({ ...db.config, user: analyst, password: "wrong" });
    expect(result).toMatchObject({ ok: false, code: "auth_failed" });
    expect(result.ok || result.message).toMatch(new RegExp(`^The password for user "${analyst}" was rejected`));
  });

  it("reports a user without privileges on the database", async () => {
    await expect(mysqlSource.check({ ...db.config, user: analyst, password: "right-password" })).resolves.toEqual({
      ok: false,
      code: "permission_denied",
      message: `User "${analyst}" may not use database "${db.name}".`,
    });
  });

  it("checks the databases to list", async () => {
    const result = await mysqlSource.check({ ...db.config, schemas: `${db.name}, nowhere_${db.name}` });
    expect(result).toMatchObject({ ok: false, code: "invalid_config" });
    expect(result.ok || result.message).toContain(`Database "nowhere_${db.name}" does not exist, or user "root" has no privileges on it.`);
  });

  it("explains that a server without TLS needs SSL mode disable", async () => {
    await expect(mysqlSource.check({ ...db.config, sslMode: "require" })).resolves.toEqual({
      ok: false,
      code: "tls_required",
      message: 'The server does not support TLS: set SSL mode to "disable" (only on a trusted network, e.g. a local server).',
    });
  });

  it("times out against a server that never answers, within the limit it was given", async () => {
    await expectServerTimeout((port, timeoutMs) => checkMysql({ ...db.config, port }, timeoutMs));
  });
});

describe.skipIf(!(await tlsServerAvailable()))("check on a server that requires TLS", () => {
  let server: TlsServer | undefined;
  let config: TMysqlConfig;

  beforeAll(async () => {
    const started = await startTlsServer();
    server = started;
    config = { host: "127.0.0.1", port: started.port, database: "mysql", user: "sluice", password: "password", sslMode: "require" };
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("accepts the login over TLS", async () => {
    await expect(mysqlSource.check(config)).resolves.toEqual({ ok: true });
  });

  it("tells a plain connection refused for lack of TLS from a wrong password", async () => {
    const plain = await mysqlSource.check({ ...config, sslMode: "disable" });
    expect(plain).toMatchObject({ ok: false, code: "tls_required" });
    expect(plain.ok || plain.message).toContain("accepts the same login over TLS");
    const wrong = await mysqlSource.check({ ...config, sslMode: "disable", password: "wrong" });
    expect(wrong).toMatchObject({ ok: false, code: "auth_failed" });
  });

  it("verifies the certificate with verify-full: refused without its CA, accepted with it", async () => {
    const byName = { ...config, host: "localhost", sslMode: "verify-full" as const };
    const unverified = await mysqlSource.check(byName);
    expect(unverified).toMatchObject({ ok: false, code: "tls_required" });
    expect(unverified.ok || unverified.message).toContain("TLS certificate could not be verified");
    const pasted = server?.certificate.replace(/\n/g, " ");
    await expect(mysqlSource.check({ ...byName, sslRootCert: pasted })).resolves.toEqual({ ok: true });
  });
});
