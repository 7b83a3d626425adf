import { describe, expect, it } from "vitest";
import { SourceCancelledError, SourceQueryError, type ModelQuery } from "../types";
import { DeadlineError } from "../shared/time-limits";
import { classifyCheckError, errorClass, toQueryError } from "./errors";

const context = {
  host: "dbc-a1b2345c-d6e7.cloud.databricks.com",
  httpPath: "/sql/1.0/warehouses/abc123def456",
  catalog: "main",
  schema: "sales",
  timeoutMs: 10_000,
};

/** THTTPException (ThriftHttpConnection): a non-200 answer to a Thrift request. */
function httpError(statusCode: number): Error {
  return Object.assign(new Error(`Received a response with a bad HTTP status code: ${statusCode}`), {
    name: "TApplicationException",
    type: 7,
    statusCode,
  });
}

/** StatusError (errors/StatusError): a Thrift call answered with ERROR_STATUS. */
function statusError(message: string): object {
  return { name: "Status Error", message, code: -1 };
}

/** OperationStateError (errors/OperationStateError): the operation ended in ERROR/CANCELED/TIMEOUT. */
function operationError(errorCode: string, displayMessage: string, sqlState?: string): Error {
  return Object.assign(new Error(displayMessage), {
    name: "OperationStateError",
    errorCode,
    response: { status: { statusCode: 0 }, operationState: 5, sqlState, errorMessage: displayMessage, displayMessage },
  });
}

function fetchError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: "FetchError", type: "system", code, errno: code });
}

describe("databricks errorClass", () => {
  it("reads Spark's error class", () => {
    expect(errorClass("[TABLE_OR_VIEW_NOT_FOUND] The table or view `x` cannot be found.")).toBe("TABLE_OR_VIEW_NOT_FOUND");
    expect(errorClass("[INVALID_PARAMETER_VALUE.LOCATION_OVERLAP] …")).toBe("INVALID_PARAMETER_VALUE.LOCATION_OVERLAP");
    expect(errorClass("Some other message")).toBeUndefined();
  });
});

describe("databricks classifyCheckError", () => {
  it.each([
    [
      httpError(401),
      "auth_failed",
      "Databricks refused the access token (HTTP 401): it is invalid or expired, or may not use this SQL warehouse.",
    ],
    [
      httpError(403),
      "auth_failed",
      "Databricks refused the access token (HTTP 403): it is invalid or expired, or may not use this SQL warehouse.",
    ],
    [
      httpError(404),
      "invalid_config",
      "There is no SQL warehouse at /sql/1.0/warehouses/abc123def456 on dbc-a1b2345c-d6e7.cloud.databricks.com. Copy the HTTP path from its Connection details.",
    ],
    [
      httpError(503),
      "timeout",
      "The SQL warehouse at dbc-a1b2345c-d6e7.cloud.databricks.com is starting or busy (HTTP 503). Try again in a minute.",
    ],
    [
      fetchError("ECONNREFUSED", "request to https://dbc-a1b2345c-d6e7.cloud.databricks.com:443/sql/1.0/warehouses/abc123def456 failed, reason: connect ECONNREFUSED 10.1.2.3:443"),
      "connection_refused",
      "Could not reach dbc-a1b2345c-d6e7.cloud.databricks.com: the connection was refused.",
    ],
    [
      fetchError("ENOTFOUND", "request to https://dbc-nope.cloud.databricks.com:443/sql/1.0/warehouses/x failed, reason: getaddrinfo ENOTFOUND dbc-nope.cloud.databricks.com"),
      "host_not_found",
      "Could not find dbc-a1b2345c-d6e7.cloud.databricks.com. Check the server hostname.",
    ],
    [
      Object.assign(new Error("Request timed out"), { name: "TApplicationException", type: 0 }),
      "timeout",
      "Could not reach dbc-a1b2345c-d6e7.cloud.databricks.com: no answer within 10 s.",
    ],
    [
      new DeadlineError(10_000),
      "timeout",
      "Could not reach dbc-a1b2345c-d6e7.cloud.databricks.com: no answer within 10 s. A stopped SQL warehouse may still be starting.",
    ],
    [
      fetchError("", "request to https://10.1.2.3/ failed, reason: self-signed certificate in certificate chain"),
      "tls_required",
      "Could not open a secure connection to dbc-a1b2345c-d6e7.cloud.databricks.com: request to https://10.1.2.3/ failed, reason: self-signed certificate in certificate chain",
    ],
    [
      statusError("[NO_SUCH_CATALOG_EXCEPTION] Catalog 'main' was not found. Please verify the catalog name and then retry the query or command again. SQLSTATE: 42704"),
      "database_not_found",
      "The catalog main does not exist, or the token may not use it.",
    ],
    [
      statusError("[SCHEMA_NOT_FOUND] The schema `main`.`sales` cannot be found. Verify the spelling and correctness of the schema and catalog. SQLSTATE: 42704"),
      "database_not_found",
      "The schema sales does not exist, or the token may not use it.",
    ],
    [
      operationError("ERROR", "[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have USE CATALOG on Catalog 'main'. SQLSTATE: 42501", "42501"),
      "permission_denied",
      "[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have USE CATALOG on Catalog 'main'. SQLSTATE: 42501",
    ],
  ])("%s → %s", (error, code, message) => {
    expect(classifyCheckError(error, context)).toEqual({ code, message });
  });
});

