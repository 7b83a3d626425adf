/**
 * `check` against endpoints on 127.0.0.1 with the real @databricks/sql driver, pointed there by
 * the server hostname (`127.0.0.1:<port>`; the driver always speaks HTTPS). Nothing may leave
 * 127.0.0.0/8: telemetry and feature-flag calls are off.
 */
import { describe, it } from "vitest";
import { useLoopbackGuard } from "@/test/loopback";
import { expectEndpointRefused, expectEndpointTimeout } from "@/test/source-checks";
import { checkDatabricks } from "./check";
import { ZDatabricksConfig } from "./config";

const TIMEOUT_MS = 1_500;

function configFor(port: number) {
  return ZDatabricksConfig.parse({
    serverHostname: `127.0.0.1:${port}`,
    httpPath: "/sql/1.0/warehouses/abc123def456",
    accessToken: "dapi-not-a-real-token",
    catalog: "main",
  });
}

useLoopbackGuard();

describe("databricks check on an unreachable workspace", () => {
  it("gives up on a server that never answers within the time limit", async () => {
    await expectEndpointTimeout((server) => checkDatabricks(configFor(server.port), { timeoutMs: TIMEOUT_MS }), {
      timeoutMs: TIMEOUT_MS,
      note: " A stopped SQL warehouse may still be starting.",
    });
  });

  it("says the connection was refused on a closed port, at once", async () => {
    await expectEndpointRefused(({ port }) => checkDatabricks(configFor(port), { timeoutMs: TIMEOUT_MS }), TIMEOUT_MS);
  });
});
