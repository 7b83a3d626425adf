import { describe, expect, it } from "vitest";
import { SourceCancelledError, SourceQueryError, type ModelQuery } from "../types";
import { DeadlineError } from "../shared/time-limits";
import { apiErrorOf, classifyCheckError, toQueryError } from "./errors";

const context = {
  host: "bigquery.googleapis.com",
  email: "sluice@acme.iam.gserviceaccount.com",
  project: "acme-analytics",
  location: "EU",
  timeoutMs: 10_000,
};

/** An ApiError as @google-cloud/common builds it from a googleapis JSON error body. */
function apiError(code: number, reason: string, message: string): Error {
  return Object.assign(new Error(message), { name: "ApiError", code, errors: [{ message, domain: "global", reason }], response: {} });
}

/** A node-fetch FetchError, as teeny-request raises it. */
function fetchError(code: string, message: string, type = "system"): Error {
  return Object.assign(new Error(message), { name: "FetchError", type, code, errno: code });
}

describe("bigquery apiErrorOf", () => {
  it("reads status, reason and message", () => {
    expect(apiErrorOf(apiError(404, "notFound", "Not found: Table acme-analytics:x.y"))).toEqual({
      status: 404,
      reason: "notFound",
      message: "Not found: Table acme-analytics:x.y",
    });
    expect(apiErrorOf(new Error("plain"))).toEqual({ status: undefined, reason: undefined, message: "plain" });
  });
});

describe("bigquery classifyCheckError", () => {
  it.each([
    [
      apiError(401, "authError", "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential."),
      "auth_failed",
      "Google rejected the key of sluice@acme.iam.gserviceaccount.com: the key or the service account may have been deleted or disabled.",
    ],
    [
      apiError(403, "accessDenied", "Access Denied: Project acme-analytics: User does not have bigquery.jobs.create permission in project acme-analytics."),
      "permission_denied",
      "Access Denied: Project acme-analytics: User does not have bigquery.jobs.create permission in project acme-analytics. " +
        "Grant sluice@acme.iam.gserviceaccount.com BigQuery Job User on acme-analytics and BigQuery Data Viewer on the datasets.",
    ],
    [
      apiError(403, "billingNotEnabled", "Billing has not been enabled for this project. Enable billing at https://console.cloud.google.com/billing."),
      "permission_denied",
      "Billing has not been enabled for this project. Enable billing at https://console.cloud.google.com/billing.",
    ],
    [
      apiError(404, "notFound", "Not found: Dataset acme-analytics:analytics was not found in location EU"),
      "database_not_found",
      "Not found: Dataset acme-analytics:analytics was not found in location EU Check the dataset location (EU).",
    ],
    [apiError(404, "notFound", "Not found: Project acme-analytic"), "database_not_found", "Not found: Project acme-analytic"],
    [apiError(400, "invalid", "Invalid value for location: moon"), "invalid_config", "Invalid value for location: moon"],
    [
      fetchError("ECONNREFUSED", "request to https://bigquery.googleapis.com/bigquery/v2/projects/acme-analytics/jobs failed, reason: connect ECONNREFUSED 10.0.0.1:443"),
      "connection_refused",
      "Could not reach bigquery.googleapis.com: the connection was refused.",
    ],
    [
      fetchError("ENOTFOUND", "request to https://bigquery.googleapis.com/ failed, reason: getaddrinfo ENOTFOUND bigquery.googleapis.com"),
      "host_not_found",
      "Could not find bigquery.googleapis.com: check the server's DNS and internet access.",
    ],
    [
      fetchError("", "network timeout at: https://bigquery.googleapis.com/bigquery/v2/projects/acme-analytics/jobs", "request-timeout"),
      "timeout",
      "Could not reach bigquery.googleapis.com: no answer within 10 s.",
    ],
    [new DeadlineError(2_000), "timeout", "Could not reach bigquery.googleapis.com: no answer within 2 s."],
  ])("%s → %s", (error, code, message) => {
    expect(classifyCheckError(error, context)).toEqual({ code, message });
  });
});

describe("bigquery toQueryError", () => {
  const model: ModelQuery = { kind: "sql", sql: "select id,\n  emial\nfrom analytics.customers" };

  it("maps [line:column] into the user's SQL", () => {
    const error = toQueryError(apiError(400, "invalidQuery", "Unrecognized name: emial; Did you mean email? at [3:3]"), model);
    expect(error).toBeInstanceOf(SourceQueryError);
    expect(error).toMatchObject({ message: "Unrecognized name: emial; Did you mean email? at [2:3]", position: 14 });
    expect(model.sql.slice(13, 18)).toBe("emial");
  });

  it("keeps messages without a position, or pointing outside the user's SQL", () => {
    const missing = toQueryError(apiError(404, "notFound", "Not found: Table acme-analytics:analytics.gone was not found in location EU"), {
      kind: "table",
      schema: "analytics",
      table: "gone",
    });
    expect(missing).toBeInstanceOf(SourceQueryError);
    expect(missing).toMatchObject({ position: undefined });
    const outside = toQueryError(apiError(400, "invalidQuery", "Syntax error: Unexpected keyword LIMIT at [5:19]"), model);
    expect(outside).toMatchObject({ message: "Syntax error: Unexpected keyword LIMIT at [5:19]", position: undefined });
  });

  it("explains a query over the preview scan limit", () => {
    const error = toQueryError(apiError(400, "bytesBilledLimitExceeded", "Query exceeded limit for bytes billed: 10000000000. 52428800000 or higher required."), model, {
      limitGb: 10,
    });
    expect(error).toEqual(
      new SourceQueryError(
        "This query would scan more than the preview scan limit of 10 GB. Query exceeded limit for bytes billed: 10000000000. 52428800000 or higher required.",
      ),
    );
  });

  it("turns jobs BigQuery stopped into cancellations", () => {
    expect(toQueryError(apiError(400, "timeout", "Job timed out after 30 sec"), model, { timeoutMs: 30_000 })).toEqual(
      new SourceCancelledError("The query ran longer than 30 s and was stopped."),
    );
    expect(toQueryError(apiError(200, "stopped", "Job execution was cancelled: User requested cancellation"), model)).toEqual(
      new SourceCancelledError("Job execution was cancelled: User requested cancellation"),
    );
  });

  it("rethrows connection problems untouched", () => {
    const refused = fetchError("ECONNREFUSED", "connect ECONNREFUSED");
    expect(toQueryError(refused, model)).toBe(refused);
    const unauthorized = apiError(401, "authError", "Request had invalid authentication credentials.");
    expect(toQueryError(unauthorized, model)).toBe(unauthorized);
    const backend = apiError(503, "backendError", "Error encountered during execution. Retrying may solve the problem.");
    expect(toQueryError(backend, model)).toBe(backend);
  });
});
