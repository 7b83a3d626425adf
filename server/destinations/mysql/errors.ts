/**
 * What an error of a MySQL/MariaDB write means for its records (the `Failure` kinds of
 * ../postgres/table.ts). Pure: server errors are read by their error number, driver and network
 * errors by their code; connection failures are classified as the source's `check` does.
 */
import { classifyConnectionError } from "../../sources/mysql/errors";
import { field, stringField } from "../../sources/shared/error-fields";
import { NETWORK_CODES, type ServerContext } from "../../sources/shared/server-errors";
import { CHECK_TIMEOUT_MS, DestinationRefusedError } from "../types";
import { clipReason, connectionFailure, type Failure } from "../postgres/table";

// Error numbers (mysqld_error.h, MariaDB's own above 1900).
const ER_CON_COUNT_ERROR = 1040;
const ER_SERVER_SHUTDOWN = 1053;
const ER_TABLEACCESS_DENIED = 1142;
const ER_COLUMNACCESS_DENIED = 1143;
const ER_NO_SUCH_TABLE = 1146;
const ER_LOCK_WAIT_TIMEOUT = 1205;
const ER_LOCK_DEADLOCK = 1213;
const ER_SPECIFIC_ACCESS_DENIED = 1227;
const ER_OPTION_PREVENTS_STATEMENT = 1290; // --read-only
const ER_QUERY_INTERRUPTED = 1317;
const ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION = 1792;
const ER_CONNECTION_KILLED = 1927;
const ER_STATEMENT_TIMEOUT = 1969;
const ER_QUERY_TIMEOUT = 3024;
const ER_CLIENT_INTERACTION_TIMEOUT = 4031;

/** Refusals of the login itself: the source's `check` explains them. */
const CONNECTING = new Set([1044, 1045, 1049, 1130, 3159]);

const TRANSIENT = new Set([
  ER_CON_COUNT_ERROR,
  ER_SERVER_SHUTDOWN,
  ER_LOCK_WAIT_TIMEOUT,
  ER_LOCK_DEADLOCK,
  ER_QUERY_INTERRUPTED,
  ER_CONNECTION_KILLED,
  ER_STATEMENT_TIMEOUT,
  ER_QUERY_TIMEOUT,
  ER_CLIENT_INTERACTION_TIMEOUT,
]);

/** mysql2's codes for a connection it could not make or lost. */
function isConnectionCode(code: string | undefined): boolean {
  return code !== undefined && (NETWORK_CODES.includes(code) || /^(PROTOCOL_|HANDSHAKE_)/.test(code));
}

export function classifyWriteError(error: unknown, ctx: ServerContext): Failure {
  const errno = field(error, "errno");
  const isServerError = typeof errno === "number" && errno > 0 && stringField(error, "sqlState") !== undefined;
  if (!isServerError) {
    return isConnectionCode(stringField(error, "code"))
      ? connectionFailure(classifyConnectionError(error, ctx, CHECK_TIMEOUT_MS))
      : { kind: "unexpected", error };
  }
  if (CONNECTING.has(errno)) return connectionFailure(classifyConnectionError(error, ctx, CHECK_TIMEOUT_MS));
  const reason = clipReason(stringField(error, "message") ?? "The database refused the value.");
  if (TRANSIENT.has(errno)) return { kind: "retry", reason };
  switch (errno) {
    case ER_TABLEACCESS_DENIED:
    case ER_COLUMNACCESS_DENIED:
    case ER_SPECIFIC_ACCESS_DENIED:
      return { kind: "refused", error: new DestinationRefusedError(`User "${ctx.user}" lacks a privilege: ${reason}`, "permission_denied") };
    case ER_NO_SUCH_TABLE:
      return { kind: "refused", error: new DestinationRefusedError(`${reason}: choose one of the tables listed.`, "not_found") };
    case ER_OPTION_PREVENTS_STATEMENT:
    case ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION:
      return {
        kind: "refused",
        error: new DestinationRefusedError(`The server only allows reading (${reason}): connect to the primary, not a replica.`, "invalid_config"),
      };
    default:
      // Values that do not fit, NOT NULL, duplicate keys, foreign keys, check constraints, and
      // whatever else the server says about the statement: narrowed down to the records.
      return { kind: "record", reason };
  }
}
