import { describe, expect, it } from "vitest";
import { mysqlDateTime, toParam } from "./transform";

describe("mysqlDateTime", () => {
  it("rewrites ISO 8601 in UTC, keeping up to microseconds", () => {
    expect(mysqlDateTime("2024-01-02T03:04:05.123456Z")).toBe("2024-01-02 03:04:05.123456");
    expect(mysqlDateTime("2024-01-02T03:04:05+02:00")).toBe("2024-01-02 01:04:05");
    expect(mysqlDateTime("2024-01-01T23:30:00.5-0130")).toBe("2024-01-02 01:00:00.5");
    expect(mysqlDateTime("2024-01-02 03:04")).toBe("2024-01-02 03:04:00");
  });

  it("leaves anything else to the server", () => {
    expect(mysqlDateTime("2024-01-02")).toBe("2024-01-02");
    expect(mysqlDateTime("yesterday")).toBe("yesterday");
  });
});

describe("toParam", () => {
  const column = (type: "integer" | "string" | "timestamp", dataType: string, json = false) => ({ type, dataType, json });

  it("passes strings and numbers, and makes booleans fit the column", () => {
    expect(toParam("abc", column("string", "varchar"))).toBe("abc");
    expect(toParam(12.5, column("integer", "int"))).toBe(12.5);
    expect(toParam(true, column("integer", "tinyint"))).toBe(1);
    expect(toParam(false, column("string", "varchar"))).toBe("false");
    expect(toParam(null, column("string", "varchar"))).toBeNull();
  });

  it("writes JSON for JSON columns and for objects elsewhere", () => {
    expect(toParam("vip", column("string", "longtext", true))).toBe('"vip"');
    expect(toParam({ a: 1 }, column("string", "longtext", true))).toBe('{"a":1}');
    expect(toParam(["x"], column("string", "text"))).toBe('["x"]');
  });

  it("rewrites timestamps for temporal columns only", () => {
    expect(toParam("2024-01-02T03:04:05Z", column("timestamp", "datetime"))).toBe("2024-01-02 03:04:05");
    expect(toParam("2024-01-02T03:04:05Z", column("string", "varchar"))).toBe("2024-01-02T03:04:05Z");
  });
});
