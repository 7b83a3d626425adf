import { describe, expect, it } from "vitest";
import { SourceCancelledError, SourceQueryError } from "../types";
import { classifyConnectionError, isTlsHandshakeReset, toSourceError } from "./errors";

const ctx = { host: "db.example.com", port: 5432, user: "analyst", database: "shop", sslMode: "require" as const };
const serverError = (code: string, message: string, extra: Record<string, string> = {}) =>
  Object.assign(new Error(message), { code, severity: "FATAL", ...extra });
const nodeError = (code: string, message = code) => Object.assign(new Error(message), { code });

describe("classifyConnectionError", () => {
  it.each([
    [serverError("28P01", 'password authentication failed for user "analyst"'), "auth_failed", 'The password for user "analyst" was rejected'],
    [serverError("3D000", 'database "shop" does not exist'), "database_not_found", 'The database "shop" does not exist on db.example.com:5432.'],
    [serverError("42501", 'permission denied for database "shop"'), "permission_denied", "lacks the CONNECT privilege"],
    [serverError("28000", 'role "analyst" is not permitted to log in'), "permission_denied", "NOLOGIN"],
    [serverError("28000", 'pg_hba.conf rejects connection for host "10.0.0.1", user "analyst", database "shop", no encryption'), "tls_required", 'set SSL mode to "require"'],
    [serverError("28000", 'no pg_hba.conf entry for host "10.0.0.1", user "analyst", database "shop", SSL encryption'), "permission_denied", "pg_hba.conf"],
    [nodeError("ENOTFOUND", "getaddrinfo ENOTFOUND db.example.com"), "host_not_found", 'The host "db.example.com" could not be found'],
    [nodeError("EAI_AGAIN"), "host_not_found", "DNS lookup failed"],
    [nodeError("ECONNREFUSED"), "connection_refused", "db.example.com:5432"],
    [nodeError("CONNECT_TIMEOUT"), "timeout", "did not answer within 10 s"],
    [nodeError("DEPTH_ZERO_SELF_SIGNED_CERT"), "tls_required", "could not be verified (DEPTH_ZERO_SELF_SIGNED_CERT)"],
    [nodeError("ERR_TLS_CERT_ALTNAME_INVALID"), "tls_required", "add the CA certificate"],
    [nodeError("ECONNRESET", "Client network socket disconnected before secure TLS connection was established"), "tls_required", "may not support TLS"],
    [serverError("53300", "sorry, too many clients already"), "unknown", "too many clients"],
    [nodeError("EHOSTUNREACH"), "unknown", "cannot be reached"],
  ])("%#: %s → %s", (error, code, message) => {
    const result = classifyConnectionError(error, ctx, 10_000);
    expect(result.code).toBe(code);
    expect(result.message).toContain(message);
  });

  it("recognises the TLS handshake reset that hints at a server without TLS", () => {
    expect(isTlsHandshakeReset(nodeError("ECONNRESET", "Client network socket disconnected before secure TLS connection was established"))).toBe(true);
    expect(isTlsHandshakeReset(nodeError("ECONNRESET", "read ECONNRESET"))).toBe(false);
  });
});

describe("toSourceError", () => {
  const query = { kind: "sql" as const, sql: "select nosuch from t" };
  const statement = "SELECT * FROM (select nosuch from t\n) AS sluice_model LIMIT 100";
  const base = { statement, query, connection: ctx, timeoutMs: 30_000 };

  it("keeps the server's message and maps the position into the model SQL", () => {
    const error = serverError("42703", 'column "nosuch" does not exist', { severity: "ERROR", position: "23" });
    const result = toSourceError(error, base);
    expect(result).toBeInstanceOf(SourceQueryError);
    expect(result.message).toBe('column "nosuch" does not exist');
    expect(result instanceof SourceQueryError && result.position).toBe(8);
  });

  it("adds the server's hint", () => {
    const error = serverError("42703", 'column "nosuch" does not exist', { severity: "ERROR", hint: 'Perhaps you meant "such".' });
    expect(toSourceError(error, base).message).toBe('column "nosuch" does not exist (Perhaps you meant "such".)');
  });

  it("turns a cancel and a statement timeout into SourceCancelledError", () => {
    const cancelled = toSourceError(serverError("57014", "canceling statement due to user request", { severity: "ERROR" }), base);
    expect(cancelled).toBeInstanceOf(SourceCancelledError);
    expect(cancelled.message).toBe("The query was cancelled.");
    const timedOut = toSourceError(serverError("57014", "canceling statement due to statement timeout", { severity: "ERROR" }), base);
    expect(timedOut.message).toBe("The query ran longer than 30 s and was stopped.");
  });

  it("explains connection failures with the check messages", () => {
    const result = toSourceError(serverError("28P01", "password authentication failed"), base);
    expect(result).toBeInstanceOf(SourceQueryError);
    expect(result.message).toContain('The password for user "analyst" was rejected');
  });

  it("passes other errors through unchanged", () => {
    const bug = new TypeError("boom");
    expect(toSourceError(bug, base)).toBe(bug);
  });
});
