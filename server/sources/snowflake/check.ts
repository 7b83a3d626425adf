/**
 * `check`: sign in on a fresh connection (no pool, no login retries, the SDK's request timeout
 * set to the check's time limit), read back the session's database, schema and warehouse, sign
 * out. An overall deadline makes sure it settles in time whatever the SDK does.
 */
import type { Connection } from "snowflake-sdk";
import { CHECK_TIMEOUT_MS, type CheckResult } from "../types";
import { usingWithin } from "../shared/time-limits";
import { connect, createConnection, destroyConnection, startStatement, statementRows } from "./api";
import { connectionOptions, snowflakeHost, type SnowflakeConfig } from "./config";
import { classifyCheckError, sessionProblem } from "./errors";
import { CHECK_SQL, statementParameters } from "./queries";

export type CheckOptions = {
  timeoutMs?: number;
  /** Tests only: the endpoint instead of https://<account>.snowflakecomputing.com. */
  accessUrl?: string;
};

async function readSession(connection: Connection, timeoutMs: number): Promise<unknown[]> {
  await connect(connection);
  const statement = await startStatement(connection, CHECK_SQL, statementParameters(timeoutMs)).done;
  for await (const row of statementRows(statement)) return row;
  return [];
}

export async function checkSnowflake(config: SnowflakeConfig, options: CheckOptions = {}): Promise<CheckResult> {
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  const host = options.accessUrl ? new URL(options.accessUrl).host : snowflakeHost(config);
  const context = { host, username: config.username, role: config.role || undefined, timeoutMs };
  const open = () =>
    createConnection({ ...connectionOptions(config), accessUrl: options.accessUrl, timeout: timeoutMs, sfRetryMaxLoginRetries: 0 });
  try {
    const session = await usingWithin(timeoutMs, open, (connection) => readSession(connection, timeoutMs), (connection) => {
      void destroyConnection(connection);
    });
    const problem = sessionProblem(config, session);
    return problem ? { ok: false, ...problem } : { ok: true };
  } catch (error) {
    return { ok: false, ...classifyCheckError(error, context) };
  }
}
