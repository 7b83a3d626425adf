/**
 * Turns what postgres.js throws into Sluice's answers. Pure: errors are read structurally
 * (SQLSTATE `code` + `severity` for server errors, Node's `code` for network and TLS errors).
 *
 * Connection problems become a `CheckErrorCode` with a message that names the setting to fix;
 * query problems become `SourceQueryError` (the server's message, and the position in the
 * model's SQL when Postgres reports one) or `SourceCancelledError`.
 */
import { CHECK_TIMEOUT_MS, type CheckErrorCode, SourceCancelledError, SourceQueryError, type ModelQuery } from "../types";
import type { TPostgresConfig } from "./config";
import { modelPosition } from "./dialect";

export type ConnectionContext = Pick<TPostgresConfig, "host" | "port" | "user" | "database" | "sslMode">;
export type CheckFailure = { ok: false; code: CheckErrorCode; message: string };

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

/**
 * postgres.js sends an SSLRequest, ignores a refusal ("N") and starts TLS anyway; the server
 * then drops the connection. This is that symptom; `check` confirms it with a probe.
 */
export function isTlsHandshakeReset(error: unknown): boolean {
  const { code, message } = fieldsOf(error);
  return code === "ECONNRESET" && message.includes("secure TLS connection");
}

export function tlsUnsupported(): CheckFailure {
  return {
    ok: false,
    code: "tls_required",
    message: 'The server does not support TLS: set SSL mode to "disable" (only on a trusted network, e.g. a local server).',
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
  const { code, message } = fields;
  switch (code) {
    case "28P01":
      return failure(
        "auth_failed",
        `The password for user "${ctx.user}" was rejected (Postgres answers the same when the user does not exist).`,
      );
    case "3D000":
      return failure("database_not_found", `The database "${ctx.database}" does not exist on ${ctx.host}:${ctx.port}.`);
    case "42501":
      return failure(
        "permission_denied",
        message.includes("permission denied for database")
          ? `User "${ctx.user}" may not connect to database "${ctx.database}" (it lacks the CONNECT privilege).`
          : `User "${ctx.user}" lacks a privilege: ${message}`,
      );
    case "28000":
      // pg_hba.conf refusals name the encryption state: "no encryption" means a hostssl-only rule.
      if (message.includes("no encryption")) {
        return failure(
          "tls_required",
          'The server only accepts encrypted connections: set SSL mode to "require" or "verify-full".',
        );
      }
      if (message.includes("not permitted to log in")) {
        return failure("permission_denied", `User "${ctx.user}" is not allowed to log in (the role has NOLOGIN).`);
      }
      return failure(
        "permission_denied",
        `The server's access rules (pg_hba.conf) refuse user "${ctx.user}" on database "${ctx.database}" from this address: ${message}`,
      );
    default:
      return failure("unknown", `${ctx.host}:${ctx.port} refused the connection: ${message}`);
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
  if (code === "CONNECT_TIMEOUT" || code === "ETIMEDOUT") return timedOut(ctx, timeoutMs);
  if (CERTIFICATE_CODES.has(code)) {
    return failure(
      "tls_required",
      `The server's TLS certificate could not be verified (${code}): add the CA certificate that signed it, or use SSL mode "require".`,
    );
  }
  if (isTlsHandshakeReset(error)) {
    return failure(
      "tls_required",
      'The server closed the connection during the TLS handshake; it may not support TLS (set SSL mode to "disable" for a local server).',
    );
  }
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") {
    return failure("unknown", `${ctx.host} cannot be reached from this network (${code}).`);
  }
  return failure("unknown", `Could not connect to ${ctx.host}:${ctx.port}: ${fields.message}`);
}

const NETWORK_CODES = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  ...CERTIFICATE_CODES,
]);

/** Whether the connection failed (network, TLS, authentication) rather than a statement. */
function isConnectionError(fields: ErrorFields): boolean {
  if (!isServerError(fields)) return NETWORK_CODES.has(fields.code ?? "");
  return fields.severity === "FATAL" && ["28P01", "28000", "3D000", "42501"].includes(fields.code ?? "");
}

export type QueryErrorContext = {
  statement: string;
  query?: ModelQuery;
  connection: ConnectionContext;
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
    return new SourceCancelledError(
      fields.message.includes("statement timeout") && ctx.timeoutMs !== undefined
        ? `The query ran longer than ${ctx.timeoutMs / 1000} s and was stopped.`
        : "The query was cancelled.",
    );
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
