/**
 * BigQuery's errors in words people can act on. API refusals arrive as ApiError
 * (@google-cloud/common): `code` is the HTTP status and `errors[].reason` BigQuery's reason
 * (accessDenied, notFound, invalidQuery, bytesBilledLimitExceeded, …); network failures as
 * node-fetch FetchErrors with the socket's `code`.
 */
import { noAnswer, unreachable, type CheckProblem } from "../shared/endpoint-errors";
import { field, messageOf, networkCode, stringField } from "../shared/error-fields";
import { type MessagePosition, queryErrorAt } from "../shared/positions";
import { DeadlineError, stoppedError } from "../shared/time-limits";
import { SourceCancelledError, SourceQueryError, type ModelQuery } from "../types";

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

/** Why `check` failed, from whatever the client threw. */
export function classifyCheckError(error: unknown, context: CheckContext): CheckProblem {
  if (error instanceof DeadlineError) return noAnswer(context.host, error.ms);
  if (stringField(error, "type") === "request-timeout") return noAnswer(context.host, context.timeoutMs);
  const socket = networkCode(error);
  if (socket) {
    return unreachable(socket, error, { ...context, hostNotFound: `Could not find ${context.host}: check the server's DNS and internet access.` });
  }
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
const POSITION: MessagePosition = {
  pattern: /\[(\d+):(\d+)\]/,
  at: (match) => ({ line: Number(match[1]), column: Number(match[2]) - 1 }),
  relabel: (match, userLine) => `[${userLine}:${Number(match[2])}]`,
};

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
    return options.timeoutMs !== undefined ? stoppedError(options.timeoutMs) : new SourceCancelledError(message);
  }
  if (reason === "bytesBilledLimitExceeded") {
    const limit = options.limitGb !== undefined ? ` of ${options.limitGb} GB` : "";
    return new SourceQueryError(`This query would scan more than the preview scan limit${limit}. ${message}`);
  }
  if (!QUERY_REASONS.has(reason)) return error;
  return queryErrorAt(message, query, POSITION);
}
