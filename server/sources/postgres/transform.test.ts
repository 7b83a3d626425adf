import { describe, expect, it } from "vitest";
import { canonicalType, columnType, fromText, isoTimestamp, parseArrayText, toRow } from "./transform";

describe("column types", () => {
  it("canonicalizes information_schema, pg_type and format_type names", () => {
    expect(canonicalType("int4")).toBe("integer");
    expect(canonicalType("character varying(255)")).toBe("character varying");
    expect(canonicalType("timestamp(3) with time zone")).toBe("timestamp with time zone");
    expect(canonicalType("_int8")).toBe("bigint[]");
    expect(canonicalType("numeric(10,2)[]")).toBe("numeric[]");
  });

  it("maps native types to portable ones", () => {
    expect(columnType("bigint")).toBe("integer");
    expect(columnType("numeric(12,2)")).toBe("number");
    expect(columnType("double precision")).toBe("number");
    expect(columnType("bool")).toBe("boolean");
    expect(columnType("date")).toBe("date");
    expect(columnType("timestamptz")).toBe("timestamp");
    expect(columnType("jsonb")).toBe("json");
    expect(columnType("super")).toBe("json");
    expect(columnType("integer[]")).toBe("json");
    expect(columnType("uuid")).toBe("string");
    expect(columnType("bytea")).toBe("string");
  });

  it("treats enums as strings and leaves other unknown types unknown", () => {
    expect(columnType("mood", "e")).toBe("string");
    expect(columnType("geometry", "b")).toBe("unknown");
  });
});

describe("isoTimestamp", () => {
  it("turns UTC timestamps into ISO strings with Z, keeping microseconds", () => {
    expect(isoTimestamp("2024-01-02 03:04:05.123456+00")).toBe("2024-01-02T03:04:05.123456Z");
    expect(isoTimestamp("2024-01-02 03:04:05+00")).toBe("2024-01-02T03:04:05Z");
  });

  it("keeps other offsets and adds none to timestamps without a zone", () => {
    expect(isoTimestamp("2024-01-02 03:04:05+05:30")).toBe("2024-01-02T03:04:05+05:30");
    expect(isoTimestamp("2024-01-02 03:04:05-08")).toBe("2024-01-02T03:04:05-08:00");
    expect(isoTimestamp("2024-01-02 03:04:05.5")).toBe("2024-01-02T03:04:05.5");
  });

  it("leaves infinity and BC dates as the server wrote them", () => {
    expect(isoTimestamp("infinity")).toBe("infinity");
    expect(isoTimestamp("0044-03-15 12:00:00+00 BC")).toBe("0044-03-15 12:00:00+00 BC");
  });
});

describe("parseArrayText", () => {
  const asText = (raw: string) => raw;

  it("parses flat, quoted, NULL and nested arrays", () => {
    expect(parseArrayText("{}", asText)).toEqual([]);
    expect(parseArrayText('{a,"b,c",NULL,"NULL","say \\"hi\\"","back\\\\slash"}', asText)).toEqual([
      "a",
      "b,c",
      null,
      "NULL",
      'say "hi"',
      "back\\slash",
    ]);
    expect(parseArrayText("{{1,2},{3,4}}", asText)).toEqual([["1", "2"], ["3", "4"]]);
  });

  it("skips explicit bounds and returns malformed text unchanged", () => {
    expect(parseArrayText("[0:1]={x,y}", asText)).toEqual(["x", "y"]);
    expect(parseArrayText("{a,b", asText)).toBe("{a,b");
    expect(parseArrayText('{"open', asText)).toBe('{"open');
    expect(parseArrayText("{a}trailing", asText)).toBe("{a}trailing");
  });
});

describe("fromText", () => {
  it("keeps exact numbers exact and parses the small ones", () => {
    expect(fromText("9007199254740993", "bigint")).toBe("9007199254740993");
    expect(fromText("12345678901234567890.123", "numeric")).toBe("12345678901234567890.123");
    expect(fromText("42", "integer")).toBe(42);
    expect(fromText("1.5", "double precision")).toBe(1.5);
    expect(fromText("NaN", "real")).toBe("NaN");
    expect(fromText("Infinity", "float8")).toBe("Infinity");
  });

  it("converts booleans, json, bytea, dates and timestamps", () => {
    expect(fromText("t", "boolean")).toBe(true);
    expect(fromText("f", "bool")).toBe(false);
    expect(fromText('{"a":[1,"x",null]}', "jsonb")).toEqual({ a: [1, "x", null] });
    expect(fromText('"123"', "json")).toBe("123");
    expect(fromText("\\x0102ff", "bytea")).toBe(Buffer.from([1, 2, 255]).toString("base64"));
    expect(fromText("2024-02-29", "date")).toBe("2024-02-29");
    expect(fromText("2024-01-02 03:04:05+00", "timestamptz")).toBe("2024-01-02T03:04:05Z");
  });

  it("converts array elements by the element type", () => {
    expect(fromText("{1,NULL,3}", "integer[]")).toEqual([1, null, 3]);
    expect(fromText("{t,f}", "_bool")).toEqual([true, false]);
    expect(fromText('{"2024-01-02 03:04:05+00"}', "timestamp with time zone[]")).toEqual(["2024-01-02T03:04:05Z"]);
    expect(fromText('{"{\\"a\\":1}"}', "jsonb[]")).toEqual([{ a: 1 }]);
  });
});

describe("toRow", () => {
  it("converts each column of a row by its native type, nulls stay null", () => {
    const columns = [
      { name: "id", type: "integer" as const, nativeType: "bigint" },
      { name: "at", type: "timestamp" as const, nativeType: "timestamp with time zone" },
      { name: "gone", type: "string" as const, nativeType: "text" },
    ];
    expect(toRow({ id: "7", at: "2024-01-02 03:04:05+00", gone: null }, columns)).toEqual({
      id: "7",
      at: "2024-01-02T03:04:05Z",
      gone: null,
    });
  });
});
