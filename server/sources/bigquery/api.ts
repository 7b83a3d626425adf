/**
 * The raw BigQuery client: one client per configuration, query jobs and their result pages.
 *
 * Sign-in uses self-signed JWTs (AIP-4112, google-auth-library's `useJWTAccessWithScope`): each
 * request carries a JWT signed with the service account key, so there is no token exchange with
 * oauth2.googleapis.com and the API endpoint is the only host Sluice contacts.
 */
import { BigQuery, type Job } from "@google-cloud/bigquery";
import { abortable } from "../shared/time-limits";
import { parseServiceAccountKey, type BigQueryConfig } from "./config";
import type { Field } from "./values";

export type ClientOverrides = {
  /** Tests only: the endpoint instead of https://bigquery.googleapis.com. */
  apiEndpoint?: string;
  /** A time limit for each HTTP request (check only: result polls may wait ~10 s on purpose). */
  requestTimeoutMs?: number;
  /** false: no automatic retries (check only: it must answer in time). */
  retry?: boolean;
};

/** The service account key could not be used; `check` reports it as a settings problem. */
export class ServiceAccountKeyError extends Error {
  override name = "ServiceAccountKeyError";
}

export function createClient(config: BigQueryConfig, overrides: ClientOverrides = {}): BigQuery {
  const parsed = parseServiceAccountKey(config.serviceAccountKey);
  if ("problem" in parsed) throw new ServiceAccountKeyError(parsed.problem);
  const client = new BigQuery({
    projectId: config.projectId,
    location: config.location,
    // Only the fields Sluice validated, never the pasted file as is.
    credentials: {
      type: "service_account",
      client_email: parsed.key.clientEmail,
      private_key: parsed.key.privateKey,
      private_key_id: parsed.key.privateKeyId,
    },
    apiEndpoint: overrides.apiEndpoint,
    userAgent: "sluice",
    retryOptions: overrides.retry === false ? { autoRetry: false, maxRetries: 0 } : undefined,
  });
  client.authClient.useJWTAccessWithScope = true;
  const timeout = overrides.requestTimeoutMs;
  if (timeout !== undefined) {
    client.interceptors.push({
      request: (options) => ("uri" in options ? { ...options, timeout } : { ...options, uri: options.url, timeout }),
    });
  }
  return client;
}

export type JobSettings = {
  sql: string;
  /** Refuse to run a job that would bill more (previews, key checks, listings). */
  maximumBytesBilled?: string;
  /** BigQuery stops the job after this long (jobTimeoutMs). */
  timeoutMs?: number;
  /** Validate and estimate only: free, and errors carry their [line:column]. */
  dryRun?: boolean;
};

export async function startJob(client: BigQuery, config: BigQueryConfig, settings: JobSettings): Promise<Job> {
  const [job] = await client.createQueryJob({
    query: settings.sql,
    location: config.location,
    useLegacySql: false,
    defaultDataset: config.defaultDataset ? { projectId: config.projectId, datasetId: config.defaultDataset } : undefined,
    maximumBytesBilled: settings.maximumBytesBilled,
    jobTimeoutMs: settings.timeoutMs,
    dryRun: settings.dryRun,
    labels: { application: "sluice" },
  });
  return job;
}

export function cancelJob(job: Job): void {
  job.cancel().catch(() => undefined);
}

export type Page = { fields: Field[]; rows: unknown[] };

/**
 * The result of a job, page by page (at most `pageSize` raw rows each), waiting while the job
 * still runs; an abort cancels the job.
 */
export async function* resultPages(
  job: Job,
  pageSize: number,
  signal: AbortSignal | undefined,
  timeoutMs?: number,
): AsyncGenerator<Page, void, undefined> {
  let pageToken: string | undefined;
  for (;;) {
    const result = await abortable(
      job.getQueryResults({ autoPaginate: false, maxResults: pageSize, pageToken, skipParsing: true }),
      signal,
      () => cancelJob(job),
      timeoutMs,
    );
    const response = result.length === 3 ? result[2] : undefined;
    // Not done yet: BigQuery held the request ~10 s; ask again.
    if (response?.jobComplete === false) continue;
    const rows: unknown[] = result[0];
    yield { fields: response?.schema?.fields ?? [], rows };
    pageToken = response?.pageToken ?? undefined;
    if (!pageToken) return;
  }
}
