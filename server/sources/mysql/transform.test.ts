import { describe, expect, it } from "vitest";
import { baseType, columnType, fieldColumn, fieldNativeType, toCell, toRow } from "./transform";

const field = (columnType: number, extra: Partial<Parameters<typeof fieldNativeType>[0]> = {}) => ({
  name: "c",
  columnType,
  characterSet: 63,
  flags: 0,
  ...extra,
});

describe("field types", () => {
  it("names result fields from their type code, character set and flags", () => {
    expect(fieldNativeType(field(8))).toBe("bigint");
    expect(fieldNativeType(field(8, { flags: 32 }))).toBe("bigint unsigned");
    expect(fieldNativeType(field(252))).toBe("blob");
    expect(fieldNativeType(field(252, { characterSet: 224 }))).toBe("text");
    expect(fieldNativeType(field(253))).toBe("varbinary");
    expect(fieldNativeType(field(254, { characterSet: 224, flags: 256 }))).toBe("enum");
    expect(fieldNativeType(field(252, { characterSet: 224, extendedFormat: "json" }))).toBe("json");
    expect(fieldNativeType(field(254, { characterSet: 224, extendedTypeName: "uuid" }))).toBe("uuid");
    expect(fieldNativeType(field(999))).toBe("unknown");
  });

  it("maps native types to portable ones", () => {
    expect(baseType("bigint(20) unsigned")).toBe("bigint");
    expect(columnType("DECIMAL(10,2)")).toBe("number");
    expect(columnType("tinyint(1)")).toBe("integer");
    expect(columnType("datetime(3)")).toBe("timestamp");
    expect(columnType("date")).toBe("date");
    expect(columnType("json")).toBe("json");
    expect(columnType("enum('a','b')")).toBe("string");
    expect(columnType("geometry")).toBe("unknown");
    expect(fieldColumn(field(12))).toEqual({ name: "c", type: "timestamp", nativeType: "datetime" });
  });
});

describe("toCell", () => {
  it("writes DATETIME without a zone and TIMESTAMP (read in UTC) with Z", () => {
    expect(toCell("2024-01-02 03:04:05.678", "datetime")).toBe("2024-01-02T03:04:05.678");
    expect(toCell("2024-01-02 03:04:05", "timestamp")).toBe("2024-01-02T03:04:05Z");
    expect(toCell("2024-02-29", "date")).toBe("2024-02-29");
  });

  it("turns zero dates into null", () => {
    expect(toCell("0000-00-00", "date")).toBeNull();
    expect(toCell("0000-00-00 00:00:00", "datetime")).toBeNull();
  });

  it("keeps exact numbers exact, binary as base64 and BIT as a number", () => {
    expect(toCell("18446744073709551615", "bigint unsigned")).toBe("18446744073709551615");
    expect(toCell(Buffer.from([1, 2]), "varbinary")).toBe("AQI=");
    expect(toCell(Buffer.from([5]), "bit")).toBe(5);
    expect(toCell(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), "bit")).toBe("18446744073709551615");
    expect(toCell({ a: [1, null] }, "json")).toEqual({ a: [1, null] });
    expect(toCell(null, "int")).toBeNull();
  });

  it("converts a whole row by its columns", () => {
    const columns = [
      { name: "id", type: "integer" as const, nativeType: "bigint" },
      { name: "at", type: "timestamp" as const, nativeType: "timestamp" },
    ];
    expect(toRow({ id: "1", at: "2024-01-02 03:04:05", ignored: 1 }, columns)).toEqual({ id: "1", at: "2024-01-02T03:04:05Z" });
  });
});
