import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const authSecret = crypto.randomBytes(32).toString("base64url");
const encryptionKey = crypto.randomBytes(32).toString("base64");

let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-env-"));
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("in production", () => {
  it("refuses to start without secrets, naming both variables and how to make them", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SLUICE_DATA_DIR: dataDir })).toThrow(
      "Sluice cannot start in production without AUTH_SECRET and SLUICE_ENCRYPTION_KEY. " +
        "Generate them with `openssl rand -base64 32`",
    );
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it("names only the secret that is missing", () => {
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: authSecret })).toThrow(
      /without SLUICE_ENCRYPTION_KEY\./,
    );
    expect(() => parseEnv({ NODE_ENV: "production", SLUICE_ENCRYPTION_KEY: encryptionKey })).toThrow(
      /without AUTH_SECRET\./,
    );
  });

  it("uses the secrets it is given", () => {
    const secrets = { AUTH_SECRET: authSecret, SLUICE_ENCRYPTION_KEY: encryptionKey };
    expect(parseEnv({ NODE_ENV: "production", ...secrets })).toMatchObject({ NODE_ENV: "production", ...secrets });
  });
});

describe("invalid values", () => {
  it("explains a DATABASE_URL that is not a Postgres URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://root@localhost/sluice", SLUICE_DATA_DIR: dataDir })).toThrow(
      "Sluice cannot start: invalid configuration.\n" +
        "  - DATABASE_URL: DATABASE_URL must be a postgres:// or postgresql:// URL",
    );
  });

  it("accepts postgres:// and postgresql:// URLs", () => {
    for (const url of ["postgres://u@h/db", "postgresql://u@h/db"]) {
      expect(parseEnv({ DATABASE_URL: url, SLUICE_DATA_DIR: dataDir }).DATABASE_URL).toBe(url);
    }
  });

  it("lists every bad variable at once", () => {
    const parse = () =>
      parseEnv({ AUTH_SECRET: "short", SLUICE_ENCRYPTION_KEY: "c2hvcnQ=", BCRYPT_COST: "99", SLUICE_DATA_DIR: dataDir });
    expect(parse).toThrow("  - AUTH_SECRET: AUTH_SECRET must be at least 32 characters\n");
    expect(parse).toThrow(
      "  - SLUICE_ENCRYPTION_KEY: SLUICE_ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)\n",
    );
    expect(parse).toThrow("  - BCRYPT_COST:");
  });
});

describe("outside production", () => {
  it("generates the secrets into <data dir>/secrets.json and reuses them", () => {
    const first = parseEnv({ NODE_ENV: "development", SLUICE_DATA_DIR: dataDir });
    const file = path.join(dataDir, "secrets.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(first.SLUICE_ENCRYPTION_KEY, "base64")).toHaveLength(32);

    const second = parseEnv({ NODE_ENV: "development", SLUICE_DATA_DIR: dataDir });
    expect(second.AUTH_SECRET).toBe(first.AUTH_SECRET);
    expect(second.SLUICE_ENCRYPTION_KEY).toBe(first.SLUICE_ENCRYPTION_KEY);
  });

  it("creates a missing data dir", () => {
    const nested = path.join(dataDir, "a", "b");
    parseEnv({ SLUICE_DATA_DIR: nested });
    expect(fs.existsSync(path.join(nested, "secrets.json"))).toBe(true);
  });

  it("prefers secrets from the environment and writes nothing when both are set", () => {
    const env = parseEnv({ SLUICE_DATA_DIR: dataDir, AUTH_SECRET: authSecret, SLUICE_ENCRYPTION_KEY: encryptionKey });
    expect(env).toMatchObject({ AUTH_SECRET: authSecret, SLUICE_ENCRYPTION_KEY: encryptionKey });
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it("fills only the missing secret from the generated file", () => {
    const env = parseEnv({ SLUICE_DATA_DIR: dataDir, AUTH_SECRET: authSecret });
    expect(env.AUTH_SECRET).toBe(authSecret);
    expect(env.SLUICE_ENCRYPTION_KEY).not.toBe(encryptionKey);
    expect(Buffer.from(env.SLUICE_ENCRYPTION_KEY, "base64")).toHaveLength(32);
  });

  it("has working defaults", () => {
    expect(parseEnv({ SLUICE_DATA_DIR: dataDir })).toMatchObject({
      NODE_ENV: "development",
      APP_URL: "http://localhost:3000",
      SLUICE_EMBEDDED_WORKER: true,
      SLUICE_DEMO_SCALE: 1,
      BCRYPT_COST: 12,
    });
    expect(parseEnv({ SLUICE_DATA_DIR: dataDir, SLUICE_EMBEDDED_WORKER: "0", BCRYPT_COST: "4" })).toMatchObject({
      SLUICE_EMBEDDED_WORKER: false,
      BCRYPT_COST: 4,
    });
  });
});
