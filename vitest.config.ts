import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

/**
 * The environment every test process sees: cheap bcrypt, dev secrets generated into a temp
 * folder instead of the project's .data, and no mail server even if the shell has one.
 */
const env = {
  BCRYPT_COST: "4",
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
