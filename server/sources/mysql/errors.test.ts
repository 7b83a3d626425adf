import { describe, expect, it } from "vitest";
import { SourceCancelledError, SourceQueryError } from "../types";
import { classifyConnectionError, toSourceError } from "./errors";

const ctx = { host: "db.example.com", port: 3306, user: "analyst", database: "shop" };
const serverError = (errno: number, message: string) => Object.assign(new Error(message), { errno, sqlState: "HY000", code: "ER_X" });
const nodeError = (code: string, message = code) => Object.assign(new Error(message), { code, errno: -1 });

describe("classifyConnectionError", () => {
  it.each([
    [serverError(1045, "Access denied for user 'analyst'@'10.0.0.1' (using password: YES)"), "auth_failed", 'The password for user "analyst" was rejected'],
    [serverError(1044, "Access denied for user 'analyst'@'%' to database 'shop'"), "permission_denied", 'may not use database "shop"'],
    [serverError(1049, "Unknown database 'shop'"), "database_not_found", 'The database "shop" does not exist on db.example.com:3306.'],
    [serverError(1130, "Host '10.0.0.1' is not allowed to connect to this MariaDB server"), "permission_denied", "not allowed to connect"],
    [serverError(3159, "Connections using insecure transport are prohibited while --require_secure_transport=ON."), "tls_required", "only accepts encrypted"],
    [serverError(4151, "Connections using insecure transport are prohibited"), "tls_required", "only accepts encrypted"],
    [serverError(1040, "Too many connections"), "unknown", "Too many connections"],
    [nodeError("ENOTFOUND"), "host_not_found", 'The host "db.example.com" could not be found'],
    [nodeError("ECONNREFUSED"), "connection_refused", "db.example.com:3306"],
    [nodeError("ETIMEDOUT", "connect ETIMEDOUT"), "timeout", "did not answer within 10 s"],
    [nodeError("HANDSHAKE_NO_SSL_SUPPORT", "Server does not support secure connection"), "tls_required", "does not support TLS"],
    [nodeError("HANDSHAKE_SSL_ERROR", "self-signed certificate"), "tls_required", "could not be verified (self-signed certificate)"],
    [nodeError("HANDSHAKE_SSL_ERROR", "wrong version number"), "tls_required", "The TLS handshake failed"],
    [nodeError("EHOSTUNREACH"), "unknown", "cannot be reached"],
  ])("%#: %s → %s", (error, code, message) => {
    const result = classifyConnectionError(error, ctx, 10_000);
    expect(result.code).toBe(code);
    expect(result.message).toContain(message);
  });
});

describe("toSourceError", () => {
  const base = { statement: "SELECT 1", connection: ctx, timeoutMs: 30_000 };

  it("turns the time limits of MariaDB and MySQL into SourceCancelledError", () => {
    for (const errno of [1969, 3024]) {
      const result = toSourceError(serverError(errno, "Query execution was interrupted"), base);
      expect(result).toBeInstanceOf(SourceCancelledError);
      expect(result.message).toBe("The query ran longer than 30 s and was stopped.");
    }
  });

  it("tells a KILL for the signal from a KILL for the time limit", () => {
    const interrupted = serverError(1317, "Query execution was interrupted");
    expect(toSourceError(interrupted, base).message).toBe("The query was cancelled.");
    expect(toSourceError(interrupted, { ...base, killedForTime: true }).message).toBe("The query ran longer than 30 s and was stopped.");
  });

  it("keeps the server's message for refused statements and reports a lost connection", () => {
    const refused = toSourceError(serverError(1146, "Table 'shop.nope' doesn't exist"), base);
    expect(refused).toBeInstanceOf(SourceQueryError);
    expect(refused.message).toBe("Table 'shop.nope' doesn't exist");
    const lost = toSourceError(nodeError("PROTOCOL_CONNECTION_LOST", "Connection lost: The server closed the connection."), base);
    expect(lost.message).toBe("The connection to db.example.com:3306 was lost: Connection lost: The server closed the connection.");
  });

  it("passes other errors through unchanged", () => {
    const bug = new TypeError("boom");
    expect(toSourceError(bug, base)).toBe(bug);
  });
});
