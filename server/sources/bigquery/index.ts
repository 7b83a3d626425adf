/**
 * The BigQuery source. Each operation is one query job in the configured location: previews,
 * key checks and listings may bill at most the configured preview limit (`maximumBytesBilled`)
 * and are stopped by BigQuery at their time limit (`jobTimeoutMs`); `read` runs one ordered job
 * and reads its result page by page. Read-only access comes from IAM: see config.ts.
 */
import type { BigQuery, Job } from "@google-cloud/bigquery";
import { createPoolCache, type PoolCache } from "../pool-cache";
import { defineSource, type ModelQuery, type QueryOptions } from "../types";
import { abortable, alongside, operationSignal } from "../shared/time-limits";
import { uniqueNames } from "../shared/values";
import { keyCheckFromValues } from "../shared/statements";
import { cancelJob, createClient, resultPages, startJob, type Page } from "./api";
import { checkBigQuery } from "./check";
import { BIGQUERY_SECRET_FIELDS, maximumBytesBilled, ZBigQueryConfig, type BigQueryConfig } from "./config";
import { bigqueryDialect } from "./dialect";
import { toQueryError } from "./errors";
import { bigqueryStatements, discoverSql } from "./queries";
import { decodeRow, tablesFromColumns, toColumn, type Field } from "./values";

const PAGE_ROWS = 10_000;

type Run = { options?: QueryOptions; query: ModelQuery | null; guarded: boolean; maxRows?: number };
type Clients = PoolCache<BigQueryConfig, BigQuery>;

/** Runs one job and collects its result (at most `maxRows` rows when set). */
async function collect(clients: Clients, config: BigQueryConfig, sql: string, run: Run): Promise<Page> {
  const signal = operationSignal(run.options);
  const timeoutMs = run.options?.timeoutMs;
  try {
    const inserting = startJob(clients.get(config), config, {
      sql,
      timeoutMs,
      maximumBytesBilled: run.guarded ? maximumBytesBilled(config) : undefined,
    });
    const job = await abortable(inserting, signal, () => cancelWhenCreated(inserting), timeoutMs);
    let fields: Field[] = [];
    const rows: unknown[] = [];
    const pageSize = Math.min(run.maxRows ?? PAGE_ROWS, PAGE_ROWS);
    for await (const page of resultPages(job, pageSize, signal, timeoutMs)) {
      fields = page.fields;
      rows.push(...page.rows);
      if (run.maxRows !== undefined && rows.length >= run.maxRows) break;
    }
    return { fields, rows };
  } catch (error) {
    if (!run.query) throw error;
    throw toQueryError(error, run.query, { timeoutMs, limitGb: run.guarded ? config.previewLimitGb : undefined });
  }
}

/** A job aborted while it was being created is cancelled as soon as it exists. */
function cancelWhenCreated(inserting: Promise<Job>): void {
  inserting.then(cancelJob, () => undefined).catch(() => undefined);
}

/** The first row's values, decoded, in field order. */
function firstValues(page: Page): unknown[] {
  return Object.values(decodeRow(page.fields, fieldNames(page.fields), page.rows[0]));
}

/** Result field names made unique, so rows keyed by them lose nothing. */
function fieldNames(fields: readonly Field[]): string[] {
  return uniqueNames(fields.map((field, index) => field.name ?? `f${index}`));
}

/**
 * The connector; `endpoint` (tests only) points every client at another API endpoint.
 * Clients are plain HTTP clients: one per configuration, nothing to close.
 */
export function createBigQuerySource(endpoint: { apiEndpoint?: string } = {}) {
  const clients: Clients = createPoolCache<BigQueryConfig, BigQuery>(
    (config) => createClient(config, { apiEndpoint: endpoint.apiEndpoint }),
    () => Promise.resolve(),
  );
  return defineSource<BigQueryConfig>({
    type: "bigquery",
    label: "BigQuery",
    configSchema: ZBigQueryConfig,
    secretFields: BIGQUERY_SECRET_FIELDS,
    dialect: bigqueryDialect,

    check: (config) => checkBigQuery(config, { apiEndpoint: endpoint.apiEndpoint }),

    async discover(config, options) {
      const page = await collect(clients, config, discoverSql(config.projectId, config.location), { options, query: null, guarded: true });
      const names = page.fields.map((field) => field.name ?? "");
      return tablesFromColumns(page.rows.map((raw) => decodeRow(page.fields, names, raw)));
    },

    async preview(config, query, options) {
      const statements = bigqueryStatements(config.projectId);
      const guarded = (signal: AbortSignal): Run => ({ options: { ...options, signal }, query, guarded: true });
      const [page, count] = await alongside(
        options.signal,
        (signal) => collect(clients, config, statements.preview(query, options.limit), { ...guarded(signal), maxRows: options.limit }),
        (signal) => collect(clients, config, statements.count(query), guarded(signal)),
      );
      const names = fieldNames(page.fields);
      return {
        columns: page.fields.map((field, index) => toColumn(field, names[index] ?? "")),
        rows: page.rows.slice(0, options.limit).map((raw) => decodeRow(page.fields, names, raw)),
        totalRows: Number(firstValues(count)[0] ?? 0),
      };
    },

    async checkKey(config, query, keyColumn, options) {
      const page = await collect(clients, config, bigqueryStatements(config.projectId).keyCheck(query, keyColumn), { options, query, guarded: true });
      return keyCheckFromValues(firstValues(page));
    },

    async *read(config, query, options) {
      const chunkSize = Math.max(1, Math.floor(options.chunkSize));
      const signal = operationSignal(options);
      const client = clients.get(config);
      try {
        const sql = bigqueryStatements(config.projectId).read(query, options.orderBy);
        const inserting = startJob(client, config, { sql, timeoutMs: options.timeoutMs });
        const job = await abortable(inserting, signal, () => cancelWhenCreated(inserting), options.timeoutMs);
        let names: string[] | undefined;
        for await (const page of resultPages(job, chunkSize, signal, options.timeoutMs)) {
          const pageNames = (names ??= fieldNames(page.fields));
          if (page.rows.length > 0) yield page.rows.map((raw) => decodeRow(page.fields, pageNames, raw));
        }
      } catch (error) {
        throw toQueryError(error, query, { timeoutMs: options.timeoutMs });
      }
    },

    close: () => clients.closeAll(),
  });
}

export const bigquerySource = createBigQuerySource();
