/**
 * `check`: a dry-run job (free) in the configured location — it proves the key signs in, the
 * service account may create jobs in the project and, with a default dataset, that the dataset
 * exists there and may be read. No retries, a time limit on the request, and an overall deadline.
 */
import { CHECK_TIMEOUT_MS, type CheckResult } from "../types";
import { withDeadline } from "../shared/time-limits";
import { createClient, ServiceAccountKeyError, startJob } from "./api";
import { serviceAccountEmail, type BigQueryConfig } from "./config";
import { classifyCheckError } from "./errors";
import { checkSql } from "./queries";

export type CheckOptions = {
  timeoutMs?: number;
  /** Tests only: the endpoint instead of https://bigquery.googleapis.com. */
  apiEndpoint?: string;
};

export async function checkBigQuery(config: BigQueryConfig, options: CheckOptions = {}): Promise<CheckResult> {
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  const host = options.apiEndpoint ? new URL(options.apiEndpoint).host : "bigquery.googleapis.com";
  const context = { host, email: serviceAccountEmail(config), project: config.projectId, location: config.location, timeoutMs };
  try {
    const client = createClient(config, { apiEndpoint: options.apiEndpoint, requestTimeoutMs: timeoutMs, retry: false });
    const sql = checkSql(config.projectId, config.defaultDataset);
    await withDeadline(startJob(client, config, { sql, dryRun: true }), timeoutMs);
    return { ok: true };
  } catch (error) {
    if (error instanceof ServiceAccountKeyError) return { ok: false, code: "invalid_config", message: error.message };
    return { ok: false, ...classifyCheckError(error, context) };
  }
}
