/**
 * Turns what postgres.js throws into Sluice's answers. Pure: errors are read structurally
 * (SQLSTATE `code` + `severity` for server errors, Node's `code` for network and TLS errors).
 *
 * Connection problems become a `CheckErrorCode` with a message that names the setting to fix;
 * query problems become `SourceQueryError` (the server's message, and the position in the
 * model's SQL when Postgres reports one) or `SourceCancelledError`.
 */
import { databaseNotFound, failure, NETWORK_CODES, networkFailure, refused, timedOut, tlsRequired } from "../shared/server-errors";
import type { CheckFailure, ServerContext } from "../shared/server-errors";
import { stoppedError } from "../shared/time-limits";
import { CHECK_TIMEOUT_MS, SourceCancelledError, SourceQueryError, type ModelQuery } from "../types";
import { modelPosition } from "./dialect";

type ErrorFields = { code?: string; message: string; severity?: string; position?: number; hint?: string };

function field(error: object, name: string): string | undefined {
  const value: unknown = Reflect.get(error, name);
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

function fieldsOf(error: unknown): ErrorFields {
  if (typeof error !== "object" || error === null) return { message: String(error) };
  const position = Number(field(error, "position"));
  return {
    code: field(error, "code"),
    message: field(error, "message") ?? "Unknown error",
    severity: field(error, "severity"),
    position: Number.isInteger(position) && position > 0 ? position : undefined,
    hint: field(error, "hint"),
  };
}

/** A server error (it has a severity); anything else came from the network, TLS or the driver. */
function isServerError(fields: ErrorFields): boolean {
  return fields.severity !== undefined && fields.code !== undefined && /^[0-9A-Z]{5}$/.test(fields.code);
}

/**
 * postgres.js sends an SSLRequest, ignores a refusal ("N") and starts TLS anyway; the server
 * then drops the connection. This is that symptom; `check` confirms it with a probe.
 */
export function isTlsHandshakeReset(error: unknown): boolean {
  const { code, message } = fieldsOf(error);
  return code === "ECONNRESET" && message.includes("secure TLS connection");
}

function classifyServerError(fields: ErrorFields, ctx: ServerContext): CheckFailure {
  const { code, message } = fields;
  switch (code) {
    case "28P01":
      return failure(
        "auth_failed",
        `The password for user "${ctx.user}" was rejected (Postgres answers the same when the user does not exist).`,
      );
    case "3D000":
      return databaseNotFound(ctx);
    case "42501":
      return failure(
        "permission_denied",
        message.includes("permission denied for database")
          ? `User "${ctx.user}" may not connect to database "${ctx.database}" (it lacks the CONNECT privilege).`
          : `User "${ctx.user}" lacks a privilege: ${message}`,
      );
    case "28000":
      // pg_hba.conf refusals name the encryption state: "no encryption" means a hostssl-only rule.
      if (message.includes("no encryption")) return tlsRequired();
      if (message.includes("not permitted to log in")) {
        return failure("permission_denied", `User "${ctx.user}" is not allowed to log in (the role has NOLOGIN).`);
      }
      return failure(
        "permission_denied",
        `The server's access rules (pg_hba.conf) refuse user "${ctx.user}" on database "${ctx.database}" from this address: ${message}`,
      );
    default:
      return refused(ctx, message);
  }
}

/** What a failed connection attempt means for the person filling in the form. */
export function classifyConnectionError(error: unknown, ctx: ServerContext, timeoutMs: number): CheckFailure {
  const fields = fieldsOf(error);
  if (isServerError(fields)) return classifyServerError(fields, ctx);
  const code = fields.code ?? "";
  if (code === "CONNECT_TIMEOUT") return timedOut(ctx, timeoutMs);
  if (isTlsHandshakeReset(error)) {
    return failure(
      "tls_required",
      'The server closed the connection during the TLS handshake; it may not support TLS (set SSL mode to "disable" for a local server).',
    );
  }
  return networkFailure(code, fields.message, ctx, timeoutMs);
}

/** What postgres.js reports for a connection it could not make or lost. */
const CONNECTION_CODES = new Set([...NETWORK_CODES, "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED"]);

/** Whether the connection failed (network, TLS, authentication) rather than a statement. */
function isConnectionError(fields: ErrorFields): boolean {
  if (!isServerError(fields)) return CONNECTION_CODES.has(fields.code ?? "");
  return fields.severity === "FATAL" && ["28P01", "28000", "3D000", "42501"].includes(fields.code ?? "");
}

/** `isConnectionError` for anything postgres.js throws (destinations read errors the same way). */
export function isConnectionFailure(error: unknown): boolean {
  return isConnectionError(fieldsOf(error));
}

/** The SQLSTATE of an error the server sent, or undefined for network, TLS and driver errors. */
export function sqlStateOf(error: unknown): string | undefined {
  const fields = fieldsOf(error);
  return isServerError(fields) ? fields.code : undefined;
}

export type QueryErrorContext = {
  statement: string;
  query?: ModelQuery;
  connection: ServerContext;
  timeoutMs: number | undefined;
};

/**
 * The error a connector method throws for `error`: SourceCancelledError for a cancel or a
 * statement timeout (SQLSTATE 57014), SourceQueryError for what the server refused or a
 * connection that could not be made, and the error itself when it is neither (a bug).
 */
export function toSourceError(error: unknown, ctx: QueryErrorContext): Error {
  if (error instanceof SourceCancelledError || error instanceof SourceQueryError) return error;
  const fields = fieldsOf(error);
  if (fields.code === "57014") {
    return stoppedError(fields.message.includes("statement timeout") ? ctx.timeoutMs : undefined);
  }
  if (isConnectionError(fields)) {
    return new SourceQueryError(classifyConnectionError(error, ctx.connection, CHECK_TIMEOUT_MS).message);
  }
  if (isServerError(fields)) {
    const position =
      fields.position === undefined || ctx.query === undefined
        ? undefined
        : modelPosition(ctx.statement, ctx.query, fields.position);
    return new SourceQueryError(fields.hint ? `${fields.message} (${fields.hint})` : fields.message, position);
  }
  return error instanceof Error ? error : new Error(fields.message);
}
