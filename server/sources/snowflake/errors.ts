/**
 * Snowflake's errors in words people can act on. The SDK raises `NetworkError` (401001, the
 * socket error as `cause`), `RequestFailedError` (401002, an HTTP status), `OperationFailedError`
 * (Snowflake's own code as a string: 390xxx for sign-in and session, 00xxxx for SQL) and
 * `InvalidParameterError` / `MissingParameterError` (404xxx) for settings it refuses.
 */
import { noAnswer, unreachable, type CheckProblem } from "../shared/endpoint-errors";
import { field, messageOf, networkCode, stringField } from "../shared/error-fields";
import { type MessagePosition, queryErrorAt } from "../shared/positions";
import { DeadlineError, stoppedError } from "../shared/time-limits";
import { SourceCancelledError, SourceQueryError, type CheckErrorCode, type ModelQuery } from "../types";

export type CheckContext = { host: string; username: string; role?: string; timeoutMs: number };

function failure(code: CheckErrorCode, message: string): CheckProblem {
  return { code, message };
}

/** Strips Snowflake's trailing request id ("… [a1b2-…]") and whitespace. */
function cleanMessage(message: string): string {
  return message.replace(/\s*\[[0-9a-f-]{8,}\]\s*$/i, "").trim();
}

function networkFailure(error: unknown, context: CheckContext): CheckProblem {
  const code = networkCode(error);
  // The SDK's HTTP client reports its own request timeout as ECONNABORTED.
  if (code === "ECONNABORTED") return noAnswer(context.host, context.timeoutMs);
  const hostNotFound = `Could not find ${context.host}. Check the account identifier (e.g. myorg-myaccount or xy12345.us-east-1).`;
  return unreachable(code, error, { ...context, hostNotFound });
}

function signInFailure(code: string, message: string, context: CheckContext): CheckProblem {
  const user = context.username;
  switch (code) {
    case "390100":
      return failure("auth_failed", `Snowflake rejected the username or password of ${user}.`);
    case "390101":
      return failure("auth_failed", `The Snowflake user ${user} is disabled.`);
    case "390102":
      return failure("auth_failed", `The Snowflake user ${user} is temporarily locked after failed sign-ins. Try again later.`);
    case "390144":
      return failure(
        "auth_failed",
        `Snowflake rejected the key pair of ${user}: the user's RSA_PUBLIC_KEY must match this private key.`,
      );
    case "390189":
      return failure(
        "permission_denied",
        `The role ${context.role ?? "(default)"} does not exist or is not granted to ${user}.`,
      );
    case "390201":
      return failure("database_not_found", `${message} Check the database name and the role's grants.`);
    case "390422":
      return failure("permission_denied", `${message} Allow Sluice's IP address in the account's network policy.`);
    default:
      if (/password has expired/i.test(message)) return failure("auth_failed", `The password of ${user} has expired.`);
      return failure("unknown", message || `Snowflake refused the connection (code ${code}).`);
  }
}

/**
 * Snowflake signs in even when the configured database, schema or warehouse does not exist or
 * the role may not use it: the session just has none. `check` reads them back (CHECK_SQL).
 */
export function sessionProblem(
  config: { database: string; schema?: string; warehouse: string; role?: string },
  session: readonly unknown[],
): CheckProblem | null {
  const [database, schema, warehouse, role] = session;
  const roleName = typeof role === "string" ? role : config.role || "the default role";
  if (database === null || database === undefined) {
    return failure("database_not_found", `Database ${config.database} does not exist, or the role ${roleName} cannot use it.`);
  }
  if (config.schema && (schema === null || schema === undefined)) {
    return failure(
      "database_not_found",
      `Schema ${config.schema} does not exist in ${typeof database === "string" ? database : config.database}, or the role ${roleName} cannot use it.`,
    );
  }
  if (warehouse === null || warehouse === undefined) {
    return failure(
      "invalid_config",
      `Warehouse ${config.warehouse} does not exist, or the role ${roleName} has no USAGE on it.`,
    );
  }
  return null;
}

/** Why `check` failed, from whatever the SDK threw. */
export function classifyCheckError(error: unknown, context: CheckContext): CheckProblem {
  if (error instanceof DeadlineError) return noAnswer(context.host, error.ms);
  const name = stringField(error, "name");
  const rawCode = field(error, "code");
  const code = typeof rawCode === "string" || typeof rawCode === "number" ? String(rawCode) : "";
  const message = cleanMessage(messageOf(error));
  if (name === "NetworkError" || (name !== "OperationFailedError" && networkCode(error))) return networkFailure(error, context);
  if (name === "RequestFailedError") {
    const status = field(field(error, "response"), "statusCode");
    if (status === 403) {
      return failure("permission_denied", `Snowflake refused the connection (HTTP 403). A network policy may block Sluice's IP address.`);
    }
    if (status === 404) return failure("host_not_found", `There is no Snowflake account at ${context.host}. Check the account identifier.`);
    return failure("unknown", `${context.host} answered HTTP ${String(status)}.`);
  }
  if (name === "OperationFailedError") return signInFailure(code, message, context);
  if (name === "InvalidParameterError" || name === "MissingParameterError" || name === "ClientError") {
    return failure("invalid_config", message);
  }
  if (stringField(error, "code") === "ERR_OSSL_BAD_DECRYPT") {
    return failure("invalid_config", "The passphrase does not unlock the private key.");
  }
  return failure("unknown", message);
}

/** `line 2 at position 7` in Snowflake's message: 1-based line, 0-based column. */
const POSITION: MessagePosition = {
  pattern: /line (\d+) at position (\d+)/,
  at: (match) => ({ line: Number(match[1]), column: Number(match[2]) }),
  relabel: (match, userLine) => `line ${userLine} at position ${Number(match[2])}`,
};

/** Snowflake codes of statements it stopped: cancelled (000604) or over its time limit (000630). */
const STOPPED = new Set(["000604", "000630"]);

/**
 * What to throw for a failed statement: the SQL's own problem becomes a SourceQueryError with
 * the position in the user's SQL; a statement Snowflake stopped becomes a SourceCancelledError;
 * anything else (network, expired session) is rethrown as is, for `check` to explain.
 */
export function toQueryError(error: unknown, query: ModelQuery, timeoutMs?: number): unknown {
  if (error instanceof SourceQueryError || error instanceof SourceCancelledError) return error;
  const code = stringField(error, "code") ?? "";
  if (stringField(error, "name") !== "OperationFailedError" || !/^\d{6}$/.test(code) || code.startsWith("39")) return error;
  if (STOPPED.has(code)) return stoppedError(code === "000630" ? timeoutMs : undefined);
  return queryErrorAt(cleanMessage(messageOf(error)), query, POSITION);
}
