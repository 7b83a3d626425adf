/**
 * The whole Snowflake connector (real snowflake-sdk, pooled connections, streamed results)
 * against a fake Snowflake endpoint on 127.0.0.1 speaking the driver's JSON protocol: sign-in,
 * query-request with an inline JSON result, errors, sign-out. It proves the wiring — statement
 * parameters, columns, exact values, errors — not Snowflake's own behaviour.
 */
import { describe, expect, it } from "vitest";
import { jsonServer, type Received, type Reply, useLoopbackGuard } from "@/test/loopback";
import { SourceCancelledError, SourceQueryError, type ModelQuery } from "../types";
import { ZSnowflakeConfig } from "./config";
import { createSnowflakeSource } from "./index";

const config = ZSnowflakeConfig.parse({
  auth: "password",
  account: "acme-test",
  username: "SLUICE",
  password: "not-a-real-password",
  warehouse: "REPORTING_WH",
  database: "ANALYTICS",
  schema: "MARTS",
  role: "SLUICE_READER",
});

type RowType = { name: string; type: string; scale?: number; precision?: number };
type Answer = { rowtype: RowType[]; rowset: (string | null)[][] } | { error: { code: string; sqlState: string; message: string } };

const ok = (data: unknown): Reply => ({ status: 200, body: { data, code: null, message: null, success: true } });

/** Session parameters the driver formats values with, as Snowflake returns them. */
const parameters = [
  { name: "TIMEZONE", value: "UTC" },
  { name: "TIMESTAMP_OUTPUT_FORMAT", value: "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM" },
  { name: "TIMESTAMP_NTZ_OUTPUT_FORMAT", value: "YYYY-MM-DD HH24:MI:SS.FF3" },
  { name: "DATE_OUTPUT_FORMAT", value: "YYYY-MM-DD" },
  { name: "TIME_OUTPUT_FORMAT", value: "HH24:MI:SS" },
  { name: "BINARY_OUTPUT_FORMAT", value: "HEX" },
];

/** A fake Snowflake account; `answer` decides each statement's result from its SQL text ("hang": never). */
async function fakeSnowflake(answer: (sql: string) => Answer | "hang") {
  const statements: { sqlText: string; parameters: Record<string, unknown> }[] = [];
  let signIns = 0;
  const server = await jsonServer((request: Received): Reply | Promise<Reply> => {
    const path = new URL(request.url, "http://fake").pathname;
    if (path === "/session/v1/login-request") {
      signIns++;
      return ok({
        token: `session-${signIns}`,
        masterToken: `master-${signIns}`,
        validityInSeconds: 3600,
        masterValidityInSeconds: 14400,
        sessionId: signIns,
        parameters,
        sessionInfo: { databaseName: "ANALYTICS", schemaName: "MARTS", warehouseName: "REPORTING_WH", roleName: "SLUICE_READER" },
      });
    }
    if (path === "/queries/v1/query-request") {
      const body = JSON.parse(request.body) as { sqlText: string; parameters: Record<string, unknown> };
      statements.push({ sqlText: body.sqlText, parameters: body.parameters });
      const result = answer(body.sqlText);
      if (result === "hang") return new Promise<Reply>(() => undefined);
      if ("error" in result) {
        const { code, sqlState, message } = result.error;
        return { status: 200, body: { data: { errorCode: code, sqlState, queryId: "q-error", type: "COMPILATION" }, code, message, success: false } };
      }
      return ok({
        parameters,
        rowtype: result.rowtype.map((column) => ({ nullable: true, scale: null, precision: null, ...column })),
        rowset: result.rowset,
        total: result.rowset.length,
        returned: result.rowset.length,
        queryId: `q-${statements.length}`,
        version: 1,
        statementTypeId: 4096,
        queryResultFormat: "json",
      });
    }
    return ok({});
  });
  return { server, statements, source: createSnowflakeSource({ accessUrl: server.url }) };
}

useLoopbackGuard();

