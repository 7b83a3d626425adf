/**
 * `check` against real servers: the local Postgres (trust auth, no TLS), a throwaway cluster
 * that enforces passwords and TLS, and local TCP tricks. No traffic leaves the machine: the
 * unknown host has a 64-character label, which the resolver rejects without asking DNS.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectServerHostNotFound, expectServerRefused, expectServerTimeout } from "@/test/source-checks";
import type { TPostgresConfig } from "./config";
import { checkPostgres, postgresSource } from "./index";
import {
  createScratchDatabase,
  type PasswordCluster,
  passwordClusterAvailable,
  type ScratchDatabase,
  startPasswordCluster,
  uniqueName,
} from "./testing";

const noConnect = uniqueName("sluice_noconnect");
const noLogin = uniqueName("sluice_nologin");
let db: ScratchDatabase;

beforeAll(async () => {
  db = await createScratchDatabase([noConnect, noLogin]);
  await db.sql.unsafe(`CREATE ROLE "${noConnect}" LOGIN`);
  await db.sql.unsafe(`CREATE ROLE "${noLogin}" NOLOGIN`);
  await db.sql.unsafe(`REVOKE CONNECT ON DATABASE "${db.name}" FROM PUBLIC`);
  await db.sql.unsafe("CREATE SCHEMA private_stuff");
  await db.sql.unsafe(`GRANT CONNECT ON DATABASE "${db.name}" TO "${noLogin}"`);
});

afterAll(async () => {
  await postgresSource.close();
  await db.drop();
});

describe("check on the local server", () => {
  it("accepts a working configuration", async () => {
    await expect(postgresSource.check(db.config)).resolves.toEqual({ ok: true });
  });

  it("reports invalid settings without connecting", async () => {
    const result = await postgresSource.check({ ...db.config, port: 70_000 });
    expect(result).toMatchObject({ ok: false, code: "invalid_config" });
    expect(result.ok || result.message).toMatch(/^port: /);
  });

  it("reports a port nobody listens on", async () => {
    await expectServerRefused((port) => postgresSource.check({ ...db.config, port }));
  });

  it("reports a host that does not resolve", async () => {
    await expectServerHostNotFound((host) => postgresSource.check({ ...db.config, host }));
  });

  it("reports a database that does not exist", async () => {
    const result = await postgresSource.check({ ...db.config, database: `${db.name}_missing` });
    expect(result).toEqual({
      ok: false,
      code: "database_not_found",
      message: `The database "${db.name}_missing" does not exist on 127.0.0.1:5432.`,
    });
  });

  it("reports a user without the CONNECT privilege and a role that may not log in", async () => {
    const denied = await postgresSource.check({ ...db.config, user: noConnect });
    expect(denied).toEqual({
      ok: false,
      code: "permission_denied",
      message: `User "${noConnect}" may not connect to database "${db.name}" (it lacks the CONNECT privilege).`,
    });
    const noLoginResult = await postgresSource.check({ ...db.config, user: noLogin });
    expect(noLoginResult).toMatchObject({ ok: false, code: "permission_denied" });
    expect(noLoginResult.ok || noLoginResult.message).toContain("NOLOGIN");
  });

  it("checks the schema filter: missing schemas and schemas the user may not use", async () => {
    const missing = await postgresSource.check({ ...db.config, schemas: "public, nowhere" });
    expect(missing).toMatchObject({ ok: false, code: "invalid_config" });
    expect(missing.ok || missing.message).toContain('Schema "nowhere" does not exist');

    const reader = uniqueName("sluice_reader");
    await db.sql.unsafe(`CREATE ROLE "${reader}" LOGIN`);
    await db.sql.unsafe(`GRANT CONNECT ON DATABASE "${db.name}" TO "${reader}"`);
    try {
      const denied = await postgresSource.check({ ...db.config, user: reader, schemas: "public,private_stuff" });
      expect(denied).toEqual({
        ok: false,
        code: "permission_denied",
        message: `User "${reader}" may not use schema "private_stuff" (it lacks the USAGE privilege).`,
      });
    } finally {
      await db.sql.unsafe(`REVOKE CONNECT ON DATABASE "${db.name}" FROM "${reader}"`);
      await db.sql.unsafe(`DROP ROLE "${reader}"`);
    }
  });

  it("explains that a server without TLS needs SSL mode disable", async () => {
    const result = await postgresSource.check({ ...db.config, sslMode: "require" });
    expect(result).toEqual({
      ok: false,
      code: "tls_required",
      message: 'The server does not support TLS: set SSL mode to "disable" (only on a trusted network, e.g. a local server).',
    });
  });

  it("times out against a server that never answers, within the limit it was given", async () => {
    await expectServerTimeout((port, timeoutMs) => checkPostgres({ ...db.config, port }, timeoutMs));
  });
});

describe.skipIf(!(await passwordClusterAvailable()))("check on a server that enforces passwords and TLS", () => {
  let cluster: PasswordCluster;
  let config: TPostgresConfig;

  beforeAll(async () => {
    cluster = await startPasswordCluster();
    config = {
      host: "127.0.0.1",
      port: cluster.port,
      database: "postgres",
      user: "postgres",
      password: cluster.password,
      sslMode: "require",
    };
  });

  afterAll(async () => {
    await cluster.stop();
  });

  it("accepts the right password over TLS", async () => {
    await expect(postgresSource.check(config)).resolves.toEqual({ ok: true });
  });

  it("reports a wrong password", async () => {
    await expect(postgresSource.check({ ...config, password: "wrong" })).resolves.toEqual({
      ok: false,
      code: "auth_failed",
      message: 'The password for user "postgres" was rejected (Postgres answers the same when the user does not exist).',
    });
  });

  it("reports that the server requires TLS when SSL mode is disable", async () => {
    await expect(postgresSource.check({ ...config, sslMode: "disable" })).resolves.toEqual({
      ok: false,
      code: "tls_required",
      message: 'The server only accepts encrypted connections: set SSL mode to "require" or "verify-full".',
    });
  });

  it("verifies the certificate with verify-full: refused without its CA, accepted with it", async () => {
    const unverified = await postgresSource.check({ ...config, sslMode: "verify-full" });
    expect(unverified).toMatchObject({ ok: false, code: "tls_required" });
    expect(unverified.ok || unverified.message).toContain("TLS certificate could not be verified");
    const pasted = cluster.certificate.replace(/\n/g, " ");
    await expect(postgresSource.check({ ...config, sslMode: "verify-full", sslRootCert: pasted })).resolves.toEqual({ ok: true });
  });
});
