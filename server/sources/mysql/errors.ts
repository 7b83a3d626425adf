/**
 * Turns what mysql2 throws into Sluice's answers. Pure: errors are read structurally (server
 * errors carry `errno` and `sqlState`; network, TLS and driver errors a Node/mysql2 `code`).
 */
import { CHECK_TIMEOUT_MS, type CheckErrorCode, type ModelQuery, SourceCancelledError, SourceQueryError } from "../types";
import type { TMysqlConfig } from "./config";
import { syntaxErrorPosition } from "./dialect";

export type ConnectionContext = Pick<TMysqlConfig, "host" | "port" | "user" | "database">;
export type CheckFailure = { ok: false; code: CheckErrorCode; message: string };

type ErrorFields = { code?: string; errno?: number; sqlState?: string; message: string };

function fieldsOf(error: unknown): ErrorFields {
  if (typeof error !== "object" || error === null) return { message: String(error) };
  const code: unknown = Reflect.get(error, "code");
  const errno: unknown = Reflect.get(error, "errno");
  const sqlState: unknown = Reflect.get(error, "sqlState");
  const message: unknown = Reflect.get(error, "message");
  return {
    code: typeof code === "string" ? code : undefined,
    errno: typeof errno === "number" ? errno : undefined,
    sqlState: typeof sqlState === "string" ? sqlState : undefined,
    message: typeof message === "string" ? message : "Unknown error",
  };
}

/** A server error: it has a numeric errno and a SQLSTATE (Node's errno is negative, no SQLSTATE). */
function isServerError(fields: ErrorFields): boolean {
  return fields.sqlState !== undefined && fields.errno !== undefined && fields.errno > 0;
}

// MySQL/MariaDB error numbers (mysqld_error.h).
const ER_DBACCESS_DENIED = 1044;
const ER_ACCESS_DENIED = 1045;
const ER_BAD_DB = 1049;
const ER_HOST_NOT_PRIVILEGED = 1130;
const ER_QUERY_INTERRUPTED = 1317;
const ER_STATEMENT_TIMEOUT = 1969; // MariaDB max_statement_time
const ER_QUERY_TIMEOUT = 3024; // MySQL MAX_EXECUTION_TIME
const ER_SECURE_TRANSPORT_REQUIRED = 3159; // MySQL require_secure_transport

const CERTIFICATE_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

const NETWORK_CODES = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "PROTOCOL_CONNECTION_LOST",
  "HANDSHAKE_NO_SSL_SUPPORT",
  "HANDSHAKE_SSL_ERROR",
  ...CERTIFICATE_CODES,
]);

/**
 * MariaDB refuses a plain connection to a server with require_secure_transport, or for a user
 * created with REQUIRE SSL, with the same "Access denied" as a wrong password; `check` tells
 * them apart by trying TLS, and this is its answer when TLS got in.
 */
export function tlsRequiredForUser(ctx: ConnectionContext): CheckFailure {
  return {
    ok: false,
    code: "tls_required",
    message: `The server refused user "${ctx.user}" without encryption but accepts the same login over TLS: set SSL mode to "require" or "verify-full".`,
  };
}

export function timedOut(ctx: ConnectionContext, timeoutMs: number): CheckFailure {
  return {
    ok: false,
    code: "timeout",
    message: `${ctx.host}:${ctx.port} did not answer within ${Math.round(timeoutMs / 1000)} s: check the host, the port and any firewall in between.`,
  };
}

function failure(code: CheckErrorCode, message: string): CheckFailure {
  return { ok: false, code, message };
}

function classifyServerError(fields: ErrorFields, ctx: ConnectionContext): CheckFailure {
  switch (fields.errno) {
    case ER_ACCESS_DENIED:
      return failure(
        "auth_failed",
        `The password for user "${ctx.user}" was rejected (MySQL answers the same for an unknown user, a host the user may not connect from, or a user required to use TLS).`,
      );
    case ER_DBACCESS_DENIED:
      return failure("permission_denied", `User "${ctx.user}" may not use database "${ctx.database}".`);
    case ER_BAD_DB:
      return failure("database_not_found", `The database "${ctx.database}" does not exist on ${ctx.host}:${ctx.port}.`);
    case ER_HOST_NOT_PRIVILEGED:
      return failure("permission_denied", `The server does not accept connections from this host: ${fields.message}`);
    case ER_SECURE_TRANSPORT_REQUIRED:
      return failure("tls_required", 'The server only accepts encrypted connections: set SSL mode to "require" or "verify-full".');
    default:
      // MariaDB words require_secure_transport refusals differently but always says "insecure transport".
      return /insecure transport/i.test(fields.message)
        ? failure("tls_required", 'The server only accepts encrypted connections: set SSL mode to "require" or "verify-full".')
        : failure("unknown", `${ctx.host}:${ctx.port} refused the connection: ${fields.message}`);
  }
}