const customers: ModelQuery = { kind: "table", schema: "MARTS", table: "CUSTOMERS" };
const customerColumns: RowType[] = [
  { name: "ID", type: "fixed", precision: 38, scale: 0 },
  { name: "BALANCE", type: "fixed", precision: 12, scale: 2 },
  { name: "SCORE", type: "real" },
  { name: "ACTIVE", type: "boolean" },
  { name: "SIGNED_UP", type: "date" },
  { name: "LAST_SEEN", type: "timestamp_ntz", scale: 6 },
  { name: "PROFILE", type: "variant" },
  { name: "ID", type: "text" },
];
const customerRows = [
  ["12345678901234567890", "12.50", "0.5", "1", "19727", "1704450600.123456", '{"plan":"pro","seats":3}', "dup"],
  ["2", null, null, "0", null, null, null, null],
];

describe("snowflake source against a fake account", () => {
  it("checks the session's database, schema and warehouse", async () => {
    const fake = await fakeSnowflake(() => ({
      rowtype: ["DB", "SC", "WH", "ROLE"].map((name) => ({ name, type: "text" })),
      rowset: [["ANALYTICS", "MARTS", null, "SLUICE_READER"]],
    }));
    try {
      expect(await fake.source.check(config)).toEqual({
        ok: false,
        code: "invalid_config",
        message: "Warehouse REPORTING_WH does not exist, or the role SLUICE_READER has no USAGE on it.",
      });
      expect(fake.statements[0]?.sqlText).toBe("SELECT CURRENT_DATABASE(), CURRENT_SCHEMA(), CURRENT_WAREHOUSE(), CURRENT_ROLE()");
    } finally {
      await fake.source.close();
      await fake.server.close();
    }
  });

  it("previews with exact values, unique column names and a row count", async () => {
    const fake = await fakeSnowflake((sql) =>
      sql.startsWith("SELECT COUNT(*)")
        ? { rowtype: [{ name: "COUNT(*)", type: "fixed", precision: 18, scale: 0 }], rowset: [["4321"]] }
        : { rowtype: customerColumns, rowset: customerRows },
    );
    try {
      const preview = await fake.source.preview(config, customers, { limit: 100, timeoutMs: 30_000 });
      expect(preview.columns.map((column) => [column.name, column.type, column.nativeType])).toEqual([
        ["ID", "integer", "NUMBER(38,0)"],
        ["BALANCE", "number", "NUMBER(12,2)"],
        ["SCORE", "number", "FLOAT"],
        ["ACTIVE", "boolean", "BOOLEAN"],
        ["SIGNED_UP", "date", "DATE"],
        ["LAST_SEEN", "timestamp", "TIMESTAMP_NTZ"],
        ["PROFILE", "json", "VARIANT"],
        ["ID_2", "string", "VARCHAR"],
      ]);
      expect(preview.rows).toEqual([
        {
          ID: "12345678901234567890",
          BALANCE: "12.50",
          SCORE: 0.5,
          ACTIVE: true,
          SIGNED_UP: "2024-01-05",
          LAST_SEEN: "2024-01-05T10:30:00.123456",
          PROFILE: { plan: "pro", seats: 3 },
          ID_2: "dup",
        },
        { ID: 2, BALANCE: null, SCORE: null, ACTIVE: false, SIGNED_UP: null, LAST_SEEN: null, PROFILE: null, ID_2: null },
      ]);
      expect(preview.totalRows).toBe(4321);
      expect(fake.statements.map((statement) => statement.sqlText).sort()).toEqual([
        'SELECT * FROM "MARTS"."CUSTOMERS" LIMIT 100',
        'SELECT COUNT(*) FROM "MARTS"."CUSTOMERS"',
      ]);
      for (const statement of fake.statements) {
        expect(statement.parameters).toEqual({ MULTI_STATEMENT_COUNT: 1, TIMEZONE: "UTC", STATEMENT_TIMEOUT_IN_SECONDS: 30 });
      }
    } finally {
      await fake.source.close();
      await fake.server.close();
    }
  });

  it("discovers tables and checks a key", async () => {
    const fake = await fakeSnowflake((sql) =>
      sql.includes("INFORMATION_SCHEMA")
        ? {
            rowtype: ["TABLE_SCHEMA", "TABLE_NAME", "TABLE_TYPE", "COLUMN_NAME", "DATA_TYPE"]
              .map((name): RowType => ({ name, type: "text" }))
              .concat([
                { name: "NUMERIC_PRECISION", type: "fixed", precision: 9, scale: 0 },
                { name: "NUMERIC_SCALE", type: "fixed", precision: 9, scale: 0 },
              ]),
            rowset: [
              ["MARTS", "CUSTOMERS", "BASE TABLE", "ID", "NUMBER", "38", "0"],
              ["MARTS", "Active Customers", "VIEW", "ID", "NUMBER", "38", "0"],
            ],
          }
        : { rowtype: ["A", "B", "C"].map((name) => ({ name, type: "fixed", precision: 38, scale: 0 })), rowset: [["1000", "0", "2"]] },
    );
    try {
      expect(await fake.source.discover(config)).toEqual([
        { schema: "MARTS", name: "CUSTOMERS", kind: "table", columns: [{ name: "ID", type: "integer", nativeType: "NUMBER(38,0)" }] },
        { schema: "MARTS", name: "Active Customers", kind: "view", columns: [{ name: "ID", type: "integer", nativeType: "NUMBER(38,0)" }] },
      ]);
      expect(await fake.source.checkKey(config, customers, "ID")).toEqual({ rows: 1000, nullKeys: 0, duplicateKeys: 2 });
    } finally {
      await fake.source.close();
      await fake.server.close();
    }
  });

  it("reads the model in key order, in chunks", async () => {
    const fake = await fakeSnowflake(() => ({
      rowtype: [{ name: "ID", type: "fixed", precision: 38, scale: 0 }],
      rowset: [["1"], ["2"], ["3"], ["4"], ["5"]],
    }));
    try {
      const chunks = [];
      for await (const chunk of fake.source.read(config, customers, { orderBy: "ID", chunkSize: 2 })) chunks.push(chunk);
      expect(chunks).toEqual([[{ ID: 1 }, { ID: 2 }], [{ ID: 3 }, { ID: 4 }], [{ ID: 5 }]]);
      expect(fake.statements[0]).toEqual({ sqlText: 'SELECT * FROM "MARTS"."CUSTOMERS" ORDER BY "ID"', parameters: { MULTI_STATEMENT_COUNT: 1, TIMEZONE: "UTC" } });
    } finally {
      await fake.source.close();
      await fake.server.close();
    }
  });

  it("reports an SQL error at its place in the user's SQL", async () => {
    const fake = await fakeSnowflake(() => ({
      error: { code: "001003", sqlState: "42000", message: "SQL compilation error:\nsyntax error line 3 at position 2 unexpected 'emial'." },
    }));
    try {
      const model: ModelQuery = { kind: "sql", sql: "select id,\n  emial\nfrom customers" };
      const failure = fake.source.checkKey(config, model, "ID");
      await expect(failure).rejects.toBeInstanceOf(SourceQueryError);
      await expect(failure).rejects.toMatchObject({
        message: "SQL compilation error:\nsyntax error line 2 at position 2 unexpected 'emial'.",
        position: 14,
      });
    } finally {
      await fake.source.close();
      await fake.server.close();
    }
  });

  it("stops a statement at its time limit and asks Snowflake to abort it", async () => {
    const fake = await fakeSnowflake(() => "hang");
    try {
      const failure = fake.source.checkKey(config, customers, "ID", { timeoutMs: 300 });
      await expect(failure).rejects.toEqual(new SourceCancelledError("The query ran longer than 0.3 s and was stopped."));
      await expect.poll(() => fake.server.requests.some((request) => request.url.startsWith("/queries/v1/abort-request"))).toBe(true);
      expect(fake.statements[0]?.parameters).toMatchObject({ STATEMENT_TIMEOUT_IN_SECONDS: 1 });
    } finally {
      await fake.source.close();
      await fake.server.close();
    }
  });
});
