import { describe, expect, it } from "vitest";
import { compileMapping } from "./mapping";

describe("compileMapping", () => {
  it("sends a destination field named __proto__ as a field, not as the payload's prototype", () => {
    const mapping = compileMapping({
      version: 1,
      identifier: "id",
      fields: [
        { source: "id", destination: "id", transform: "none" },
        { source: "plan", destination: "__proto__", transform: "uppercase" },
      ],
    });
    const payload = mapping.payload({ id: 7, plan: "pro" });
    expect(Object.keys(payload)).toEqual(["id", "__proto__"]);
    expect(JSON.stringify(payload)).toBe('{"id":7,"__proto__":"PRO"}');
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
  });
});
