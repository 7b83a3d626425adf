import { describe, expect, it } from "vitest";
import { arrayText, textArray, toText } from "./transform";

describe("array literals", () => {
  it("quotes every element and escapes backslashes and double quotes", () => {
    expect(textArray(["a", 'say "hi"', "back\\slash", "", null, "NULL", "{,}"])).toBe('{"a","say \\"hi\\"","back\\\\slash","",NULL,"NULL","{,}"}');
    expect(textArray([])).toBe("{}");
  });

  it("writes nested arrays as dimensions, objects as JSON elements", () => {
    expect(arrayText([[1, 2], [3, null]])).toBe('{{"1","2"},{"3",NULL}}');
    expect(arrayText([{ a: 1 }, true])).toBe('{"{\\"a\\":1}","true"}');
  });
});

describe("toText", () => {
  const text = { format: "text" } as const;

  it("gives the text Postgres parses for the column's type", () => {
    expect(toText("2024-01-02T03:04:05.123456Z", text)).toBe("2024-01-02T03:04:05.123456Z");
    expect(toText(42, text)).toBe("42");
    expect(toText(0.1, text)).toBe("0.1");
    expect(toText(true, text)).toBe("true");
    expect(toText(null, text)).toBeNull();
    expect(toText(undefined, text)).toBeNull();
    expect(toText({ a: [1] }, text)).toBe('{"a":[1]}');
  });

  it("writes JSON for json columns, also for strings", () => {
    expect(toText("hello", { format: "json" })).toBe('"hello"');
    expect(toText({ plan: "pro" }, { format: "json" })).toBe('{"plan":"pro"}');
    expect(toText([1, 2], { format: "json" })).toBe("[1,2]");
  });

  it("writes array literals for array columns", () => {
    expect(toText(["vip", 'a"b'], { format: "array" })).toBe('{"vip","a\\"b"}');
    expect(toText("{already,literal}", { format: "array" })).toBe("{already,literal}");
  });
});
