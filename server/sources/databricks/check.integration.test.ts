/**
 * `check` against endpoints on 127.0.0.1 with the real @databricks/sql driver, pointed there by
 * the server hostname (`127.0.0.1:<port>`; the driver always speaks HTTPS). Nothing may leave
 * 127.0.0.0/8: telemetry and feature-flag calls are off.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkDatabricks } from "./check";
import { ZDatabricksConfig } from "./config";
import { closedPort, guardLoopback, silentServer } from "@/test/loopback";

const TIMEOUT_MS = 1_500;

function configFor(port: number) {
  return ZDatabricksConfig.parse({
    serverHostname: `127.0.0.1:${port}`,
    httpPath: "/sql/1.0/warehouses/abc123def456",
    accessToken: "dapi-not-a-real-token",
    catalog: "main",
  });
}

let guard: ReturnType<typeof guardLoopback>;
beforeAll(() => {
  guard = guardLoopback();
});
afterAll(() => guard.restore());
afterEach(() => expect(guard.blocked).toEqual([]));

describe("databricks check on an unreachable workspace", () => {
  it("gives up on a server that never answers within the time limit", async () => {
    const server = await silentServer();
    try {
      const started = Date.now();
      const result = await checkDatabricks(configFor(server.port), { timeoutMs: TIMEOUT_MS });
      const elapsed = Date.now() - started;
      expect(result.ok).toBe(false);
      expect(result).toMatchObject({ code: "timeout" });
      expect(result.ok ? "" : result.message).toMatch(new RegExp(`^Could not reach 127\\.0\\.0\\.1:${server.port}: no answer within 1\\.5 s\\.`));
      expect(server.connections()).toBeGreaterThan(0);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 1_000);
    } finally {
      await server.close();
    }
  });

  it("says the connection was refused on a closed port, at once", async () => {
    const port = await closedPort();
    const started = Date.now();
    const result = await checkDatabricks(configFor(port), { timeoutMs: TIMEOUT_MS });
    expect(result).toEqual({ ok: false, code: "connection_refused", message: `Could not reach 127.0.0.1:${port}: the connection was refused.` });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
  });
});