/** What a failed connection attempt means for the person filling in the form. */
export function classifyConnectionError(error: unknown, ctx: ConnectionContext, timeoutMs: number): CheckFailure {
  const fields = fieldsOf(error);
  if (isServerError(fields)) return classifyServerError(fields, ctx);
  const code = fields.code ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") {
    return failure("host_not_found", `The host "${ctx.host}" could not be found (DNS lookup failed): check the spelling.`);
  }
  if (code === "ECONNREFUSED") {
    return failure(
      "connection_refused",
      `Nothing accepted the connection on ${ctx.host}:${ctx.port}: check the port, and that the server is running and listening on this address.`,
    );
  }
  if (code === "ETIMEDOUT") return timedOut(ctx, timeoutMs);
  if (code === "HANDSHAKE_NO_SSL_SUPPORT") {
    return failure(
      "tls_required",
      'The server does not support TLS: set SSL mode to "disable" (only on a trusted network, e.g. a local server).',
    );
  }
  // mysql2 reports a failed TLS handshake as HANDSHAKE_SSL_ERROR with Node's message.
  if (CERTIFICATE_CODES.has(code) || (code === "HANDSHAKE_SSL_ERROR" && /certificate|altnames/i.test(fields.message))) {
    return failure(
      "tls_required",
      `The server's TLS certificate could not be verified (${code === "HANDSHAKE_SSL_ERROR" ? fields.message : code}): add the CA certificate that signed it, or use SSL mode "require".`,
    );
  }
  if (code === "HANDSHAKE_SSL_ERROR") return failure("tls_required", `The TLS handshake failed: ${fields.message}`);
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") {
    return failure("unknown", `${ctx.host} cannot be reached from this network (${code}).`);
  }
  return failure("unknown", `Could not connect to ${ctx.host}:${ctx.port}: ${fields.message}`);
}

/** A pooled connection could not be opened: the check's explanation, as a query error. */
export function connectionError(error: unknown, ctx: ConnectionContext): SourceQueryError {
  return new SourceQueryError(classifyConnectionError(error, ctx, CHECK_TIMEOUT_MS).message);
}

export type QueryErrorContext = {
  statement: string;
  query?: ModelQuery;
  connection: ConnectionContext;
  timeoutMs: number | undefined;
  /** Sluice killed the statement because its time limit passed (not because of the signal). */
  killedForTime?: boolean;
};

/**
 * The error a statement's failure becomes: SourceCancelledError for a time limit or a KILL
 * QUERY, SourceQueryError for what the server refused (with the position of a syntax error in
 * the model's SQL) or a lost connection, and the error itself when it is neither (a bug).
 */
export function toSourceError(error: unknown, ctx: QueryErrorContext): Error {
  if (error instanceof SourceCancelledError || error instanceof SourceQueryError) return error;
  const fields = fieldsOf(error);
  const overTime = fields.errno === ER_STATEMENT_TIMEOUT || fields.errno === ER_QUERY_TIMEOUT || ctx.killedForTime === true;
  if (overTime && ctx.timeoutMs !== undefined) {
    return new SourceCancelledError(`The query ran longer than ${ctx.timeoutMs / 1000} s and was stopped.`);
  }
  if (fields.errno === ER_QUERY_INTERRUPTED) return new SourceCancelledError("The query was cancelled.");
  if (isServerError(fields)) {
    const position = ctx.query === undefined ? undefined : syntaxErrorPosition(fields.message, ctx.statement, ctx.query);
    return new SourceQueryError(fields.message, position);
  }
  if (NETWORK_CODES.has(fields.code ?? "")) {
    return new SourceQueryError(`The connection to ${ctx.connection.host}:${ctx.connection.port} was lost: ${fields.message}`);
  }
  return error instanceof Error ? error : new Error(fields.message);
}
