/**
 * `check` against endpoints on 127.0.0.1 with the real snowflake-sdk (pointed there with
 * `accessUrl`): a server that never answers, a closed port, and a fake sign-in endpoint that
 * refuses the password. Nothing may leave 127.0.0.0/8.
 */
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { jsonServer, useLoopbackGuard } from "@/test/loopback";
import { expectEndpointRefused, expectEndpointTimeout } from "@/test/source-checks";
import { checkSnowflake } from "./check";
import { ZSnowflakeConfig } from "./config";

const config = ZSnowflakeConfig.parse({
  auth: "password",
  account: "acme-test",
  username: "SLUICE",
  password: "not-a-real-password",
  warehouse: "WH",
  database: "ANALYTICS",
  role: "SLUICE_READER",
});
const TIMEOUT_MS = 1_500;

useLoopbackGuard();

describe("snowflake check on an unreachable account", () => {
  it("gives up on a server that never answers within the time limit", async () => {
    await expectEndpointTimeout((server) => checkSnowflake(config, { accessUrl: server.url, timeoutMs: TIMEOUT_MS }), { timeoutMs: TIMEOUT_MS });
  });

  it("says the connection was refused on a closed port, at once", async () => {
    await expectEndpointRefused(({ url }) => checkSnowflake(config, { accessUrl: url, timeoutMs: TIMEOUT_MS }), TIMEOUT_MS);
  });
});

describe("snowflake check against a fake sign-in endpoint", () => {
  it("reports a refused password in words, with the user's name", async () => {
    const server = await jsonServer(() => ({
      status: 200,
      body: {
        data: { nextAction: "RETRY_LOGIN", authnMethod: "USERNAME_PASSWORD" },
        code: "390100",
        message: "Incorrect username or password was specified.",
        success: false,
        headers: null,
      },
    }));
    try {
      const result = await checkSnowflake(config, { accessUrl: server.url, timeoutMs: TIMEOUT_MS });
      expect(result).toEqual({ ok: false, code: "auth_failed", message: "Snowflake rejected the username or password of SLUICE." });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.method).toBe("POST");
      expect(server.requests[0]?.url).toMatch(/^\/session\/v1\/login-request\?/);
      expect(JSON.parse(server.requests[0]?.body ?? "{}")).toMatchObject({ data: { ACCOUNT_NAME: "acme-test", LOGIN_NAME: "SLUICE" } });
    } finally {
      await server.close();
    }
  });

  it("signs in with an encrypted key pair pasted on one line, and explains a key Snowflake refuses", async () => {
    const { privateKey } = crypto.generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "open sesame" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const keyPair = ZSnowflakeConfig.parse({
      auth: "key_pair",
      account: "acme-test",
      username: "SLUICE",
      privateKey: privateKey.replace(/\n/g, ""),
      privateKeyPassphrase: "open sesame",
      warehouse: "WH",
      database: "ANALYTICS",
    });
    const server = await jsonServer(() => ({
      status: 200,
      body: { data: null, code: "390144", message: "JWT token is invalid. [7fb87e37-2f26-4a10-9f9c-72276ea898bf]", success: false, headers: null },
    }));
    try {
      expect(await checkSnowflake(keyPair, { accessUrl: server.url, timeoutMs: TIMEOUT_MS })).toEqual({
        ok: false,
        code: "auth_failed",
        message: "Snowflake rejected the key pair of SLUICE: the user's RSA_PUBLIC_KEY must match this private key.",
      });
      const login = JSON.parse(server.requests[0]?.body ?? "{}") as { data?: { AUTHENTICATOR?: string; TOKEN?: string; PASSWORD?: string } };
      expect(login.data?.AUTHENTICATOR).toBe("SNOWFLAKE_JWT");
      expect(login.data?.TOKEN).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(login.data).not.toHaveProperty("PASSWORD");
    } finally {
      await server.close();
    }
  });
});
