import { describe, expect, it } from "vitest";
import { cronProblem, describeSchedule, nextRunAt, ZSyncSchedule } from "./schedule";

const at = (iso: string) => new Date(iso);

describe("nextRunAt", () => {
  it("never schedules manual syncs", () => {
    expect(nextRunAt({ kind: "manual" }, at("2026-01-01T00:00:00Z"))).toBeNull();
  });

  it("keeps intervals on their grid and skips occurrences missed while no worker ran", () => {
    const schedule = { kind: "interval" as const, minutes: 15 };
    expect(nextRunAt(schedule, at("2026-01-01T00:00:00Z"))).toEqual(at("2026-01-01T00:15:00Z"));
    expect(nextRunAt(schedule, at("2026-01-01T00:15:20Z"), at("2026-01-01T00:15:00Z"))).toEqual(at("2026-01-01T00:30:00Z"));
    expect(nextRunAt(schedule, at("2026-01-01T01:07:00Z"), at("2026-01-01T00:15:00Z"))).toEqual(at("2026-01-01T01:15:00Z"));
  });

  it("evaluates cron in the sync's time zone, across daylight saving", () => {
    const nineInParis = { kind: "cron" as const, expression: "0 9 * * *", timezone: "Europe/Paris" };
    expect(nextRunAt(nineInParis, at("2026-03-28T12:00:00Z"))).toEqual(at("2026-03-29T07:00:00Z")); // CEST, UTC+2
    expect(nextRunAt(nineInParis, at("2026-03-27T12:00:00Z"))).toEqual(at("2026-03-28T08:00:00Z")); // CET, UTC+1
  });
});

describe("schedule validation", () => {
  it("explains bad cron expressions and time zones", () => {
    expect(cronProblem("0 9 * * *", "UTC")).toBeNull();
    expect(cronProblem("every morning", "UTC")).toMatch(/not a valid cron expression/);
    const zone = ZSyncSchedule.safeParse({ kind: "cron", expression: "0 9 * * *", timezone: "Mars/Olympus" });
    expect(zone.error?.issues[0]?.message).toBe("Choose a known time zone, e.g. Europe/Paris.");
    expect(ZSyncSchedule.safeParse({ kind: "interval", minutes: 1 }).error?.issues[0]?.message).toBe("Run at most every 5 minutes.");
  });

  it("describes schedules in words", () => {
    expect(describeSchedule({ kind: "interval", minutes: 60 })).toBe("Every hour");
    expect(describeSchedule({ kind: "interval", minutes: 30 })).toBe("Every 30 minutes");
    expect(describeSchedule({ kind: "interval", minutes: 2880 })).toBe("Every 2 days");
  });
});
