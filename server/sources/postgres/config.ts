/**
 * Connection settings of a PostgreSQL-compatible source (PostgreSQL, Redshift, and other
 * warehouses that speak the Postgres wire protocol). Parsing is idempotent: a parsed config
 * parses to itself, because stored settings are parsed again when they are opened.
 */
import { z } from "zod";

export const SSL_MODES = ["disable", "require", "verify-full"] as const;

/**
 * `sslMode` defaults to "require": the server is usually reached over a network and the
 * password must not travel in clear text; managed servers (RDS, Redshift, Supabase, Neon)
 * accept TLS. "require" encrypts without checking the certificate, like libpq's sslmode=require;
 * "verify-full" also checks the certificate against the system CAs (or `sslRootCert`) and the
 * host name. A local development server without TLS needs "disable", and `check` says so.
 */
export const ZPostgresConfig = z.object({
  // A "/" would make the driver open a Unix socket and a "," would make it try several hosts.
  host: z
    .string()
    .trim()
    .min(1, "Enter the server's host name or IP address")
    .regex(/^[^/,\s]+$/, "Enter a single host name or IP address")
    .meta({ title: "Host" }),
  port: z.coerce.number().int().min(1).max(65_535).default(5432).meta({ title: "Port" }),
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
  schemas: z
    .string()
    .trim()
    .optional()
    .meta({ title: "Schemas", description: "Comma-separated; empty lists every schema except system ones." }),
});

export type TPostgresConfig = z.infer<typeof ZPostgresConfig>;

/** The `schemas` setting as a list; empty means every non-system schema. */
export function schemaList(config: Pick<TPostgresConfig, "schemas">): string[] {
  return (config.schemas ?? "")
    .split(",")
    .map((schema) => schema.trim())
    .filter((schema) => schema.length > 0);
}

/**
 * A pasted PEM with its line breaks restored: single-line form fields turn them into spaces,
 * and OpenSSL needs the header, the base64 body and the footer on lines of their own.
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
