import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptJson, encryptJson } from "./secrets";

const key = crypto.randomBytes(32).toString("base64");
const config = { host: "warehouse.internal", password: "hunter2", port: 5432, ssl: true };

/** Flips one bit of one base64url part (1 = iv, 2 = tag, 3 = ciphertext). */
function tamper(stored: string, part: 1 | 2 | 3): string {
  const parts = stored.split(".");
  const bytes = Buffer.from(parts[part] ?? "", "base64url");
  bytes.writeUInt8((bytes.readUInt8(0) ^ 0x01) & 0xff, 0);
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("encryptJson / decryptJson", () => {
  it("round-trips JSON values", () => {
    for (const value of [config, [1, "two", null], "text", 0, null]) {
      expect(decryptJson(encryptJson(value, key), key)).toEqual(value);
    }
  });

  it("stores v1.<iv>.<tag>.<ciphertext> without the plain value", () => {
    const stored = encryptJson(config, key);
    expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored).not.toContain("hunter2");
  });

  it("encrypts the same value differently each time (fresh IV)", () => {
    const first = encryptJson(config, key);
    const second = encryptJson(config, key);
    expect(first).not.toBe(second);
    expect(first.split(".")[1]).not.toBe(second.split(".")[1]);
  });

  it.each([
    ["iv", 1],
    ["tag", 2],
    ["ciphertext", 3],
  ] as const)("rejects a tampered %s", (_name, part) => {
    const stored = encryptJson(config, key);
    expect(() => decryptJson(tamper(stored, part), key)).toThrow();
  });

  it("rejects another key", () => {
    const stored = encryptJson(config, key);
    expect(() => decryptJson(stored, crypto.randomBytes(32).toString("base64"))).toThrow();
  });

  it("rejects an unknown format or version", () => {
    expect(() => decryptJson(JSON.stringify(config), key)).toThrow("unknown format");
    expect(() => decryptJson(encryptJson(config, key).replace(/^v1\./, "v2."), key)).toThrow("unknown format");
  });

  it("requires a 32-byte key", () => {
    const shortKey = crypto.randomBytes(16).toString("base64");
    expect(() => encryptJson(config, shortKey)).toThrow("32 bytes");
    expect(() => decryptJson(encryptJson(config, key), shortKey)).toThrow("32 bytes");
  });
});
