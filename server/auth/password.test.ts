import { describe, expect, it } from "vitest";
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH, hashPassword, passwordWeakness, verifyPassword } from "./password";

describe("passwordWeakness", () => {
  it.each([
    ["too short", "Xk9#pq"],
    ["a common password", "password123"],
    ["a keyboard walk", "qwertyuiop"],
    ["a repeated character", "aaaaaaaaaaaa"],
    ["a digit sequence", "1234567890"],
  ])("refuses %s", (_name, password) => {
    expect(passwordWeakness(password)).toBeTypeOf("string");
  });

  it("names the minimum length", () => {
    expect(passwordWeakness("short")).toBe(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  });

  it("refuses passwords longer than bcrypt reads", () => {
    expect(passwordWeakness("é".repeat(MAX_PASSWORD_BYTES / 2 + 1))).toBe(`Use at most ${MAX_PASSWORD_BYTES} bytes.`);
  });

  it("refuses the person's own name or email, which it accepts from others", () => {
    const inputs = ["Zorblax Quintavius", "zorblax.quintavius@example.com"];
    expect(passwordWeakness("Zorblax Quintavius")).toBeNull();
    expect(passwordWeakness("Zorblax Quintavius", inputs)).toMatch(/too easy to guess/);
    expect(passwordWeakness("zorblax.quintavius@example.com", inputs)).toMatch(/too easy to guess/);
  });

  it.each(["correct horse battery staple 42", "tundra-violin-7-mosaic", "Xk9#pq2!Lw8@zR"])("accepts %j", (password) => {
    expect(passwordWeakness(password)).toBeNull();
  });
});

describe("hashPassword / verifyPassword", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("tundra-violin-7-mosaic", 4);
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    expect(hash).not.toContain("tundra");
    await expect(verifyPassword("tundra-violin-7-mosaic", hash)).resolves.toBe(true);
    await expect(verifyPassword("tundra-violin-7-mosaiC", hash)).resolves.toBe(false);
  });
});
