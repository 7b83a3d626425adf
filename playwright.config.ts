import crypto from "node:crypto";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests drive the production build (`npm run build` first) in Debian's Chromium.
 * The server gets a fresh data folder each run; E2E_DATABASE_URL points it at a real Postgres
 * database (created fresh by scripts/test-all.ts), otherwise it uses embedded PGlite.
 */
const PORT = 3200;
const baseURL = `http://localhost:${PORT}`;
const dataDir = ".data/e2e";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: "list",
  // Failure screenshots and traces; scripts/test-all.ts gives each pass its own, so the second does not wipe the first's.
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results/e2e",
  use: {
    baseURL,
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `rm -rf ${dataDir} && node node_modules/next/dist/bin/next start -p ${PORT}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      NODE_ENV: "production",
      SLUICE_DATA_DIR: dataDir,
      APP_URL: baseURL,
      AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      SLUICE_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
      BCRYPT_COST: "8",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
    },
  },
});
