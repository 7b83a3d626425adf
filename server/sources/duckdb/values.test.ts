import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  DuckDBDecimalType,
  DuckDBVarCharType,
  INTEGER,
  TIMESTAMP,
  TIMESTAMPTZ,
  VARCHAR,
  arrayValue,
  blobValue,
  dateValue,
  decimalValue,
  listValue,
  mapValue,
  structValue,
  timestampNanosValue,
  timestampSecondsValue,
  timestampTZValue,
  timestampValue,
  unionValue,
} from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { cellFromJson, converterFor, genericCell, isoFromEpoch, isoFromMs, resultColumns } from "./values";

describe("isoFromMs", () => {
  it("matches Date#toISOString across days, epochs and negative times", () => {
    const samples = [0, -1, 1, 86_399_999, -86_400_001, 1_773_578_096_789, 253_402_300_799_999, -62_167_219_200_000];
    for (let i = 0; i < 2000; i += 1) samples.push(Math.floor(Math.sin(i) * 4e12));
    for (const ms of samples) expect(isoFromMs(ms)).toBe(new Date(ms).toISOString());
  });
});

describe("isoFromEpoch", () => {
  it("keeps sub-millisecond digits only when there are some", () => {
    expect(isoFromEpoch(1_700_000_000_123_456n, 1_000_000n)).toBe("2023-11-14T22:13:20.123456Z");
    expect(isoFromEpoch(1_700_000_000_123_000n, 1_000_000n)).toBe("2023-11-14T22:13:20.123Z");
    expect(isoFromEpoch(1_700_000_000_123_456_789n, 1_000_000_000n)).toBe("2023-11-14T22:13:20.123456789Z");
    expect(isoFromEpoch(1_700_000_000n, 1n)).toBe("2023-11-14T22:13:20.000Z");
  });

  it("floors negative values (before 1970)", () => {
    expect(isoFromEpoch(-1n, 1_000_000n)).toBe("1969-12-31T23:59:59.999999Z");
  });

  it("is undefined beyond the range of JavaScript dates", () => {
    expect(isoFromEpoch(9_000_000_000_000_000n, 1000n)).toBeUndefined();
  });
});

describe("converterFor", () => {
  it("keeps small integers as numbers and BIGINT always as exact strings", () => {
    expect(converterFor(INTEGER)(42)).toBe(42);
    expect(converterFor(BIGINT)(42n)).toBe("42");
    expect(converterFor(BIGINT)(9_007_199_254_740_993n)).toBe("9007199254740993");
  });

  it("writes DECIMAL as an exact string and non-finite doubles as strings", () => {
    expect(converterFor(new DuckDBDecimalType(12, 2))(decimalValue(-50n, 12, 2))).toBe("-0.50");
    expect(converterFor(new DuckDBDecimalType(38, 1))(decimalValue(1_234_567_890_123_456_789_012_345n, 38, 1))).toBe(
      "123456789012345678901234.5",
    );
    expect(converterFor(DOUBLE)(0.25)).toBe(0.25);
    expect(converterFor(DOUBLE)(Number.NaN)).toBe("NaN");
    expect(converterFor(DOUBLE)(Number.NEGATIVE_INFINITY)).toBe("-Infinity");
  });

  it("writes dates as YYYY-MM-DD and timestamps as ISO in UTC", () => {
    expect(converterFor(DATE)(dateValue({ year: 2026, month: 3, day: 15 }))).toBe("2026-03-15");
    expect(converterFor(DATE)(dateValue(2 ** 31 - 1))).toBe("infinity");
    expect(converterFor(TIMESTAMP)(timestampValue(1_773_578_096_000_000n))).toBe("2026-03-15T12:34:56.000Z");
    expect(converterFor(TIMESTAMP)(timestampValue(2n ** 63n - 1n))).toBe("infinity");
    expect(converterFor(TIMESTAMPTZ)(timestampTZValue(1_773_578_096_000_001n))).toBe("2026-03-15T12:34:56.000001Z");
    expect(genericCell(timestampSecondsValue(0n))).toBe("1970-01-01T00:00:00.000Z");
    expect(genericCell(timestampNanosValue(5n))).toBe("1970-01-01T00:00:00.000000005Z");
  });

  it("parses JSON columns and keeps plain VARCHAR as text", () => {
    expect(converterFor(DuckDBVarCharType.create("JSON"))('{"a":[1,"x",null]}')).toEqual({ a: [1, "x", null] });
    expect(converterFor(VARCHAR)('{"a":1}')).toBe('{"a":1}');
    expect(converterFor(BOOLEAN)(true)).toBe(true);
  });

  it("turns nested values into JSON-safe arrays and objects", () => {
    expect(genericCell(listValue([1n, null, 3n]))).toEqual(["1", null, "3"]);
    expect(genericCell(arrayValue([1, 2]))).toEqual([1, 2]);
    expect(genericCell(structValue({ id: 7n, at: dateValue({ year: 2024, month: 1, day: 2 }) }))).toEqual({
      id: "7",
      at: "2024-01-02",
    });
    expect(genericCell(mapValue([{ key: "k", value: 1 }]))).toEqual({ k: 1 });
    expect(genericCell(unionValue("num", 5))).toBe(5);
    expect(genericCell(blobValue("abc"))).toBe("YWJj");
  });
});

describe("cellFromJson", () => {
  it("keeps a __proto__ key as data, not as a prototype", () => {
    const cell = cellFromJson(JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.keys(cell ?? {})).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(cell)).toBe(Object.prototype);
  });
});

describe("resultColumns", () => {
  it("names each column's portable and native type, keeping the JSON alias", () => {
    expect(resultColumns(["id", "doc"], [BIGINT, DuckDBVarCharType.create("JSON")])).toEqual([
      { name: "id", type: "integer", nativeType: "BIGINT" },
      { name: "doc", type: "json", nativeType: "JSON" },
    ]);
  });
});
