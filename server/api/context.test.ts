import { describe, expect, it } from "vitest";
import { bearerToken } from "./context";

describe("bearerToken", () => {
  it.each([
    ["Bearer sluice_abc", "sluice_abc"],
    ["bearer sluice_abc", "sluice_abc"],
    ["BEARER   sluice_abc  ", "sluice_abc"],
  ])("reads %j", (header, token) => {
    expect(bearerToken(new Headers({ authorization: header }))).toBe(token);
  });

  it.each([
    ["no header", undefined],
    ["another scheme", "Basic dXNlcjpwYXNz"],
    ["no token", "Bearer "],
    ["two words", "Bearer sluice_abc extra"],
    ["no space", "Bearersluice_abc"],
  ])("ignores %s", (_name, header) => {
    const headers = new Headers(header === undefined ? {} : { authorization: header });
    expect(bearerToken(headers)).toBeUndefined();
  });
});
