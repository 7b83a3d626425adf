import { describe, expect, it } from "vitest";
import { classifyWriteError } from "./errors";

const ctx = { host: "db.internal", port: 3306, user: "writer", database: "crm" };

function serverError(errno: number, sqlState: string, message: string) {
  return Object.assign(new Error(message), { errno, sqlState, code: "ER_X" });
}

describe("classifyWriteError", () => {
  it("pins values the server refuses on records", () => {
    expect(classifyWriteError(serverError(1366, "22007", "Incorrect integer value: 'abc' for column `score` at row 1"), ctx)).toEqual({
      kind: "record",
      reason: "Incorrect integer value: 'abc' for column `score` at row 1",
    });
    for (const [errno, state] of [[1048, "23000"], [1062, "23000"], [1364, "HY000"], [1406, "22001"], [4025, "23000"]] as const) {
      expect(classifyWriteError(serverError(errno, state, "no"), ctx)).toMatchObject({ kind: "record" });
    }
  });

  it("retries deadlocks, lock waits, interrupted statements and lost connections", () => {
    for (const errno of [1213, 1205, 1317, 1040, 1927]) {
      expect(classifyWriteError(serverError(errno, "40001", "try again"), ctx)).toEqual({ kind: "retry", reason: "try again" });
    }
    const lost = Object.assign(new Error("Connection lost: The server closed the connection."), { code: "PROTOCOL_CONNECTION_LOST", fatal: true });
    expect(classifyWriteError(lost, ctx)).toMatchObject({ kind: "retry" });
  });

  it("refuses bad logins, missing privileges, a missing table and a read-only server", () => {
    expect(classifyWriteError(serverError(1045, "28000", "Access denied for user"), ctx)).toMatchObject({
      kind: "refused",
      error: { code: "auth_failed", message: expect.stringMatching(/^The password for user "writer" was rejected/) as string },
    });
    expect(classifyWriteError(serverError(1142, "42000", "INSERT command denied to user 'writer'@'%' for table `customers`"), ctx)).toMatchObject({
      kind: "refused",
      error: { code: "permission_denied" },
    });
    expect(classifyWriteError(serverError(1146, "42S02", "Table 'crm.customers' doesn't exist"), ctx)).toMatchObject({
      kind: "refused",
      error: { code: "not_found", message: "Table 'crm.customers' doesn't exist: choose one of the tables listed." },
    });
    expect(classifyWriteError(serverError(1290, "HY000", "The MariaDB server is running with the --read-only option"), ctx)).toMatchObject({
      kind: "refused",
      error: { code: "invalid_config" },
    });
  });

  it("leaves anything else to the caller", () => {
    const bug = new TypeError("x is undefined");
    expect(classifyWriteError(bug, ctx)).toEqual({ kind: "unexpected", error: bug });
  });
});
