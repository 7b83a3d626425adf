import { describe, expect, it } from "vitest";
import { generateSecret, hashSecret } from "./tokens";

describe("generateSecret", () => {
  it("is the prefix and 256 random bits, different every time", () => {
    const first = generateSecret("sluice");
    expect(first).toMatch(/^sluice_[\w-]{43}$/);
    expect(generateSecret("sluice")).not.toBe(first);
  });
});

describe("hashSecret", () => {
  it("is a stable SHA-256 hex digest that does not contain the secret", () => {
    const secret = generateSecret("inv");
    expect(hashSecret(secret)).toBe(hashSecret(secret));
    expect(hashSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(secret)).not.toBe(hashSecret(generateSecret("inv")));
  });
});
