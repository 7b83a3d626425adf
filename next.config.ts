import type { NextConfig } from "next";
import { validateEnvShape } from "./env";

// Fail early, with a readable message, on malformed configuration. Secrets are checked when
// the server starts (instrumentation.ts), so images can be built without them.
validateEnvShape(process.env);

const nextConfig: NextConfig = {
  // Native and WASM packages must be loaded by Node at runtime, not bundled.
  serverExternalPackages: [
    "@duckdb/node-api",
    "@duckdb/node-bindings",
    "@electric-sql/pglite",
    "pg-boss",
    "postgres",
    "bcryptjs",
    "mysql2",
    "snowflake-sdk",
    "@google-cloud/bigquery",
    "@databricks/sql",
  ],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
