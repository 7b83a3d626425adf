/**
 * BigQuery's errors in words people can act on. API refusals arrive as ApiError
 * (@google-cloud/common): `code` is the HTTP status and `errors[].reason` BigQuery's reason
 * (accessDenied, notFound, invalidQuery, bytesBilledLimitExceeded, …); network failures as
 * node-fetch FetchErrors with the socket's `code`.
 */
import { SourceCancelledError, SourceQueryError, type CheckErrorCode, type ModelQuery } from "../types";
import { DeadlineError, field, formatSeconds, messageOf, networkCode, stringField, userSqlPosition } from "../cloud-shared";

export type CheckFailure = { code: CheckErrorCode; message: string };
export type CheckContext = { host: string; email: string; project: string; location: string; timeoutMs: number };

/** HTTP status and first BigQuery reason of an ApiError; undefined fields for anything else. */
export function apiErrorOf(error: unknown): { status?: number; reason?: string; message: string } {
  const status = field(error, "code");
  const errors = field(error, "errors");
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  return {
    status: typeof status === "number" ? status : undefined,
    reason: stringField(first, "reason"),
    message: messageOf(error),
  };
}

function networkFailure(code: string | undefined, error: unknown, context: CheckContext): CheckFailure {
  const { host } = context;
  switch (code) {
    case "ECONNREFUSED":
      return { code: "connection_refused", message: `Could not reach ${host}: the connection was refused.` };
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return { code: "host_not_found", message: `Could not find ${host}: check the server's DNS and internet access.` };
    case "ETIMEDOUT":
    case "ESOCKETTIMEDOUT":
      return { code: "timeout", message: `Could not reach ${host}: no answer within ${formatSeconds(context.timeoutMs)}.` };
    default:
      return { code: "unknown", message: `Could not reach ${host}: ${messageOf(error)}` };
  }
}

/** Why `check` failed, from whatever the client threw. */
export function classifyCheckError(error: unknown, context: CheckContext): CheckFailure {
  if (error instanceof DeadlineError) {
    return { code: "timeout", message: `Could not reach ${context.host}: no answer within ${formatSeconds(error.ms)}.` };
  }
  if (stringField(error, "type") === "request-timeout") {
    return { code: "timeout", message: `Could not reach ${context.host}: no answer within ${formatSeconds(context.timeoutMs)}.` };
  }
  const socket = networkCode(error);
  if (socket) return networkFailure(socket, error, context);
  const { status, reason, message } = apiErrorOf(error);
  if (status === 401) {
    return {
      code: "auth_failed",
      message: `Google rejected the key of ${context.email}: the key or the service account may have been deleted or disabled.`,
    };
  }
  if (status === 403 && (reason === "accessDenied" || reason === undefined)) {
    return {
      code: "permission_denied",
      message: `${message} Grant ${context.email} BigQuery Job User on ${context.project} and BigQuery Data Viewer on the datasets.`,
    };
  }
  if (status === 403) return { code: "permission_denied", message };
  if (status === 404) {
    const hint = /location/i.test(message) ? ` Check the dataset location (${context.location}).` : "";
    return { code: "database_not_found", message: `${message}${hint}` };
  }
  if (status === 400) return { code: "invalid_config", message };
  if (/DECODER routines|PEM|private key/i.test(message)) {
    return { code: "invalid_config", message: `The service account key could not sign in: ${message}` };
  }
  return { code: "unknown", message };
}

/** `[2:8]` in BigQuery's messages: 1-based line and column. */
const POSITION = /\[(\d+):(\d+)\]/;

/** Reasons of a job BigQuery stopped: over its jobTimeoutMs, or cancelled. */
const STOPPED = new Set(["timeout", "stopped"]);
/** Reasons that are about the model's SQL or the data it names, not the connection. */
const QUERY_REASONS = new Set(["invalidQuery", "invalid", "notFound", "accessDenied", "resourcesExceeded", "responseTooLarge"]);

/**
 * What to throw for a failed job: the SQL's own problem becomes a SourceQueryError (with the
 * position in the user's SQL when BigQuery gives one), a job over its byte limit says so, a job
 * BigQuery stopped becomes a SourceCancelledError; anything else is rethrown for `check`.
 */
export function toQueryError(error: unknown, query: ModelQuery, options: { timeoutMs?: number; limitGb?: number } = {}): unknown {
  if (error instanceof SourceQueryError || error instanceof SourceCancelledError) return error;
  const { status, reason, message } = apiErrorOf(error);
  if (status === undefined || reason === undefined) return error;
  if (STOPPED.has(reason)) {
    return new SourceCancelledError(
      options.timeoutMs !== undefined ? `The query ran longer than ${formatSeconds(options.timeoutMs)} and was stopped.` : message,
    );
  }
  if (reason === "bytesBilledLimitExceeded") {
    const limit = options.limitGb !== undefined ? ` of ${options.limitGb} GB` : "";
    return new SourceQueryError(`This query would scan more than the preview scan limit${limit}. ${message}`);
  }
  if (!QUERY_REASONS.has(reason)) return error;
  const match = POSITION.exec(message);
  if (!match || query.kind !== "sql") return new SourceQueryError(message);
  const line = Number(match[1]);
  const column = Number(match[2]);
  const position = userSqlPosition(query.sql, line, column - 1);
  if (position === undefined) return new SourceQueryError(message);
  const userLine = query.sql.slice(0, position - 1).split("\n").length;
  return new SourceQueryError(message.replace(POSITION, `[${userLine}:${column}]`), position);
}
