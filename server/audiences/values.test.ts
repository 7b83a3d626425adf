import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateTime, day, decimal, isWritableText, moment, nextDay, span } from "./values";

describe("decimal", () => {
  it("writes finite numbers as plain decimals", () => {
    expect([500, -2.5, 0, -0, 1e21, 1.5e-7, 123456789012345680000, 0.1 + 0.2].map(decimal)).toEqual([
      "500",
      "-2.5",
      "0",
      "0",
      "1000000000000000000000",
      "0.00000015",
      "123456789012345680000",
      "0.30000000000000004",
    ]);
  });

  it("refuses what is not a finite number or a decimal string", () => {
    expect([NaN, Infinity, -Infinity, "", "1e5", "0x10", "1,5", " 1 2", "--1", "1.", ".5", "5; DROP", null, true, [1]].map(decimal)).toEqual(
      Array.from({ length: 15 }, () => null),
    );
  });

  it("keeps decimal strings exact, without leading zeros or a negative zero", () => {
    expect(["007", "-0.50", "12345678901234567890.123456789", " 42 ", "-0", "-0.00"].map(decimal)).toEqual([
      "7",
      "-0.50",
      "12345678901234567890.123456789",
      "42",
      "0",
      "0.00",
    ]);
  });

  it("always reads back as the same number", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const written = decimal(value);
        expect(written).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(written)).toBe(value === 0 ? 0 : value);
      }),
    );
  });
});

describe("days and date-times", () => {
  it("accepts real calendar days only", () => {
    expect(["2024-02-29", "2023-02-29", "2026-13-01", "2026-04-31", "0000-01-01", "2026-1-1", "2026-01-01T00:00"].map(day)).toEqual([
      "2024-02-29",
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it("finds the next day across months, years and leap days", () => {
    expect(["2024-02-28", "2024-02-29", "2023-02-28", "2025-12-31", "0099-12-31"].map(nextDay)).toEqual([
      "2024-02-29",
      "2024-03-01",
      "2023-03-01",
      "2026-01-01",
      "0100-01-01",
    ]);
  });

  it("reads date-times without a zone, to the second", () => {
    expect(["2026-01-01T09:30", "2026-01-01 09:30:15", "2026-01-01T24:00", "2026-01-01T09:30Z", "2026-01-01T09:30:00.5"].map(dateTime)).toEqual([
      "2026-01-01 09:30:00",
      "2026-01-01 09:30:15",
      null,
      null,
      null,
    ]);
    expect(moment("2026-01-01")).toEqual({ kind: "day", day: "2026-01-01" });
    expect(moment("2026-01-01T10:00")).toEqual({ kind: "time", time: "2026-01-01 10:00:00" });
  });

  it("turns weeks into days and refuses what is not a whole number ≥ 1", () => {
    expect(span({ amount: 2, unit: "weeks" })).toEqual({ amount: 14, unit: "day" });
    expect(span({ amount: 3, unit: "months" })).toEqual({ amount: 3, unit: "month" });
    expect([0, -1, 1.5, null, 1e9].map((amount) => span({ amount, unit: "days" }))).toEqual([null, null, null, null, null]);
  });
});

it("refuses NUL and lone surrogates in text", () => {
  expect(["fine 😀", "nul\u0000", "lone\ud800"].map(isWritableText)).toEqual([true, false, false]);
});
