import { describe, expect, it } from "vitest";
import { userSqlPosition } from "./positions";

describe("userSqlPosition", () => {
  const sql = "select a,\n  b\nfrom t";

  it("maps line/column of the wrapped statement to the user's 1-based position", () => {
    expect(userSqlPosition(sql, 2, 0)).toBe(1);
    expect(userSqlPosition(sql, 3, 2)).toBe(13);
    expect(sql[12]).toBe("b");
    expect(userSqlPosition(sql, 4, 5)).toBe(20);
  });

  it("accounts for trimmed leading whitespace and other first lines", () => {
    expect(userSqlPosition("\n  select x", 2, 7)).toBe(11);
    expect(userSqlPosition("select x", 1, 7, 1)).toBe(8);
  });

  it("is undefined outside the user's SQL", () => {
    expect(userSqlPosition(sql, 1, 0)).toBeUndefined();
    expect(userSqlPosition(sql, 5, 0)).toBeUndefined();
    expect(userSqlPosition(sql, 2, 99)).toBeUndefined();
  });
});
