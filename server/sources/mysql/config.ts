/**
 * Connection settings of a MySQL or MariaDB source; the fields and their defaults are the shared
 * server ones (shared/server-config.ts), whose "require" TLS default managed servers (RDS,
 * PlanetScale, Azure) accept or demand. In MySQL a schema is a database: `database` is the one
 * connected to (model SQL runs there) and, unless `schemas` lists others, the only one discovered.
 */
import net from "node:net";
import { z } from "zod";
import { commaList, serverConnectionFields } from "../shared/server-config";

/** The fields alone, for schemas that add or drop some (zod refuses to `.omit` from a refined object). */
export const ZMysqlConnection = z.object(
  serverConnectionFields({
    defaultPort: 3306,
    schemas: { title: "Databases to list", description: "Comma-separated; empty lists only the database above." },
  }),
);

/** mysql2 checks the certificate of an IP address against "localhost", so verify-full needs a name. */
export function withTlsHostRule<S extends z.ZodType<{ host: string; sslMode: string }>>(schema: S): S {
  return schema.refine((config) => config.sslMode !== "verify-full" || net.isIP(config.host) === 0, {
    path: ["host"],
    message: 'SSL mode "verify-full" needs the host name the certificate was issued for, not an IP address',
  });
}

export const ZMysqlConfig = withTlsHostRule(ZMysqlConnection);

export type TMysqlConfig = z.infer<typeof ZMysqlConfig>;

/** The databases `discover` lists: the `schemas` setting, or else the connection's database. */
export function schemaList(config: Pick<TMysqlConfig, "schemas" | "database">): string[] {
  const listed = commaList(config.schemas);
  return listed.length > 0 ? listed : [config.database];
}
