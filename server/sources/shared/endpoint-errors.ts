/**
 * `check` failures of warehouses reached over HTTPS (Snowflake, BigQuery, Databricks) whose
 * endpoint cannot be reached: Node's socket codes, and a time limit that passed. Pure.
 */
import type { CheckErrorCode } from "../types";
import { messageOf } from "./error-fields";
import { formatSeconds } from "./time-limits";

export type CheckProblem = { code: CheckErrorCode; message: string };

export function noAnswer(host: string, ms: number): CheckProblem {
  return { code: "timeout", message: `Could not reach ${host}: no answer within ${formatSeconds(ms)}.` };
}

/**
 * What a socket-level `code` (see `networkCode`) means for `host`; `hostNotFound` is the message
 * for a name that does not resolve, naming the setting to check.
 */
export function unreachable(
  code: string | undefined,
  error: unknown,
  context: { host: string; timeoutMs: number; hostNotFound: string },
): CheckProblem {
  const { host } = context;
  switch (code) {
    case "ECONNREFUSED":
      return { code: "connection_refused", message: `Could not reach ${host}: the connection was refused.` };
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return { code: "host_not_found", message: context.hostNotFound };
    case "ETIMEDOUT":
    case "ESOCKETTIMEDOUT":
      return noAnswer(host, context.timeoutMs);
    default:
      return { code: "unknown", message: `Could not reach ${host}: ${messageOf(error)}` };
  }
}
