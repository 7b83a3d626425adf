import { describe, expect, it } from "vitest";
import { EMPTY_TOTALS, fillDays, firstDayStart, percentile, summarize, totalsOf, utcDay, windowStart } from "./aggregate";
import { at, counters, runOf, T0 } from "./test-runs";

const SLA = 60;
const scheduled = (fields: Parameters<typeof runOf>[0]) => ({ ...runOf({ trigger: "schedule", scheduledFor: T0, ...fields }), slaMinutes: SLA });
const manual = (fields: Parameters<typeof runOf>[0] = {}) => ({ ...runOf(fields), slaMinutes: SLA });

describe("percentile", () => {
  it("interpolates between ranks like percentile_cont", () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 0.95)).toBe(48);
  });
});

describe("summarize", () => {
  it("has no rates for an empty window", () => {
    expect(summarize(EMPTY_TOTALS)).toMatchObject({
      runs: 0,
      successRate: null,
      slaAttainment: null,
      latencyP50Ms: null,
      coverage: null,
      efficiency: null,
      errorRate: null,
      throughput: null,
      computePerMillionRows: null,
      recordsDelivered: 0,
    });
  });
});

describe("totalsOf + summarize", () => {
  it("leaves skipped runs out of the success rate but counts them as missed scheduled runs", () => {
    const summary = summarize(
      totalsOf([
        scheduled({ finishedAt: at(10 * 60) }),
        scheduled({ status: "skipped", counters: null, startedAt: null, readStartedAt: null }),
        scheduled({ finishedAt: at(2 * 60 * 60) }),
        scheduled({ status: "failed" }),
        manual(),
      ]),
    );
    expect(summary).toMatchObject({ runs: 5, succeeded: 3, failed: 1, skipped: 1, scheduledRuns: 4, successRate: 0.75, slaAttainment: 0.25 });
  });

  it("has no SLA attainment without scheduled runs", () => {
    expect(summarize(totalsOf([manual(), manual({ trigger: "full_resync" })])).slaAttainment).toBeNull();
  });

  it("weighs rates by records and averages coverage per run", () => {
    const summary = summarize(
      totalsOf([
        manual({ counters: counters({ rowsRead: 100, added: 10, sent: 10, accepted: 10, unchanged: 90 }) }),
        manual({ status: "failed", counters: counters({ rowsRead: 100, added: 30, unchanged: 50, sent: 30, accepted: 0, rejected: 30 }) }),
      ]),
    );
    expect(summary.efficiency).toBe(10 / 40);
    expect(summary.errorRate).toBe(30 / 40);
    expect(summary.coverage).toBe((1 + 0.5) / 2);
    expect(summary.rowsRead).toBe(200);
    expect(summary.recordsDelivered).toBe(10);
  });

  it("takes latency percentiles from succeeded runs only", () => {
    const totals = totalsOf([
      manual({ finishedAt: at(13) }),
      manual({ finishedAt: at(23) }),
      manual({ status: "failed", finishedAt: at(1000) }),
    ]);
    expect(totals.latencyP50Ms).toBe(15_000);
    expect(totals.latencyP95Ms).toBe(19_500);
  });

  it("works out throughput and compute from runs that took time and recorded CPU", () => {
    const summary = summarize(
      totalsOf([
        manual({ cpuSeconds: 2, counters: counters({ rowsRead: 1_000_000 }) }),
        manual({ cpuSeconds: null, startedAt: at(13), counters: counters({ rowsRead: 10 }) }),
      ]),
    );
    expect(summary.throughput).toBe(1_000_000 / 11);
    expect(summary.computePerMillionRows).toBe(2);
  });

  it("handles zero rows: full coverage, no throughput cost", () => {
    const summary = summarize(totalsOf([manual({ cpuSeconds: 0.1, counters: counters({ rowsRead: 0 }) })]));
    expect(summary).toMatchObject({ coverage: 1, throughput: 0, computePerMillionRows: null, efficiency: null, errorRate: null });
  });

  it("ignores runs still going", () => {
    expect(summarize(totalsOf([manual({ status: "delivering", finishedAt: null })]))).toMatchObject({ runs: 0, coverage: null, rowsRead: 0 });
  });
});

describe("days", () => {
  const now = new Date("2025-03-10T08:30:00Z");

  it("starts windows days back and day charts at midnight UTC", () => {
    expect(windowStart(now, 7).toISOString()).toBe("2025-03-03T08:30:00.000Z");
    expect(firstDayStart(now, 14).toISOString()).toBe("2025-02-25T00:00:00.000Z");
    expect(utcDay(now)).toBe("2025-03-10");
  });

  it("fills days without runs with zeros, oldest first", () => {
    const filled = fillDays([{ day: "2025-03-09", succeeded: 2, failed: 1, cancelled: 0, skipped: 0, recordsDelivered: 30 }], now, 3);
    expect(filled.map((point) => [point.day, point.succeeded, point.recordsDelivered])).toEqual([
      ["2025-03-08", 0, 0],
      ["2025-03-09", 2, 30],
      ["2025-03-10", 0, 0],
    ]);
  });
});
