/**
 * Connection settings of a PostgreSQL-compatible source (PostgreSQL, Redshift, and other
 * warehouses that speak the Postgres wire protocol); the fields and their defaults are the shared
 * server ones (shared/server-config.ts), whose "require" TLS default managed servers (RDS,
 * Redshift, Supabase, Neon) accept.
 */
import { z } from "zod";
import { commaList, serverConnectionFields } from "../shared/server-config";

export const ZPostgresConfig = z.object(
  serverConnectionFields({
    defaultPort: 5432,
    schemas: { title: "Schemas", description: "Comma-separated; empty lists every schema except system ones." },
  }),
);

export type TPostgresConfig = z.infer<typeof ZPostgresConfig>;

/** The `schemas` setting as a list; empty means every non-system schema. */
export function schemaList(config: Pick<TPostgresConfig, "schemas">): string[] {
  return commaList(config.schemas);
}
