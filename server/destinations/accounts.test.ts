import { describe, expect, it } from "vitest";
import { createAccountRegistry, limiterKey, rateWindow } from "./accounts";
import type { DestinationLimits } from "./types";

const limits: DestinationLimits = { batchSize: 500, concurrency: 4, requestsPerSecond: 10, supportedOperations: ["upsert"] };

describe("rateWindow", () => {
  it("turns requests per second into a cap per window", () => {
    expect(rateWindow(10)).toEqual({ intervalCap: 10, interval: 1000 });
    expect(rateWindow(2.5)).toEqual({ intervalCap: 2, interval: 1000 });
    expect(rateWindow(0.5)).toEqual({ intervalCap: 1, interval: 2000 });
  });
});

describe("limiterKey", () => {
  it("depends on the account and the rate limits, not the batch size", () => {
    const key = limiterKey("webhook", "https://a.example/hook", limits);
    expect(limiterKey("webhook", "https://a.example/hook", { ...limits, batchSize: 10 })).toBe(key);
    expect(limiterKey("webhook", "https://b.example/hook", limits)).not.toBe(key);
    expect(limiterKey("webhook", "https://a.example/hook", { ...limits, requestsPerSecond: 5 })).not.toBe(key);
  });
});

describe("createAccountRegistry", () => {
  it("hands every caller of one account the same limiter", () => {
    const registry = createAccountRegistry();
    const first = registry.acquire("webhook", "acct", limits);
    const second = registry.acquire("webhook", "acct", limits);
    expect(second).toBe(first);
    expect(first.queue.concurrency).toBe(4);
    expect(registry.acquire("webhook", "other", limits)).not.toBe(first);
  });

  it("drops a limiter nobody used for a minute", () => {
    let now = 0;
    const registry = createAccountRegistry({ now: () => now });
    const limiter = registry.acquire("webhook", "acct", limits);
    registry.release(limiter);
    now += 30_000;
    expect(registry.acquire("webhook", "acct", limits)).toBe(limiter);
    registry.release(limiter);
    now += 61_000;
    registry.acquire("webhook", "new", limits);
    expect(registry.size()).toBe(1);
    expect(registry.acquire("webhook", "acct", limits)).not.toBe(limiter);
  });

  it("keeps a limiter that is still in use", () => {
    let now = 0;
    const registry = createAccountRegistry({ now: () => now });
    const limiter = registry.acquire("webhook", "acct", limits);
    now += 3_600_000;
    registry.acquire("webhook", "new", limits);
    expect(registry.acquire("webhook", "acct", limits)).toBe(limiter);
  });
});

describe("a registry with a ledger", () => {
  function recordingLedger(pausedMs = 0) {
    const calls: string[] = [];
    const ledger = {
      reserve: (_key: string, spacingMs: number) => {
        calls.push(`reserve ${spacingMs}`);
        return Promise.resolve(25);
      },
      pause: (_key: string, ms: number) => {
        calls.push(`pause ${ms}`);
        return Promise.resolve();
      },
      pausedFor: () => {
        calls.push("pausedFor");
        return Promise.resolve(pausedMs);
      },
    };
    return { ledger, calls };
  }

  it("takes a slot from the ledger for every request, 1/rate apart, and shares pauses there", async () => {
    const { ledger, calls } = recordingLedger();
    const limiter = createAccountRegistry({ ledger }).acquire("webhook", "acct", limits);
    expect(await limiter.nextSlot()).toBe(25);
    expect(await limiter.nextSlot()).toBe(25);
    await limiter.sharePause(3000);
    expect(calls).toEqual(["reserve 100", "reserve 100", "pause 3000"]);
  });

  it("without a rate, looks the shared pause up at most once a second", async () => {
    let now = 0;
    const { ledger, calls } = recordingLedger(1500);
    const limiter = createAccountRegistry({ ledger, now: () => now }).acquire("webhook", "acct", { ...limits, requestsPerSecond: null });
    expect(await Promise.all([limiter.nextSlot(), limiter.nextSlot()])).toEqual([1500, 1500]);
    now += 999;
    expect(await limiter.nextSlot()).toBe(501);
    expect(calls).toEqual(["pausedFor"]);
    now += 1;
    expect(await limiter.nextSlot()).toBe(1500);
    expect(calls).toEqual(["pausedFor", "pausedFor"]);
  });
});
