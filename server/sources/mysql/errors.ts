/**
 * Turns what mysql2 throws into Sluice's answers. Pure: errors are read structurally (server
 * errors carry `errno` and `sqlState`; network, TLS and driver errors a Node/mysql2 `code`).
 */
import { certificateUnverified, databaseNotFound, failure, NETWORK_CODES, networkFailure, refused, tlsRequired, tlsUnsupported } from "../shared/server-errors";
import type { CheckFailure, ServerContext } from "../shared/server-errors";
import { stoppedError } from "../shared/time-limits";
import { CHECK_TIMEOUT_MS, type ModelQuery, SourceCancelledError, SourceQueryError } from "../types";
import { syntaxErrorPosition } from "./dialect";

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

/** What mysql2 reports for a connection it could not make or lost. */
const CONNECTION_CODES = new Set([...NETWORK_CODES, "PROTOCOL_CONNECTION_LOST", "HANDSHAKE_NO_SSL_SUPPORT", "HANDSHAKE_SSL_ERROR"]);

/**
 * MariaDB refuses a plain connection to a server with require_secure_transport, or for a user
 * created with REQUIRE SSL, with the same "Access denied" as a wrong password; `check` tells
 * them apart by trying TLS, and this is its answer when TLS got in.
 */
export function tlsRequiredForUser(ctx: ServerContext): CheckFailure {
  return failure(
    "tls_required",
    `The server refused user "${ctx.user}" without encryption but accepts the same login over TLS: set SSL mode to "require" or "verify-full".`,
  );
}

function classifyServerError(fields: ErrorFields, ctx: ServerContext): CheckFailure {
  switch (fields.errno) {
    case ER_ACCESS_DENIED:
      return failure(
        "auth_failed",
        `The password for user "${ctx.user}" was rejected (MySQL answers the same for an unknown user, a host the user may not connect from, or a user required to use TLS).`,
      );
    case ER_DBACCESS_DENIED:
      return failure("permission_denied", `User "${ctx.user}" may not use database "${ctx.database}".`);
    case ER_BAD_DB:
      return databaseNotFound(ctx);
    case ER_HOST_NOT_PRIVILEGED:
      return failure("permission_denied", `The server does not accept connections from this host: ${fields.message}`);
    case ER_SECURE_TRANSPORT_REQUIRED:
      return tlsRequired();
    default:
      // MariaDB words require_secure_transport refusals differently but always says "insecure transport".
      return /insecure transport/i.test(fields.message) ? tlsRequired() : refused(ctx, fields.message);
  }
}

/** What a failed connection attempt means for the person filling in the form. */
export function classifyConnectionError(error: unknown, ctx: ServerContext, timeoutMs: number): CheckFailure {
  const fields = fieldsOf(error);
  if (isServerError(fields)) return classifyServerError(fields, ctx);
  const code = fields.code ?? "";
  if (code === "HANDSHAKE_NO_SSL_SUPPORT") return tlsUnsupported();
  // mysql2 reports a failed TLS handshake as HANDSHAKE_SSL_ERROR with Node's message.
  if (code === "HANDSHAKE_SSL_ERROR") {
    return /certificate|altnames/i.test(fields.message)
      ? certificateUnverified(fields.message)
      : failure("tls_required", `The TLS handshake failed: ${fields.message}`);
  }
  return networkFailure(code, fields.message, ctx, timeoutMs);
}

/** A pooled connection could not be opened: the check's explanation, as a query error. */
export function connectionError(error: unknown, ctx: ServerContext): SourceQueryError {
  return new SourceQueryError(classifyConnectionError(error, ctx, CHECK_TIMEOUT_MS).message);
}

export type QueryErrorContext = {
  statement: string;
  query?: ModelQuery;
  connection: ServerContext;
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
  if (overTime && ctx.timeoutMs !== undefined) return stoppedError(ctx.timeoutMs);
  if (fields.errno === ER_QUERY_INTERRUPTED) return stoppedError();
  if (isServerError(fields)) {
    const position = ctx.query === undefined ? undefined : syntaxErrorPosition(fields.message, ctx.statement, ctx.query);
    return new SourceQueryError(fields.message, position);
  }
  if (CONNECTION_CODES.has(fields.code ?? "")) {
    return new SourceQueryError(`The connection to ${ctx.connection.host}:${ctx.connection.port} was lost: ${fields.message}`);
  }
  return error instanceof Error ? error : new Error(fields.message);
}
