/**
 * Connection settings shared by the sources reached as one database server over TCP (Postgres
 * and MySQL): host, port, database, user, password, TLS and a list of schemas. Parsing is
 * idempotent: a parsed config parses to itself, because stored settings are parsed again when
 * they are opened.
 */
import { z } from "zod";

export const SSL_MODES = ["disable", "require", "verify-full"] as const;

/**
 * The zod fields of a server connection; `schemas` is titled and described by the connector.
 *
 * `sslMode` defaults to "require": the server is usually reached over a network and the password
 * must not travel in clear text; managed servers accept TLS. "require" encrypts without checking
 * the certificate (like libpq's sslmode=require); "verify-full" also checks it against the system
 * CAs (or `sslRootCert`) and the host name. A local server without TLS needs "disable", and
 * `check` says so.
 */
export function serverConnectionFields(options: { defaultPort: number; schemas: { title: string; description: string } }) {
  return {
    // A "/" would make a driver open a Unix socket and a "," would make it try several hosts.
    host: z
      .string()
      .trim()
      .min(1, "Enter the server's host name or IP address")
      .regex(/^[^/,\s]+$/, "Enter a single host name or IP address")
      .meta({ title: "Host" }),
    port: z.coerce.number().int().min(1).max(65_535).default(options.defaultPort).meta({ title: "Port" }),
    database: z.string().trim().min(1, "Enter the database name").meta({ title: "Database" }),
    user: z.string().trim().min(1, "Enter the user name").meta({ title: "User" }),
    password: z.string().default("").meta({ title: "Password" }),
    sslMode: z
      .enum(SSL_MODES)
      .default("require")
      .meta({ title: "SSL mode", description: '"disable" only for a server on a trusted network, e.g. a local one.' }),
    sslRootCert: z
      .string()
      .trim()
      .optional()
      .meta({ title: "CA certificate (PEM)", description: 'For "verify-full" with a private CA; empty uses the system CAs.' }),
    schemas: z.string().trim().optional().meta(options.schemas),
  };
}

/** A comma-separated setting as a list: items trimmed, empty ones dropped. */
export function commaList(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/**
 * Pasted PEM blocks with their line breaks restored: single-line form fields turn them into
 * spaces, and OpenSSL needs the header, the base64 body and the footer on lines of their own.
 */
export function normalizePem(text: string): string {
  const blocks = text.match(/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g) ?? [];
  return blocks
    .map((block) => {
      const match = /^(-----BEGIN [A-Z0-9 ]+-----)([\s\S]*?)(-----END [A-Z0-9 ]+-----)$/.exec(block);
      if (match === null) return block;
      const [, header = "", body = "", footer = ""] = match;
      const base64 = body.replace(/\s+/g, "");
      return [header, ...(base64.match(/.{1,64}/g) ?? []), footer].join("\n");
    })
    .join("\n");
}