describe("databricks toQueryError", () => {
  const model: ModelQuery = { kind: "sql", sql: "select id,\n  emial\nfrom sales.customers" };

  it("maps `line N pos M` into the user's SQL", () => {
    const error = toQueryError(
      operationError(
        "ERROR",
        "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `emial` cannot be resolved. Did you mean one of the following? [`email`, `id`]. SQLSTATE: 42703; line 3 pos 2",
        "42703",
      ),
      model,
    );
    expect(error).toBeInstanceOf(SourceQueryError);
    expect(error).toMatchObject({ position: 14 });
    expect(error instanceof Error ? error.message : "").toMatch(/SQLSTATE: 42703; line 2 pos 2$/);
    expect(model.sql.slice(13, 18)).toBe("emial");
  });

  it("maps `(line N, pos M)` of a syntax error refused at once", () => {
    const error = toQueryError(statusError("[PARSE_SYNTAX_ERROR] Syntax error at or near 'emial'. SQLSTATE: 42601 (line 3, pos 2)"), model);
    expect(error).toMatchObject({ message: "[PARSE_SYNTAX_ERROR] Syntax error at or near 'emial'. SQLSTATE: 42601 (line 2, pos 2)", position: 14 });
  });

  it("has no position for a table model", () => {
    const error = toQueryError(
      operationError("ERROR", "[TABLE_OR_VIEW_NOT_FOUND] The table or view `sales`.`gone` cannot be found. SQLSTATE: 42P01; line 1 pos 14", "42P01"),
      { kind: "table", schema: "sales", table: "gone" },
    );
    expect(error).toBeInstanceOf(SourceQueryError);
    expect(error).toMatchObject({ position: undefined });
  });

  it("turns cancelled and timed-out operations into cancellations", () => {
    expect(toQueryError(operationError("TIMEOUT", "The operation is in a timed out state"), model, 30_000)).toEqual(
      new SourceCancelledError("The query ran longer than 30 s and was stopped."),
    );
    expect(toQueryError(operationError("CANCELED", "The operation was canceled by a client"), model)).toEqual(
      new SourceCancelledError("The query was cancelled."),
    );
  });

  it("rethrows connection problems untouched", () => {
    const refused = fetchError("ECONNREFUSED", "connect ECONNREFUSED");
    expect(toQueryError(refused, model)).toBe(refused);
    const unauthorized = httpError(403);
    expect(toQueryError(unauthorized, model)).toBe(unauthorized);
    const invalidSession = statusError("Invalid SessionHandle: SessionHandle [0c2f…]");
    expect(toQueryError(invalidSession, model)).toBe(invalidSession);
  });
});
