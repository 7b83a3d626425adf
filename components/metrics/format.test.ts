import { describe, expect, it } from "vitest";
import { formatAgo, formatCompact, formatCompute, formatDay, formatDuration, formatDurationShort, formatPercent, formatThroughput } from "./format";

describe("metric formats", () => {
  it("shows percents without decimals, never hiding a shortfall or a trace", () => {
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(0.934)).toBe("93%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(0.998)).toBe("99%");
    expect(formatPercent(0.001)).toBe("<1%");
    expect(formatPercent(0)).toBe("0%");
  });

  it("shows durations in the unit people think in", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(1234)).toBe("1.2 s");
    expect(formatDuration(45_200)).toBe("45 s");
    expect(formatDuration(270_000)).toBe("4 min 30 s");
    expect(formatDuration(25 * 60_000)).toBe("25 min");
    expect(formatDuration(90 * 60_000)).toBe("1 h 30 min");
    expect(formatDuration(null)).toBe("—");
    expect([0, 850, 45_000, 25 * 60_000, 100 * 60_000, 120 * 60_000].map(formatDurationShort)).toEqual(["0", "850ms", "45s", "25m", "1h 40m", "2h"]);
  });

  it("shows rates and costs compactly", () => {
    expect(formatCompact(950)).toBe("950");
    expect(formatCompact(45_210)).toBe("45k");
    expect(formatCompact(1_234_567)).toBe("1.2M");
    expect(formatCompact(0.25)).toBe("0.3");
    expect(formatThroughput(45_210)).toBe("45k rows/s");
    expect(formatThroughput(null)).toBe("—");
    expect(formatCompute(0.8432)).toBe("0.84 s");
    expect(formatCompute(12.4)).toBe("12 s");
  });

  it("labels days and ages", () => {
    expect(formatDay("2025-03-10")).toBe("Mar 10");
    const now = new Date("2025-03-10T12:00:00Z");
    expect(formatAgo(new Date("2025-03-10T11:55:00Z"), now)).toBe("5 min ago");
    expect(formatAgo(new Date("2025-03-08T12:00:00Z"), now)).toBe("2 days ago");
  });
});
