/**
 * Databricks' errors in words people can act on. @databricks/sql raises node-fetch FetchErrors
 * (socket `code`), THTTPException (`statusCode` of a non-200 answer: 401/403 for a bad token,
 * 404 for a wrong HTTP path, 503 while a warehouse starts), thrift's TApplicationException
 * ("Request timed out"), RetryError, and for SQL a StatusError or an OperationStateError whose
 * message starts with Spark's error class: "[TABLE_OR_VIEW_NOT_FOUND] … SQLSTATE: 42P01; line 2 pos 14".
 */
import { noAnswer, unreachable, type CheckProblem } from "../shared/endpoint-errors";
import { field, messageOf, networkCode, stringField } from "../shared/error-fields";
import { type MessagePosition, queryErrorAt } from "../shared/positions";
import { DeadlineError, stoppedError } from "../shared/time-limits";
import { SourceCancelledError, SourceQueryError, type ModelQuery } from "../types";

export type CheckContext = { host: string; httpPath: string; catalog?: string; schema?: string; timeoutMs: number };

/** Spark's error class at the start of a message: `[NO_SUCH_CATALOG_EXCEPTION] …` → NO_SUCH_CATALOG_EXCEPTION. */
export function errorClass(message: string): string | undefined {
  return /^\s*\[([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)?)\]/.exec(message)?.[1];
}

function httpFailure(status: number, context: CheckContext): CheckProblem {
  switch (status) {
    case 401:
    case 403:
      return {
        code: "auth_failed",
        message: `Databricks refused the access token (HTTP ${status}): it is invalid or expired, or may not use this SQL warehouse.`,
      };
    case 404:
      return {
        code: "invalid_config",
        message: `There is no SQL warehouse at ${context.httpPath} on ${context.host}. Copy the HTTP path from its Connection details.`,
      };
    case 429:
    case 503:
      return {
        code: "timeout",
        message: `The SQL warehouse at ${context.host} is starting or busy (HTTP ${status}). Try again in a minute.`,
      };
    default:
      return { code: "unknown", message: `${context.host} answered HTTP ${status}.` };
  }
}

/** Why `check` failed, from whatever the driver threw. */
export function classifyCheckError(error: unknown, context: CheckContext): CheckProblem {
  const { host } = context;
  if (error instanceof DeadlineError) {
    const late = noAnswer(host, error.ms);
    return { ...late, message: `${late.message} A stopped SQL warehouse may still be starting.` };
  }
  const status = field(error, "statusCode");
  if (typeof status === "number") return httpFailure(status, context);
  const message = messageOf(error);
  const socket = networkCode(error);
  if (socket !== undefined) return unreachable(socket, error, { ...context, hostNotFound: `Could not find ${host}. Check the server hostname.` });
  if (/request timed out/i.test(message)) return noAnswer(host, context.timeoutMs);
  if (/certificate|SSL|TLS/i.test(message)) return { code: "tls_required", message: `Could not open a secure connection to ${host}: ${message}` };
  if (stringField(error, "name") === "AuthenticationError") return { code: "auth_failed", message };
  const kind = errorClass(message);
  if (kind === "NO_SUCH_CATALOG_EXCEPTION" || kind === "CATALOG_NOT_FOUND") {
    return { code: "database_not_found", message: `The catalog ${context.catalog ?? ""} does not exist, or the token may not use it.` };
  }
  if (kind === "SCHEMA_NOT_FOUND") {
    return { code: "database_not_found", message: `The schema ${context.schema ?? ""} does not exist, or the token may not use it.` };
  }
  if (kind === "INSUFFICIENT_PERMISSIONS" || kind === "PERMISSION_DENIED") return { code: "permission_denied", message };
  return { code: "unknown", message };
}

/** `line 2 pos 14` or `(line 2, pos 14)` in Spark's messages: 1-based line, 0-based column. */
const POSITION: MessagePosition = {
  pattern: /line (\d+),? pos (\d+)/,
  at: (match) => ({ line: Number(match[1]), column: Number(match[2]) }),
  relabel: (match, userLine) => match[0].replace(/^line \d+/, `line ${userLine}`),
};

/**
 * What to throw for a failed statement: an operation in ERROR state, or a refused statement with
 * a Spark error class, is the SQL's problem (SourceQueryError, with the position in the user's
 * SQL); a cancelled or timed-out operation is a SourceCancelledError; anything else is rethrown
 * for `check` to explain.
 */
export function toQueryError(error: unknown, query: ModelQuery, timeoutMs?: number): unknown {
  if (error instanceof SourceQueryError || error instanceof SourceCancelledError) return error;
  const state = stringField(error, "errorCode");
  const message = messageOf(error).trim();
  if (state === "CANCELED" || state === "TIMEOUT" || errorClass(message) === "STATEMENT_TIMEOUT") return stoppedError(timeoutMs);
  const isQueryProblem = state === "ERROR" || (stringField(error, "name") === "Status Error" && errorClass(message) !== undefined);
  if (!isQueryProblem) return error;
  return queryErrorAt(message, query, POSITION);
}
