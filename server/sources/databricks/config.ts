/**
 * Databricks SQL connection settings, as shown in a SQL warehouse's "Connection details".
 *
 * Read-only access: Databricks has no read-only sessions; use a token of a user or service
 * principal that has only USE CATALOG / USE SCHEMA / SELECT grants in Unity Catalog and CAN USE
 * on the warehouse. Model SQL runs as a subquery, one statement, so it cannot be DDL or DML.
 */
import type { DBSQLClient } from "@databricks/sql";
import { z } from "zod";

/** `https://dbc-a1b2.cloud.databricks.com/` → `dbc-a1b2.cloud.databricks.com`; a `:port` is kept. */
export function normalizeHostname(input: string): string {
  return input
    .trim()
    .replace(/^https?:\/\//i, "")
    .replace(/[/?#].*$/, "");
}

/** `/sql/1.0/warehouses/abc` whether or not the leading slash was typed. */
export function normalizeHttpPath(input: string): string {
  const path = input.trim();
  return path === "" || path.startsWith("/") ? path : `/${path}`;
}

/** Host and port of the server hostname (port 443 unless one is given). */
export function hostAndPort(serverHostname: string): { host: string; port: number } {
  const match = /^(.*):(\d{1,5})$/.exec(serverHostname);
  return match?.[1] && match[2] ? { host: match[1], port: Number(match[2]) } : { host: serverHostname, port: 443 };
}

/** The host as messages name it (`host`, or `host:port` off 443). */
export function displayHost(serverHostname: string): string {
  const { host, port } = hostAndPort(serverHostname);
  return port === 443 ? host : `${host}:${port}`;
}

export const ZDatabricksConfig = z.object({
  serverHostname: z
    .string()
    .overwrite(normalizeHostname)
    .min(1, "Enter the server hostname.")
    .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, "Use the hostname only, e.g. dbc-a1b2345c-d6e7.cloud.databricks.com.")
    .meta({ title: "Server hostname", description: "From the SQL warehouse's Connection details, e.g. dbc-a1b2345c-d6e7.cloud.databricks.com." }),
  httpPath: z
    .string()
    .overwrite(normalizeHttpPath)
    .min(1, "Enter the HTTP path.")
    .regex(/^\/[\w\-./?=&]*$/, "Use the HTTP path, e.g. /sql/1.0/warehouses/abc123def456.")
    .meta({ title: "HTTP path", description: "From the same page, e.g. /sql/1.0/warehouses/abc123def456." }),
  accessToken: z
    .string()
    .trim()
    .min(1, "Enter an access token.")
    .meta({ title: "Access token", description: "A personal access token or a service principal's token." }),
  catalog: z
    .string()
    .trim()
    .optional()
    .meta({ title: "Catalog", description: "Unity Catalog catalog whose tables are listed. Empty: the workspace's default catalog." }),
  schema: z.string().trim().optional().meta({ title: "Schema", description: "Default schema for unqualified table names in model SQL." }),
});

export type DatabricksConfig = z.output<typeof ZDatabricksConfig>;
export const DATABRICKS_SECRET_FIELDS = ["accessToken"] as const;

type ConnectionOptions = Parameters<DBSQLClient["connect"]>[0];

/**
 * Time limit of one HTTP request (the driver's default is 15 minutes). Statements run
 * asynchronously, so a request is a short status poll or one result chunk.
 */
export const SOCKET_TIMEOUT_MS = 120_000;

export type ClientSettings = {
  /** Time limit of each HTTP request; SOCKET_TIMEOUT_MS unless set. */
  socketTimeoutMs?: number;
  /** false: one attempt, no retries (check only: it must answer in time). */
  retry?: boolean;
};

export function connectionOptions(config: DatabricksConfig, settings: ClientSettings = {}): ConnectionOptions {
  const { host, port } = hostAndPort(config.serverHostname);
  return {
    host,
    port,
    path: config.httpPath,
    authType: "access-token",
    token: config.accessToken,
    userAgentEntry: "Sluice",
    telemetryEnabled: false,
    preserveBigNumericPrecision: true,
    socketTimeout: settings.socketTimeoutMs ?? SOCKET_TIMEOUT_MS,
    retryMaxAttempts: settings.retry === false ? 1 : undefined,
  };
}
