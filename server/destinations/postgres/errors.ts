/**
 * What an error of a Postgres write means for its records (the `Failure` kinds of ./table.ts).
 * Pure: errors are read structurally, by SQLSTATE; connection failures are classified as the
 * source's `check` does, so a refusal says the same as "Test connection".
 */
import { classifyConnectionError, isConnectionFailure, sqlStateOf } from "../../sources/postgres/errors";
import { stringField } from "../../sources/shared/error-fields";
import type { ServerContext } from "../../sources/shared/server-errors";
import { CHECK_TIMEOUT_MS, DestinationRefusedError } from "../types";
import { clipReason, connectionFailure, type Failure } from "./table";

/**
 * SQLSTATEs worth retrying unchanged: connection exceptions (08), transaction rollbacks such as
 * serialization failures and deadlocks (40), insufficient resources (53), lock timeouts, a
 * statement timeout, a server shutting down or starting (57P01–57P03), system errors (58).
 */
function isTransient(state: string): boolean {
  return /^(08|40|53|58)/.test(state) || ["55P03", "55006", "57014", "57P01", "57P02", "57P03"].includes(state);
}

/** The server's message, with the detail that names the key for unique and foreign-key violations. */
function reasonOf(error: unknown, state: string): string {
  const message = stringField(error, "message") ?? "The database refused the value.";
  const detail = stringField(error, "detail");
  return clipReason(detail && (state === "23505" || state === "23503") ? `${message} (${detail})` : message);
}

export function classifyWriteError(error: unknown, ctx: ServerContext): Failure {
  if (isConnectionFailure(error)) return connectionFailure(classifyConnectionError(error, ctx, CHECK_TIMEOUT_MS));
  const state = sqlStateOf(error);
  if (state === undefined) return { kind: "unexpected", error };
  const reason = reasonOf(error, state);
  if (isTransient(state)) return { kind: "retry", reason };
  switch (state) {
    case "42501":
      return { kind: "refused", error: new DestinationRefusedError(`User "${ctx.user}" lacks a privilege: ${reason}`, "permission_denied") };
    case "42P01":
      return { kind: "refused", error: new DestinationRefusedError(`${reason}: choose one of the tables listed.`, "not_found") };
    case "25006":
      return {
        kind: "refused",
        error: new DestinationRefusedError(`The server only allows reading (${reason}): connect to the primary, not a standby.`, "invalid_config"),
      };
    default:
      // Data exceptions (22), constraint violations (23) and whatever else the server says about
      // the statement: narrowed down to the records that cause it.
      return { kind: "record", reason };
  }
}
