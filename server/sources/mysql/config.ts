/**
 * Connection settings of a MySQL or MariaDB source. In MySQL a schema is a database: `database`
 * is the one connected to (model SQL runs there) and, unless `schemas` lists others, the only
 * one discovered. Parsing is idempotent: stored settings are parsed again when opened.
 */
import net from "node:net";
import { z } from "zod";

export const SSL_MODES = ["disable", "require", "verify-full"] as const;

/**
 * `sslMode` defaults to "require" for the same reason as Postgres: credentials and data cross a
 * network; managed servers (RDS, PlanetScale, Azure) accept or demand TLS. A local server
 * without TLS needs "disable", and `check` says so.
 */
export const ZMysqlConfig = z.object({
  host: z
    .string()
    .trim()
    .min(1, "Enter the server's host name or IP address")
    .regex(/^[^/,\s]+$/, "Enter a single host name or IP address")
    .meta({ title: "Host" }),
  port: z.coerce.number().int().min(1).max(65_535).default(3306).meta({ title: "Port" }),
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
    .meta({ title: "Databases to list", description: "Comma-separated; empty lists only the database above." }),
  })
  // mysql2 checks the certificate of an IP address against "localhost", so verify-full needs a name.
  .refine((config) => config.sslMode !== "verify-full" || net.isIP(config.host) === 0, {
    path: ["host"],
    message: 'SSL mode "verify-full" needs the host name the certificate was issued for, not an IP address',
  });

export type TMysqlConfig = z.infer<typeof ZMysqlConfig>;

/** The databases `discover` lists: the `schemas` setting, or else the connection's database. */
export function schemaList(config: Pick<TMysqlConfig, "schemas" | "database">): string[] {
  const listed = (config.schemas ?? "")
    .split(",")
    .map((schema) => schema.trim())
    .filter((schema) => schema.length > 0);
  return listed.length > 0 ? listed : [config.database];
}

/** A pasted PEM with the line breaks OpenSSL needs restored (single-line fields drop them). */
export function normalizePem(text: string): string {
  const blocks = text.match(/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g) ?? [];
  return blocks
    .map((block) => {
      const match = /^(-----BEGIN [A-Z0-9 ]+-----)([\s\S]*?)(-----END [A-Z0-9 ]+-----)$/.exec(block);
      if (match === null) return block;
      const [, header = "", body = "", footer = ""] = match;
      return [header, ...(body.replace(/\s+/g, "").match(/.{1,64}/g) ?? []), footer].join("\n");
    })
    .join("\n");
}
