import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { connectionOptions, normalizeAccount, normalizePem, privateKeyProblem, snowflakeHost, ZSnowflakeConfig } from "./config";

const { privateKey } = crypto.generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const encrypted = crypto
  .createPrivateKey(privateKey)
  .export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "open sesame" })
  .toString();

const placement = { warehouse: "REPORTING_WH", database: "ANALYTICS", schema: "", role: "SLUICE_READER" };

describe("snowflake account identifiers", () => {
  it.each([
    ["myorg-myaccount", "myorg-myaccount"],
    ["  xy12345.us-east-2.aws ", "xy12345.us-east-2.aws"],
    ["https://myorg-myaccount.snowflakecomputing.com/", "myorg-myaccount"],
    ["https://xy12345.eu-west-1.snowflakecomputing.com/console#/", "xy12345.eu-west-1"],
    ["xy12345.us-east-1.privatelink.snowflakecomputing.com", "xy12345.us-east-1.privatelink"],
    ["ab12345.cn-north-1.snowflakecomputing.cn", "ab12345.cn-north-1"],
  ])("%j becomes %j", (input, account) => {
    expect(normalizeAccount(input)).toBe(account);
  });

  it("names the host Sluice connects to", () => {
    expect(snowflakeHost({ account: "myorg-myaccount" })).toBe("myorg-myaccount.snowflakecomputing.com");
  });
});

describe("snowflake PEM keys", () => {
  it("re-wraps a key whose line breaks a one-line field removed", () => {
    const flattened = privateKey.replace(/\n/g, "");
    expect(normalizePem(flattened)).toBe(privateKey);
    expect(normalizePem(privateKey.replace(/\n/g, " "))).toBe(privateKey);
  });

  it("leaves text that is not a PEM block alone", () => {
    expect(normalizePem("  not a key ")).toBe("not a key");
  });

  it("accepts a plain key, and an encrypted key with its passphrase", () => {
    expect(privateKeyProblem(privateKey, undefined)).toBeNull();
    expect(privateKeyProblem(encrypted, "open sesame")).toBeNull();
  });

  it("explains what is wrong with a key", () => {
    expect(privateKeyProblem(encrypted, undefined)).toBe("The private key is encrypted: enter its passphrase.");
    expect(privateKeyProblem(encrypted, "wrong")).toBe("The passphrase does not unlock the private key.");
    expect(privateKeyProblem("MIIEvQIBADANBg", undefined)).toMatch(/^Paste the private key in PEM format/);
    expect(privateKeyProblem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", undefined)).toMatch(
      /^The private key could not be read/,
    );
  });
});

describe("ZSnowflakeConfig", () => {
  it("accepts password sign-in and normalizes the account", () => {
    const config = ZSnowflakeConfig.parse({
      auth: "password",
      account: "https://myorg-myaccount.snowflakecomputing.com",
      username: " SLUICE ",
      password: "hunter2",
      ...placement,
    });
    expect(config).toMatchObject({ auth: "password", account: "myorg-myaccount", username: "SLUICE", password: "hunter2" });
  });

  it("accepts a key pair pasted on one line", () => {
    const config = ZSnowflakeConfig.parse({
      auth: "key_pair",
      account: "myorg-myaccount",
      username: "SLUICE",
      privateKey: privateKey.replace(/\n/g, ""),
      ...placement,
    });
    expect(config.auth === "key_pair" && config.privateKey).toBe(privateKey);
  });

  it("names the field that is wrong", () => {
    const badAccount = ZSnowflakeConfig.safeParse({ auth: "password", account: "my account!", username: "U", password: "p", ...placement });
    expect(badAccount.error?.issues[0]).toMatchObject({ path: ["account"] });
    const badKey = ZSnowflakeConfig.safeParse({ auth: "key_pair", account: "a", username: "U", privateKey: encrypted, ...placement });
    expect(badKey.error?.issues[0]).toMatchObject({ path: ["privateKey"], message: "The private key is encrypted: enter its passphrase." });
    const noWarehouse = ZSnowflakeConfig.safeParse({ auth: "password", account: "a", username: "U", password: "p", ...placement, warehouse: " " });
    expect(noWarehouse.error?.issues[0]).toMatchObject({ path: ["warehouse"], message: "Enter the warehouse." });
  });

  it("draws a form with one variant per sign-in method", () => {
    const schema = z.toJSONSchema(ZSnowflakeConfig, { io: "input", unrepresentable: "any" });
    const variants = (schema.oneOf ?? schema.anyOf ?? []).map((variant) =>
      typeof variant === "object" ? { title: variant.title, fields: Object.keys(variant.properties ?? {}) } : null,
    );
    expect(variants).toEqual([
      { title: "Password", fields: ["auth", "account", "username", "password", "warehouse", "database", "schema", "role"] },
      {
        title: "Key pair",
        fields: ["auth", "account", "username", "privateKey", "privateKeyPassphrase", "warehouse", "database", "schema", "role"],
      },
    ]);
  });
});

describe("snowflake connectionOptions", () => {
  it("signs in with a password", () => {
    const config = ZSnowflakeConfig.parse({ auth: "password", account: "acme", username: "U", password: "p", ...placement });
    expect(connectionOptions(config)).toEqual({
      account: "acme",
      username: "U",
      password: "p",
      warehouse: "REPORTING_WH",
      database: "ANALYTICS",
      schema: undefined,
      role: "SLUICE_READER",
      application: "Sluice",
      representNullAsStringNull: false,
    });
  });

  it("signs in with a key pair (SNOWFLAKE_JWT) and no password", () => {
    const config = ZSnowflakeConfig.parse({
      auth: "key_pair",
      account: "acme",
      username: "U",
      privateKey: encrypted,
      privateKeyPassphrase: "open sesame",
      ...placement,
      role: "",
    });
    const options = connectionOptions(config);
    expect(options).toMatchObject({ authenticator: "SNOWFLAKE_JWT", privateKey: encrypted, privateKeyPass: "open sesame", role: undefined });
    expect(options).not.toHaveProperty("password");
  });
});
