import { describe, expect, it } from "vitest";
import { commaList, normalizePem } from "./server-config";

describe("normalizePem", () => {
  it("restores the line breaks of a PEM pasted into a single-line field", () => {
    const body = "A".repeat(70);
    const pasted = `-----BEGIN CERTIFICATE----- ${body} -----END CERTIFICATE-----`;
    expect(normalizePem(pasted)).toBe(`-----BEGIN CERTIFICATE-----\n${"A".repeat(64)}\nAAAAAA\n-----END CERTIFICATE-----`);
  });

  it("joins the base64 body of a short PEM onto one line", () => {
    expect(normalizePem("-----BEGIN CERTIFICATE----- QUJD REVG -----END CERTIFICATE-----")).toBe(
      "-----BEGIN CERTIFICATE-----\nQUJDREVG\n-----END CERTIFICATE-----",
    );
  });
});

describe("commaList", () => {
  it("trims the items and drops empty ones", () => {
    expect(commaList(" public, analytics ,,")).toEqual(["public", "analytics"]);
    expect(commaList(undefined)).toEqual([]);
  });
});
