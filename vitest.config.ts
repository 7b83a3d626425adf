import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

/**
 * The environment every test process sees: cheap bcrypt, secrets made for this run (so
 * parallel workers never race to generate secrets.json), a data dir outside the project's
 * .data, and no mail server even if the shell has one.
 */
const env = {
  BCRYPT_COST: "4",
  AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  SLUICE_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  SLUICE_DATA_DIR: path.join(os.tmpdir(), "sluice-vitest"),
  SMTP_URL: "",
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "node_modules/**", "e2e/**", ".next/**"],
          env,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.integration.test.ts"],
          exclude: ["node_modules/**", ".next/**"],
          globalSetup: ["./test/integration-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          env,
        },
      },
    ],
  },
});
