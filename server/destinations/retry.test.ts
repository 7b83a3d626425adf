import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter, retryDelay } from "./retry";

const now = Date.parse("2025-01-01T00:00:00Z");
const policy = { baseDelayMs: 500, maxDelayMs: 30_000 };

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP date as seconds from now, rounded up", () => {
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now + 500)).toBe(30);
    expect(parseRetryAfter("Wednesday, 01-Jan-25 00:01:00 GMT", now)).toBe(60);
  });

  it("never goes below zero for a date in the past", () => {
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now)).toBe(0);
  });

  it("returns null for what it cannot read", () => {
    for (const value of [undefined, null, "", "soon", "-5", "1.5", "2025-01-01T00:00:30Z", "Foo, 99 Bar 2025 00:00:00 GMT"]) {
      expect(parseRetryAfter(value, now)).toBeNull();
    }
  });
});

describe("backoffDelay", () => {
  it("spans [0, base · 2^retry) with full jitter", () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(0);
    expect(backoffDelay(0, policy, () => 0.999)).toBe(499);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(2000);
  });

  it("is capped at maxDelayMs", () => {
    expect(backoffDelay(20, policy, () => 0.999)).toBe(29_970);
    expect(backoffDelay(1000, policy, () => 0.5)).toBe(15_000);
  });
});

describe("retryDelay", () => {
  it("uses the backoff when the destination gave no hint", () => {
    expect(retryDelay(1, null, policy, () => 0.5)).toBe(500);
  });

  it("never waits less than Retry-After", () => {
    expect(retryDelay(0, 7, policy, () => 0.999)).toBe(7000);
    expect(retryDelay(10, 1, policy, () => 0.5)).toBe(15_000);
  });
});
