import { describe, expect, it } from "vitest";
import { floatCell, integerCell, parseJsonCell, toCell, toJsonCell, uniqueNames } from "./values";

describe("toJsonCell", () => {
  it("makes driver values JSON-safe", () => {
    expect(toJsonCell(undefined)).toBeNull();
    expect(toJsonCell(10n)).toBe("10");
    expect(toJsonCell(Number.POSITIVE_INFINITY)).toBe("Infinity");
    expect(toJsonCell(new Date("2024-01-02T03:04:05.000Z"))).toBe("2024-01-02T03:04:05.000Z");
    expect(toJsonCell(Buffer.from("hi"))).toBe("aGk=");
    expect(toJsonCell({ nested: [1n, { x: null }] })).toEqual({ nested: ["1", { x: null }] });
  });
});

describe("parseJsonCell", () => {
  it("parses JSON text into cells and keeps other text as it is", () => {
    expect(parseJsonCell('{"a":[1,{"b":null}],"c":"d"}')).toEqual({ a: [1, { b: null }], c: "d" });
    expect(parseJsonCell("not json")).toBe("not json");
  });
});

describe("JSON-safe values", () => {
  it("keeps integers exact", () => {
    expect(integerCell("9007199254740991")).toBe(9007199254740991);
    expect(integerCell("9007199254740993")).toBe("9007199254740993");
    expect(integerCell(-(2n ** 70n))).toBe("-1180591620717411303424");
    expect(integerCell(2 ** 60)).toBe("1152921504606846976");
  });

  it("keeps floats JSON-safe", () => {
    expect(floatCell("2.5")).toBe(2.5);
    expect(floatCell("-Infinity")).toBe("-Infinity");
    expect(floatCell(Number.NaN)).toBe("NaN");
  });

  it("converts driver values", () => {
    expect(toCell(new Date("2024-01-05T10:00:00Z"))).toBe("2024-01-05T10:00:00.000Z");
    expect(toCell(new Date(Number.NaN))).toBeNull();
    expect(toCell(Buffer.from("hi"))).toBe("aGk=");
    expect(toCell(new Map<unknown, unknown>([[1, 2n]]))).toEqual({ 1: 2 });
    expect(toCell([undefined, Symbol("s"), () => 1])).toEqual([null, "Symbol(s)", null]);
    expect(toCell(Number.POSITIVE_INFINITY)).toBe("Infinity");
  });

  it("makes column names unique", () => {
    expect(uniqueNames(["id", "id", "name", "id_2", "id"])).toEqual(["id", "id_2", "name", "id_2_2", "id_3"]);
  });
});
