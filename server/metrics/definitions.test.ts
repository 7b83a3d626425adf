import { describe, expect, it } from "vitest";
import {
  computePerMillionRows,
  coverage,
  durationMs,
  efficiency,
  errorRate,
  latencyMs,
  onTime,
  queueWaitMs,
  ratio,
  runMetrics,
  throughput,
} from "./definitions";
import { at, counters, runOf, T0 } from "./test-runs";

describe("timings", () => {
  it("measures latency from the warehouse read to the end of a succeeded run", () => {
    const run = runOf();
    expect(latencyMs(run)).toBe(10_000);
    expect(durationMs(run)).toBe(11_000);
    expect(queueWaitMs(run)).toBe(2_000);
  });

  it("gives failed and cancelled runs no latency, but a duration", () => {
    expect(latencyMs(runOf({ status: "failed" }))).toBeNull();
    expect(latencyMs(runOf({ status: "cancelled" }))).toBeNull();
    expect(durationMs(runOf({ status: "failed" }))).toBe(11_000);
  });

  it("has no timings for what did not happen", () => {
    const neverStarted = runOf({ status: "cancelled", startedAt: null, readStartedAt: null, counters: null });
    expect(durationMs(neverStarted)).toBeNull();
    expect(queueWaitMs(neverStarted)).toBeNull();
    expect(latencyMs(runOf({ readStartedAt: null }))).toBeNull();
    expect(durationMs(runOf({ status: "reading", finishedAt: null }))).toBeNull();
  });

  it("never goes negative when clocks disagree", () => {
    expect(queueWaitMs(runOf({ startedAt: at(-1) }))).toBe(0);
  });
});

describe("onTime", () => {
  const scheduled = { trigger: "schedule" as const, scheduledFor: T0 };

  it("is on time when the scheduled run succeeds within the SLA of its scheduled time", () => {
    expect(onTime(runOf({ ...scheduled, finishedAt: at(60 * 60) }), 60)).toBe(true);
    expect(onTime(runOf({ ...scheduled, finishedAt: at(60 * 60 + 1) }), 60)).toBe(false);
  });

  it("counts failed, cancelled and skipped scheduled runs as missed", () => {
    expect(onTime(runOf({ ...scheduled, status: "failed" }), 60)).toBe(false);
    expect(onTime(runOf({ ...scheduled, status: "cancelled" }), 60)).toBe(false);
    expect(onTime(runOf({ ...scheduled, status: "skipped", counters: null, startedAt: null }), 60)).toBe(false);
  });

  it("does not judge manual runs or runs still going", () => {
    expect(onTime(runOf(), 60)).toBeNull();
    expect(onTime(runOf({ trigger: "full_resync" }), 60)).toBeNull();
    expect(onTime(runOf({ ...scheduled, status: "delivering", finishedAt: null }), 60)).toBeNull();
  });

  it("measures from the queue time when the scheduled time is missing", () => {
    expect(onTime(runOf({ trigger: "schedule", queuedAt: T0, finishedAt: at(59 * 60) }), 60)).toBe(true);
  });
});

describe("coverage", () => {
  it("counts every row read except refused and parked ones after a success", () => {
    expect(coverage(runOf({ counters: counters({ rowsRead: 100, rejected: 3, parked: 2 }) }))).toBe(0.95);
  });

  it("counts unchanged and accepted rows after a failure or cancel", () => {
    const partial = counters({ rowsRead: 100, unchanged: 60, added: 40, sent: 20, accepted: 15 });
    expect(coverage(runOf({ status: "failed", counters: partial }))).toBe(0.75);
    expect(coverage(runOf({ status: "cancelled", counters: partial }))).toBe(0.75);
  });

  it("is full for an empty model and clipped to [0, 1]", () => {
    expect(coverage(runOf({ counters: counters({ rowsRead: 0 }) }))).toBe(1);
    expect(coverage(runOf({ counters: counters({ rowsRead: 2, rejected: 3 }) }))).toBe(0);
    expect(coverage(runOf({ status: "failed", counters: counters({ rowsRead: 2, unchanged: 2, accepted: 1 }) }))).toBe(1);
  });

  it("has none for skipped runs, runs without counters and runs still going", () => {
    expect(coverage(runOf({ status: "skipped", counters: null }))).toBeNull();
    expect(coverage(runOf({ status: "cancelled", counters: null }))).toBeNull();
    expect(coverage(runOf({ status: "delivering", counters: counters({ rowsRead: 5 }) }))).toBeNull();
  });
});

describe("efficiency and error rate", () => {
  it("divides accepted by the rows that changed", () => {
    expect(efficiency(runOf({ counters: counters({ added: 5, changed: 3, removed: 2, accepted: 8 }) }))).toBe(0.8);
    expect(efficiency(runOf({ counters: counters({ rowsRead: 10, unchanged: 10 }) }))).toBeNull();
  });

  it("divides rejected by sent, capped at 1", () => {
    expect(errorRate(runOf({ counters: counters({ sent: 40, accepted: 30, rejected: 10 }) }))).toBe(0.25);
    expect(errorRate(runOf({ counters: counters({ sent: 0 }) }))).toBeNull();
    expect(errorRate(runOf({ counters: counters({ sent: 1, rejected: 2 }) }))).toBe(1);
  });
});

describe("throughput and compute", () => {
  it("reads rows per second of run time", () => {
    expect(throughput(runOf({ counters: counters({ rowsRead: 22_000 }) }))).toBe(2_000);
    expect(throughput(runOf({ finishedAt: at(2), counters: counters({ rowsRead: 5 }) }))).toBeNull();
    expect(throughput(runOf({ counters: counters({ rowsRead: 0 }) }))).toBe(0);
  });

  it("costs CPU seconds per million rows", () => {
    expect(computePerMillionRows(runOf({ cpuSeconds: 1.5, counters: counters({ rowsRead: 500_000 }) }))).toBe(3);
    expect(computePerMillionRows(runOf({ cpuSeconds: 1.5, counters: counters({ rowsRead: 0 }) }))).toBeNull();
    expect(computePerMillionRows(runOf({ cpuSeconds: null, counters: counters({ rowsRead: 10 }) }))).toBeNull();
  });
});

describe("runMetrics", () => {
  it("bundles every per-run metric", () => {
    const run = runOf({ cpuSeconds: 0.011, counters: counters({ rowsRead: 1100, added: 100, unchanged: 1000, sent: 100, accepted: 100 }) });
    expect(runMetrics(run, 60)).toEqual({
      latencyMs: 10_000,
      durationMs: 11_000,
      queueWaitMs: 2_000,
      onTime: null,
      coverage: 1,
      efficiency: 1,
      errorRate: 0,
      throughput: 100,
      computePerMillionRows: expect.closeTo(10, 9) as number,
    });
  });

  it("ratio is null over nothing", () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
  });
});
