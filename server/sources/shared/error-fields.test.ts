import { describe, expect, it } from "vitest";
import { networkCode } from "./error-fields";

describe("networkCode", () => {
  it("finds the socket error code behind SDK wrappers", () => {
    const wrapped = { name: "NetworkError", code: 401001, cause: { code: "ECONNREFUSED" } };
    expect(networkCode(wrapped)).toBe("ECONNREFUSED");
    expect(networkCode({ code: "EAI_AGAIN" })).toBe("EAI_AGAIN");
    expect(networkCode({ code: "ERR_OSSL_BAD_DECRYPT" })).toBeUndefined();
    expect(networkCode(new Error("plain"))).toBeUndefined();
  });
});
