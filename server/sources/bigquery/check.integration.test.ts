/**
 * `check` against endpoints on 127.0.0.1 with the real @google-cloud/bigquery client (pointed
 * there with `apiEndpoint`). Sign-in uses self-signed JWTs, so no token endpoint is involved:
 * the guard fails the test if anything leaves 127.0.0.0/8.
 */
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { jsonServer, type Reply, useLoopbackGuard } from "@/test/loopback";
import { expectEndpointRefused, expectEndpointTimeout } from "@/test/source-checks";
import { checkBigQuery } from "./check";
import { ZBigQueryConfig } from "./config";

const { privateKey } = crypto.generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const email = "sluice-reader@sluice-test-project.iam.gserviceaccount.com";
const config = ZBigQueryConfig.parse({
  projectId: "sluice-test-project",
  location: "EU",
  serviceAccountKey: JSON.stringify({ type: "service_account", client_email: email, private_key: privateKey, private_key_id: "k1" }),
  defaultDataset: "analytics",
});
const TIMEOUT_MS = 1_500;

/** An error body as BigQuery sends it (googleapis JSON error format). */
function apiError(status: number, reason: string, message: string, statusName: string): Reply {
  return { status, body: { error: { code: status, message, errors: [{ message, domain: "global", reason }], status: statusName } } };
}

useLoopbackGuard();

describe("bigquery check on an unreachable endpoint", () => {
  it("gives up on a server that never answers within the time limit", async () => {
    await expectEndpointTimeout((server) => checkBigQuery(config, { apiEndpoint: server.url, timeoutMs: TIMEOUT_MS }), { timeoutMs: TIMEOUT_MS });
  });

  it("says the connection was refused on a closed port, at once", async () => {
    await expectEndpointRefused(({ url }) => checkBigQuery(config, { apiEndpoint: url, timeoutMs: TIMEOUT_MS }), TIMEOUT_MS);
  });
});

describe("bigquery check against a fake API", () => {
  it("passes with a dry run in the configured location, signed with a self-signed JWT", async () => {
    const server = await jsonServer(() => ({
      status: 200,
      body: {
        kind: "bigquery#job",
        jobReference: { projectId: "sluice-test-project", location: "EU" },
        configuration: { dryRun: true, jobType: "QUERY" },
        status: { state: "DONE" },
        statistics: { totalBytesProcessed: "10485760", query: { totalBytesProcessed: "10485760" } },
      },
    }));
    try {
      expect(await checkBigQuery(config, { apiEndpoint: server.url, timeoutMs: TIMEOUT_MS })).toEqual({ ok: true });
      const [request] = server.requests;
      expect(request?.method).toBe("POST");
      expect(request?.url).toMatch(/^\/bigquery\/v2\/projects\/sluice-test-project\/jobs\b/);
      expect(request?.headers.authorization).toMatch(/^Bearer eyJ/);
      expect(JSON.parse(request?.body ?? "{}")).toMatchObject({
        configuration: {
          dryRun: true,
          query: {
            query: "SELECT table_name FROM `sluice-test-project`.`analytics`.INFORMATION_SCHEMA.TABLES LIMIT 1",
            useLegacySql: false,
            defaultDataset: { projectId: "sluice-test-project", datasetId: "analytics" },
          },
        },
        jobReference: { projectId: "sluice-test-project", location: "EU" },
      });
    } finally {
      await server.close();
    }
  });

  it.each([
    [
      apiError(401, "authError", "Request had invalid authentication credentials.", "UNAUTHENTICATED"),
      "auth_failed",
      `Google rejected the key of ${email}: the key or the service account may have been deleted or disabled.`,
    ],
    [
      apiError(
        403,
        "accessDenied",
        "Access Denied: Project sluice-test-project: User does not have bigquery.jobs.create permission in project sluice-test-project.",
        "PERMISSION_DENIED",
      ),
      "permission_denied",
      "Access Denied: Project sluice-test-project: User does not have bigquery.jobs.create permission in project sluice-test-project. " +
        `Grant ${email} BigQuery Job User on sluice-test-project and BigQuery Data Viewer on the datasets.`,
    ],
    [
      apiError(404, "notFound", "Not found: Dataset sluice-test-project:analytics was not found in location EU", "NOT_FOUND"),
      "database_not_found",
      "Not found: Dataset sluice-test-project:analytics was not found in location EU Check the dataset location (EU).",
    ],
  ])("explains an API refusal (%#)", async (reply, code, message) => {
    const server = await jsonServer(() => reply);
    try {
      expect(await checkBigQuery(config, { apiEndpoint: server.url, timeoutMs: TIMEOUT_MS })).toEqual({ ok: false, code, message });
    } finally {
      await server.close();
    }
  });
});
