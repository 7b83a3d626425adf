/**
 * What a failed connection to a database server (Postgres, MySQL) means for the person filling
 * in the form, for the failures every driver reports alike: Node's socket and TLS error codes.
 * Each message names the setting to fix. Driver-specific codes and server refusals are read by
 * the connector first; `networkFailure` explains the rest. Pure.
 */
import type { CheckErrorCode } from "../types";

export type ServerContext = { host: string; port: number; user: string; database: string };
export type CheckFailure = { ok: false; code: CheckErrorCode; message: string };

export function failure(code: CheckErrorCode, message: string): CheckFailure {
  return { ok: false, code, message };
}

/** Node's codes for a server certificate that could not be verified. */
const CERTIFICATE_CODES: ReadonlySet<string> = new Set([
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

/** Codes of a connection that failed or broke (sockets, DNS, certificates), not of a statement. */
export const NETWORK_CODES: readonly string[] = [
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  ...CERTIFICATE_CODES,
];

export function timedOut(ctx: Pick<ServerContext, "host" | "port">, timeoutMs: number): CheckFailure {
  return failure(
    "timeout",
    `${ctx.host}:${ctx.port} did not answer within ${Math.round(timeoutMs / 1000)} s: check the host, the port and any firewall in between.`,
  );
}

export function tlsUnsupported(): CheckFailure {
  return failure("tls_required", 'The server does not support TLS: set SSL mode to "disable" (only on a trusted network, e.g. a local server).');
}

export function tlsRequired(): CheckFailure {
  return failure("tls_required", 'The server only accepts encrypted connections: set SSL mode to "require" or "verify-full".');
}

/** `detail`: the certificate error code, or the driver's message about it. */
export function certificateUnverified(detail: string): CheckFailure {
  return failure(
    "tls_required",
    `The server's TLS certificate could not be verified (${detail}): add the CA certificate that signed it, or use SSL mode "require".`,
  );
}

export function databaseNotFound(ctx: ServerContext): CheckFailure {
  return failure("database_not_found", `The database "${ctx.database}" does not exist on ${ctx.host}:${ctx.port}.`);
}

/** A server refusal the connector has no better words for. */
export function refused(ctx: ServerContext, message: string): CheckFailure {
  return failure("unknown", `${ctx.host}:${ctx.port} refused the connection: ${message}`);
}

/** The failure a socket-level `code` stands for; for a code it does not know, the driver's `message`. */
export function networkFailure(code: string, message: string, ctx: ServerContext, timeoutMs: number): CheckFailure {
  return socketFailure(code, ctx, timeoutMs) ?? failure("unknown", `Could not connect to ${ctx.host}:${ctx.port}: ${message}`);
}

function socketFailure(code: string, ctx: ServerContext, timeoutMs: number): CheckFailure | undefined {
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") {
    return failure("host_not_found", `The host "${ctx.host}" could not be found (DNS lookup failed): check the spelling.`);
  }
  if (code === "ECONNREFUSED") {
    return failure(
      "connection_refused",
      `Nothing accepted the connection on ${ctx.host}:${ctx.port}: check the port, and that the server is running and listening on this address.`,
    );
  }
  if (code === "ETIMEDOUT") return timedOut(ctx, timeoutMs);
  if (CERTIFICATE_CODES.has(code)) return certificateUnverified(code);
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") {
    return failure("unknown", `${ctx.host} cannot be reached from this network (${code}).`);
  }
  return undefined;
}
