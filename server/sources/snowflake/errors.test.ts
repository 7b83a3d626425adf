import { describe, expect, it } from "vitest";
import { SourceCancelledError, SourceQueryError, type ModelQuery } from "../types";
import { DeadlineError } from "../shared/time-limits";
import { classifyCheckError, sessionProblem, toQueryError } from "./errors";

const context = { host: "acme-prod.snowflakecomputing.com", username: "SLUICE", role: "SLUICE_READER", timeoutMs: 10_000 };

/** Errors shaped as snowflake-sdk 3.x builds them (lib/errors.js): an Error with name, code, cause… */
function sdkError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(typeof fields.message === "string" ? fields.message : ""), fields);
}

function socketError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, syscall: "connect" });
}

describe("snowflake classifyCheckError: network", () => {
  it("says the connection was refused", () => {
    const error = sdkError({
      name: "NetworkError",
      code: 401001,
      message: "connect ECONNREFUSED 10.0.0.5:443",
      cause: socketError("ECONNREFUSED", "connect ECONNREFUSED 10.0.0.5:443"),
    });
    expect(classifyCheckError(error, context)).toEqual({
      code: "connection_refused",
      message: "Could not reach acme-prod.snowflakecomputing.com: the connection was refused.",
    });
  });

  it("points at the account identifier when the host does not exist", () => {
    const error = sdkError({
      name: "NetworkError",
      code: 401001,
      message: "getaddrinfo ENOTFOUND acme-prod.snowflakecomputing.com",
      cause: socketError("ENOTFOUND", "getaddrinfo ENOTFOUND acme-prod.snowflakecomputing.com"),
    });
    const result = classifyCheckError(error, context);
    expect(result.code).toBe("host_not_found");
    expect(result.message).toMatch(/^Could not find acme-prod\.snowflakecomputing\.com\. Check the account identifier/);
  });

  it("reports the SDK's own request timeout (axios ECONNABORTED) as a timeout", () => {
    const error = sdkError({
      name: "NetworkError",
      code: 401001,
      message: "timeout of 10000ms exceeded",
      cause: Object.assign(new Error("timeout of 10000ms exceeded"), { code: "ECONNABORTED" }),
    });
    expect(classifyCheckError(error, context)).toEqual({
      code: "timeout",
      message: "Could not reach acme-prod.snowflakecomputing.com: no answer within 10 s.",
    });
  });

  it("reports Sluice's own deadline as a timeout", () => {
    expect(classifyCheckError(new DeadlineError(1500), context)).toEqual({
      code: "timeout",
      message: "Could not reach acme-prod.snowflakecomputing.com: no answer within 1.5 s.",
    });
  });

  it("keeps the socket's message for other network failures", () => {
    const error = sdkError({ name: "NetworkError", code: 401001, message: "socket hang up", cause: socketError("ECONNRESET", "socket hang up") });
    expect(classifyCheckError(error, context)).toEqual({
      code: "unknown",
      message: "Could not reach acme-prod.snowflakecomputing.com: socket hang up",
    });
  });

  it("explains HTTP refusals", () => {
    const forbidden = sdkError({ name: "RequestFailedError", code: 401002, message: "Request to Snowflake failed.", response: { statusCode: 403 } });
    expect(classifyCheckError(forbidden, context).code).toBe("permission_denied");
    const missing = sdkError({ name: "RequestFailedError", code: 401002, message: "Request to Snowflake failed.", response: { statusCode: 404 } });
    expect(classifyCheckError(missing, context)).toEqual({
      code: "host_not_found",
      message: "There is no Snowflake account at acme-prod.snowflakecomputing.com. Check the account identifier.",
    });
  });
});

describe("snowflake classifyCheckError: sign-in", () => {
  const signIn = (code: string, message: string) =>
    sdkError({ name: "OperationFailedError", code, message, data: { nextAction: "RETRY_LOGIN", authnMethod: "USERNAME_PASSWORD" } });

  it.each([
    ["390100", "Incorrect username or password was specified.", "auth_failed", "Snowflake rejected the username or password of SLUICE."],
    ["390101", "User access disabled. Contact your local system administrator.", "auth_failed", "The Snowflake user SLUICE is disabled."],
    [
      "390102",
      "User temporarily locked. Contact your local system administrator or please try again later.",
      "auth_failed",
      "The Snowflake user SLUICE is temporarily locked after failed sign-ins. Try again later.",
    ],
    [
      "390144",
      "JWT token is invalid. [4cb8e42d-759a-48da-99b4-0c6a009a5191]",
      "auth_failed",
      "Snowflake rejected the key pair of SLUICE: the user's RSA_PUBLIC_KEY must match this private key.",
    ],
    [
      "390189",
      "Role 'SLUICE_READER' specified in the connect string does not exist or not authorized. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.",
      "permission_denied",
      "The role SLUICE_READER does not exist or is not granted to SLUICE.",
    ],
    [
      "390201",
      "The requested database does not exist or not authorized.",
      "database_not_found",
      "The requested database does not exist or not authorized. Check the database name and the role's grants.",
    ],
    [
      "390422",
      "IP 203.0.113.7 is not allowed to access Snowflake. Contact your local security administrator.",
      "permission_denied",
      "IP 203.0.113.7 is not allowed to access Snowflake. Contact your local security administrator. Allow Sluice's IP address in the account's network policy.",
    ],
  ])("code %s → %s", (code, message, expectedCode, expectedMessage) => {
    expect(classifyCheckError(signIn(code, message), context)).toEqual({ code: expectedCode, message: expectedMessage });
  });

  it("recognises an expired password by its message", () => {
    expect(classifyCheckError(signIn("390106", "Specified password has expired."), context)).toEqual({
      code: "auth_failed",
      message: "The password of SLUICE has expired.",
    });
  });

  it("keeps Snowflake's message for codes it does not know, without the request id", () => {
    expect(classifyCheckError(signIn("390999", "Something new happened. [7fb87e37-2f26-4a10-9f9c-72276ea898bf]"), context)).toEqual({
      code: "unknown",
      message: "Something new happened.",
    });
  });

  it("calls settings the SDK refuses invalid", () => {
    const error = sdkError({
      name: "InvalidParameterError",
      code: 404026,
      message: "Invalid private key. The specified value must be a PEM-formatted private key.",
    });
    expect(classifyCheckError(error, context)).toEqual({
      code: "invalid_config",
      message: "Invalid private key. The specified value must be a PEM-formatted private key.",
    });
  });
});

