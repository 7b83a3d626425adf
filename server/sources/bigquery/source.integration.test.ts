/**
 * The whole BigQuery connector (real client library) against a fake BigQuery REST API on
 * 127.0.0.1: jobs.insert, jobs.getQueryResults (raw rows, page tokens, jobs still running) and
 * jobs.cancel. It proves the wiring — job settings, paging, decoding, errors, cancellation — not
 * BigQuery's own behaviour.
 */
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { jsonServer, type Received, type Reply, useLoopbackGuard } from "@/test/loopback";
import { discovered } from "@/test/catalog";
import { SourceCancelledError, SourceQueryError } from "../types";
import { ZBigQueryConfig } from "./config";
import { createBigQuerySource } from "./index";
import type { Field } from "./values";

const { privateKey } = crypto.generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const config = ZBigQueryConfig.parse({
  projectId: "sluice-test-project",
  location: "EU",
  serviceAccountKey: JSON.stringify({ type: "service_account", client_email: "sluice@sluice-test-project.iam.gserviceaccount.com", private_key: privateKey }),
  previewLimitGb: 2,
});

type Result = { fields: Field[]; rows: unknown[][] } | { error: Reply } | "running";
type Job = { id: string; sql: string; configuration: Record<string, unknown>; polls: number };

const cell = (v: unknown) => ({ v });
const row = (values: unknown[]) => ({ f: values.map(cell) });

/** A fake BigQuery REST API; `answer` decides each job's result from its SQL and poll count. */
async function fakeBigQuery(answer: (sql: string, polls: number) => Result) {
  const jobs = new Map<string, Job>();
  const cancelled: string[] = [];
  const server = await jsonServer(async (request: Received): Promise<Reply> => {
    const url = new URL(request.url, "http://fake");
    const insert = /^\/bigquery\/v2\/projects\/([^/]+)\/jobs$/.exec(url.pathname);
    const results = /^\/bigquery\/v2\/projects\/([^/]+)\/queries\/([^/]+)$/.exec(url.pathname);
    const cancel = /^\/bigquery\/v2\/projects\/([^/]+)\/jobs\/([^/]+)\/cancel$/.exec(url.pathname);
    if (request.method === "POST" && insert) {
      const body = JSON.parse(request.body) as { jobReference: { jobId: string }; configuration: Record<string, unknown> & { query: { query: string } } };
      const job = { id: body.jobReference.jobId, sql: body.configuration.query.query, configuration: body.configuration, polls: 0 };
      jobs.set(job.id, job);
      return { status: 200, body: { jobReference: { projectId: insert[1], jobId: job.id, location: "EU" }, configuration: body.configuration, status: { state: "RUNNING" } } };
    }
    if (request.method === "POST" && cancel?.[2]) {
      cancelled.push(cancel[2]);
      return { status: 200, body: { job: { jobReference: { jobId: cancel[2] }, status: { state: "DONE" } } } };
    }
    const job = results?.[2] ? jobs.get(results[2]) : undefined;
    if (request.method === "GET" && job) {
      job.polls++;
      const result = answer(job.sql, job.polls);
      const jobReference = { projectId: config.projectId, jobId: job.id, location: "EU" };
      if (result === "running") {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { status: 200, body: { kind: "bigquery#getQueryResultsResponse", jobReference, jobComplete: false } };
      }
      if ("error" in result) return result.error;
      const start = Number(url.searchParams.get("pageToken") ?? "0");
      const size = Number(url.searchParams.get("maxResults") ?? "1000");
      const page = result.rows.slice(start, start + size);
      const next = start + size < result.rows.length ? String(start + size) : undefined;
      return {
        status: 200,
        body: {
          kind: "bigquery#getQueryResultsResponse",
          jobReference,
          schema: { fields: result.fields },
          rows: page.map(row),
          totalRows: String(result.rows.length),
          jobComplete: true,
          ...(next ? { pageToken: next } : {}),
        },
      };
    }
    return { status: 404, body: { error: { code: 404, message: `Unexpected ${request.method} ${request.url}`, errors: [] } } };
  });
  return { server, jobs, cancelled, source: createBigQuerySource({ apiEndpoint: server.url }) };
}

useLoopbackGuard();

const customers = { kind: "table", schema: "analytics", table: "customers" } as const;
const customerFields: Field[] = [
  { name: "id", type: "INTEGER", mode: "REQUIRED" },
  { name: "balance", type: "NUMERIC" },
  { name: "signed_up", type: "TIMESTAMP" },
  { name: "tags", type: "STRING", mode: "REPEATED" },
  { name: "address", type: "RECORD", fields: [{ name: "city", type: "STRING" }] },
];
const customerRows = [
  ["9007199254740993", "12.50", "1704450600123456", [cell("vip")], { f: [cell("Lyon")] }],
  ["2", null, null, [], null],
];

