import type { NextConfig } from "next";
import { parseEnv } from "./env";

// Fail the build and the server start early, with a readable message, on bad configuration.
parseEnv(process.env);

const nextConfig: NextConfig = {
  // Native and WASM packages must be loaded by Node at runtime, not bundled.
  serverExternalPackages: [
    "@duckdb/node-api",
    "@duckdb/node-bindings",
    "@electric-sql/pglite",
    "pg-boss",
    "postgres",
    "bcryptjs",
  ],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