describe("snowflake sessionProblem", () => {
  const config = { database: "ANALYTICS", schema: "MARTS", warehouse: "REPORTING_WH", role: "SLUICE_READER" };

  it("is null when database, schema and warehouse are all in use", () => {
    expect(sessionProblem(config, ["ANALYTICS", "MARTS", "REPORTING_WH", "SLUICE_READER"])).toBeNull();
  });

  it("names a database the session did not get", () => {
    expect(sessionProblem(config, [null, null, "REPORTING_WH", "SLUICE_READER"])).toEqual({
      code: "database_not_found",
      message: "Database ANALYTICS does not exist, or the role SLUICE_READER cannot use it.",
    });
  });

  it("names a schema or warehouse the session did not get", () => {
    expect(sessionProblem(config, ["ANALYTICS", null, "REPORTING_WH", "SLUICE_READER"])?.message).toBe(
      "Schema MARTS does not exist in ANALYTICS, or the role SLUICE_READER cannot use it.",
    );
    expect(sessionProblem(config, ["ANALYTICS", "MARTS", null, "SLUICE_READER"])).toEqual({
      code: "invalid_config",
      message: "Warehouse REPORTING_WH does not exist, or the role SLUICE_READER has no USAGE on it.",
    });
  });

  it("does not require a schema that was not configured", () => {
    expect(sessionProblem({ database: "ANALYTICS", warehouse: "WH" }, ["ANALYTICS", null, "WH", "PUBLIC"])).toBeNull();
  });
});

describe("snowflake toQueryError", () => {
  const model: ModelQuery = { kind: "sql", sql: "select id,\n  emial\nfrom customers;" };
  const sqlError = (code: string, message: string, sqlState: string) => sdkError({ name: "OperationFailedError", code, message, sqlState, data: { type: "COMPILATION" } });

  it("maps a compilation error's position into the user's SQL and its line number", () => {
    const error = toQueryError(sqlError("000904", "SQL compilation error: error line 3 at position 2\ninvalid identifier 'EMIAL'", "42000"), model);
    expect(error).toBeInstanceOf(SourceQueryError);
    const queryError = error instanceof SourceQueryError ? error : null;
    expect(queryError?.message).toBe("SQL compilation error: error line 2 at position 2\ninvalid identifier 'EMIAL'");
    expect(queryError?.position).toBe(14);
    expect(model.sql.slice(13, 18)).toBe("emial");
  });

  it("counts leading blank lines of the user's SQL", () => {
    const padded: ModelQuery = { kind: "sql", sql: "\n\n  selec 1" };
    const error = toQueryError(sqlError("001003", "SQL compilation error:\nsyntax error line 2 at position 0 unexpected 'selec'.", "42000"), padded);
    expect(error).toMatchObject({ message: "SQL compilation error:\nsyntax error line 3 at position 0 unexpected 'selec'.", position: 5 });
  });

  it("has no position for a table model or a position outside the user's SQL", () => {
    const missing = sqlError("002003", "SQL compilation error:\nObject 'PUBLIC.GONE' does not exist or not authorized.", "42S02");
    const error = toQueryError(missing, { kind: "table", schema: "PUBLIC", table: "GONE" });
    expect(error).toBeInstanceOf(SourceQueryError);
    expect(error).toMatchObject({ position: undefined });
    const outside = toQueryError(sqlError("001003", "syntax error line 1 at position 14 unexpected 'LIMIT'.", "42000"), model);
    expect(outside).toMatchObject({ message: "syntax error line 1 at position 14 unexpected 'LIMIT'.", position: undefined });
  });

  it("turns statements Snowflake stopped into cancellations", () => {
    const timedOut = sqlError("000630", "Statement reached its statement or warehouse timeout of 30 second(s) and was canceled.", "57014");
    expect(toQueryError(timedOut, model, 30_000)).toEqual(new SourceCancelledError("The query ran longer than 30 s and was stopped."));
    expect(toQueryError(sqlError("000604", "SQL execution canceled", "57014"), model)).toEqual(
      new SourceCancelledError("The query was cancelled."),
    );
  });

  it("rethrows connection and session problems untouched, for check to explain", () => {
    const network = sdkError({ name: "NetworkError", code: 401001, message: "socket hang up" });
    expect(toQueryError(network, model)).toBe(network);
    const expired = sdkError({ name: "OperationFailedError", code: "390112", message: "Your session has expired. Please login again." });
    expect(toQueryError(expired, model)).toBe(expired);
    const cancelled = new SourceCancelledError("The query was cancelled.");
    expect(toQueryError(cancelled, model)).toBe(cancelled);
  });
});
