import { describe, expect, it } from "vitest";
import { DestinationRefusedError } from "../types";
import { classifyWriteError } from "./errors";

const ctx = { host: "db.internal", port: 5432, user: "writer", database: "crm" };

function serverError(code: string, message: string, extra: Record<string, string> = {}) {
  return Object.assign(new Error(message), { code, severity: "ERROR", ...extra });
}

describe("classifyWriteError", () => {
  it("pins refused values on records, with the key of unique and foreign-key violations", () => {
    expect(classifyWriteError(serverError("22P02", 'invalid input syntax for type integer: "abc"'), ctx)).toEqual({
      kind: "record",
      reason: 'invalid input syntax for type integer: "abc"',
    });
    expect(classifyWriteError(serverError("23502", 'null value in column "email" violates not-null constraint', { detail: "Failing row contains (secret)." }), ctx)).toEqual({
      kind: "record",
      reason: 'null value in column "email" violates not-null constraint',
    });
    expect(classifyWriteError(serverError("23505", "duplicate key value violates unique constraint", { detail: "Key (email)=(a@x) already exists." }), ctx)).toEqual({
      kind: "record",
      reason: "duplicate key value violates unique constraint (Key (email)=(a@x) already exists.)",
    });
    expect(classifyWriteError(serverError("21000", "ON CONFLICT DO UPDATE command cannot affect row a second time"), ctx)).toMatchObject({ kind: "record" });
  });

  it("retries deadlocks, serialization failures, timeouts and shutdowns", () => {
    for (const code of ["40P01", "40001", "57014", "55P03", "57P01", "53300", "08006"]) {
      expect(classifyWriteError(serverError(code, "try again"), ctx)).toEqual({ kind: "retry", reason: "try again" });
    }
  });

  it("retries lost connections and refuses logins the check would fail", () => {
    const lost = Object.assign(new Error("write CONNECTION_CLOSED db.internal:5432"), { code: "CONNECTION_CLOSED" });
    expect(classifyWriteError(lost, ctx)).toMatchObject({ kind: "retry" });
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(classifyWriteError(refused, ctx)).toMatchObject({ kind: "retry", reason: expect.stringContaining("Nothing accepted the connection") as string });
    const password = Object.assign(new Error("password authentication failed"), { code: "28P01", severity: "FATAL" });
    expect(classifyWriteError(password, ctx)).toEqual({
      kind: "refused",
      error: new DestinationRefusedError('The password for user "writer" was rejected (Postgres answers the same when the user does not exist).', "auth_failed"),
    });
  });

  it("refuses missing privileges, a missing table and a read-only server", () => {
    expect(classifyWriteError(serverError("42501", "permission denied for table customers"), ctx)).toMatchObject({
      kind: "refused",
      error: { code: "permission_denied", message: 'User "writer" lacks a privilege: permission denied for table customers' },
    });
    expect(classifyWriteError(serverError("42P01", 'relation "customers" does not exist'), ctx)).toMatchObject({ kind: "refused", error: { code: "not_found" } });
    expect(classifyWriteError(serverError("25006", "cannot execute INSERT in a read-only transaction"), ctx)).toMatchObject({
      kind: "refused",
      error: { code: "invalid_config" },
    });
  });

  it("leaves anything else to the caller", () => {
    const bug = new TypeError("x is undefined");
    expect(classifyWriteError(bug, ctx)).toEqual({ kind: "unexpected", error: bug });
  });
});