describe("bigquery source against a fake API", () => {
  it("lists tables with a guarded job in the configured location", async () => {
    const fake = await fakeBigQuery(() => ({
      fields: ["table_schema", "table_name", "table_type", "column_name", "data_type"].map((name) => ({ name, type: "STRING" })),
      rows: [
        ["analytics", "customers", "BASE TABLE", "id", "INT64"],
        ["analytics", "customers", "BASE TABLE", "tags", "ARRAY<STRING>"],
        ["analytics", "active", "VIEW", "id", "INT64"],
      ],
    }));
    try {
      expect(await fake.source.discover(config)).toEqual([
        discovered("analytics", "customers", "table", [["id", "integer", "INT64"], ["tags", "json", "ARRAY<STRING>"]]),
        discovered("analytics", "active", "view", [["id", "integer", "INT64"]]),
      ]);
      const [job] = fake.jobs.values();
      expect(job?.sql).toContain("FROM `sluice-test-project`.`region-eu`.INFORMATION_SCHEMA.COLUMNS");
      expect(job?.configuration).toMatchObject({ query: { useLegacySql: false, maximumBytesBilled: "2000000000" }, labels: { application: "sluice" } });
    } finally {
      await fake.server.close();
    }
  });

  it("previews rows with exact values and counts the model", async () => {
    const fake = await fakeBigQuery((sql) =>
      sql.startsWith("SELECT COUNT(*)") ? { fields: [{ name: "f0_", type: "INTEGER" }], rows: [["1234"]] } : { fields: customerFields, rows: customerRows },
    );
    try {
      const preview = await fake.source.preview(config, customers, { limit: 100, timeoutMs: 30_000 });
      expect(preview.columns).toEqual([
        { name: "id", type: "integer", nativeType: "INT64" },
        { name: "balance", type: "number", nativeType: "NUMERIC" },
        { name: "signed_up", type: "timestamp", nativeType: "TIMESTAMP" },
        { name: "tags", type: "json", nativeType: "ARRAY<STRING>" },
        { name: "address", type: "json", nativeType: "STRUCT" },
      ]);
      expect(preview.rows).toEqual([
        { id: "9007199254740993", balance: "12.50", signed_up: "2024-01-05T10:30:00.123456Z", tags: ["vip"], address: { city: "Lyon" } },
        { id: 2, balance: null, signed_up: null, tags: [], address: null },
      ]);
      expect(preview.totalRows).toBe(1234);
      const sqls = [...fake.jobs.values()].map((job) => job.sql).sort();
      expect(sqls).toEqual([
        "SELECT * FROM `sluice-test-project`.`analytics`.`customers` LIMIT 100",
        "SELECT COUNT(*) FROM `sluice-test-project`.`analytics`.`customers`",
      ]);
      for (const job of fake.jobs.values()) expect(job.configuration).toMatchObject({ jobTimeoutMs: "30000", query: { maximumBytesBilled: "2000000000" } });
    } finally {
      await fake.server.close();
    }
  });

  it("checks a key", async () => {
    const fake = await fakeBigQuery(() => ({
      fields: ["f0_", "f1_", "f2_"].map((name) => ({ name, type: "INTEGER" })),
      rows: [["1000", "3", "2"]],
    }));
    try {
      expect(await fake.source.checkKey(config, customers, "id")).toEqual({ rows: 1000, nullKeys: 3, duplicateKeys: 2 });
    } finally {
      await fake.server.close();
    }
  });

  it("reads the model in key order, page by page, waiting while the job runs, unguarded", async () => {
    const rows = [["1"], ["2"], ["3"], ["4"], ["5"]];
    const fake = await fakeBigQuery((_sql, polls) => (polls === 1 ? "running" : { fields: [{ name: "id", type: "INTEGER" }], rows }));
    try {
      const chunks = [];
      for await (const chunk of fake.source.read(config, customers, { orderBy: "id", chunkSize: 2 })) chunks.push(chunk);
      expect(chunks).toEqual([[{ id: 1 }, { id: 2 }], [{ id: 3 }, { id: 4 }], [{ id: 5 }]]);
      const [job] = fake.jobs.values();
      expect(job?.sql).toBe("SELECT * FROM `sluice-test-project`.`analytics`.`customers` ORDER BY `id`");
      expect(job?.configuration.query).not.toHaveProperty("maximumBytesBilled");
      const polls = fake.server.requests.filter((request) => request.method === "GET").map((request) => new URL(request.url, "http://fake").searchParams);
      expect(polls.map((params) => [params.get("maxResults"), params.get("pageToken")])).toEqual([
        ["2", null],
        ["2", null],
        ["2", "2"],
        ["2", "4"],
      ]);
      expect(polls.every((params) => params.get("formatOptions.useInt64Timestamp") === "true")).toBe(true);
    } finally {
      await fake.server.close();
    }
  });

  it("reports an SQL error at its place in the user's SQL", async () => {
    const message = "Unrecognized name: emial; Did you mean email? at [3:3]";
    const fake = await fakeBigQuery(() => ({
      error: { status: 400, body: { error: { code: 400, message, errors: [{ message, domain: "global", reason: "invalidQuery", location: "q" }] } } },
    }));
    try {
      const model = { kind: "sql", sql: "select id,\n  emial\nfrom analytics.customers" } as const;
      const failure = fake.source.preview(config, model, { limit: 10 });
      await expect(failure).rejects.toBeInstanceOf(SourceQueryError);
      await expect(failure).rejects.toMatchObject({ message: "Unrecognized name: emial; Did you mean email? at [2:3]", position: 14 });
    } finally {
      await fake.server.close();
    }
  });

  it("cancels the job when the time limit passes", async () => {
    const fake = await fakeBigQuery(() => "running");
    try {
      const failure = fake.source.checkKey(config, customers, "id", { timeoutMs: 300 });
      await expect(failure).rejects.toEqual(new SourceCancelledError("The query ran longer than 0.3 s and was stopped."));
      await expect.poll(() => fake.cancelled.length).toBe(1);
      expect(fake.cancelled[0]).toBe([...fake.jobs.keys()][0]);
    } finally {
      await fake.server.close();
    }
  });
});
