/**
 * `check`: connect with a fresh client (one attempt, each request limited to the check's time),
 * open a session in the configured catalog and schema, run one statement, close everything.
 * An overall deadline makes sure it settles in time whatever the driver does.
 */
import type { DBSQLClient } from "@databricks/sql";
import { CHECK_TIMEOUT_MS, type CheckResult } from "../types";
import { usingWithin } from "../shared/time-limits";
import { closeQuietly, connectClient, openSession, runStatement } from "./api";
import { displayHost, type DatabricksConfig } from "./config";
import { classifyCheckError } from "./errors";
import { CHECK_SQL } from "./queries";

export type CheckOptions = { timeoutMs?: number };

export async function checkDatabricks(config: DatabricksConfig, options: CheckOptions = {}): Promise<CheckResult> {
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  const context = {
    host: displayHost(config.serverHostname),
    httpPath: config.httpPath,
    catalog: config.catalog || undefined,
    schema: config.schema || undefined,
    timeoutMs,
  };
  const runCheck = async (client: DBSQLClient) => {
    const session = await openSession(client, config, timeoutMs);
    try {
      const operation = await runStatement(session, CHECK_SQL, undefined, timeoutMs);
      await operation.fetchChunk({ maxRows: 1 });
      await closeQuietly(operation);
    } finally {
      await closeQuietly(session);
    }
  };
  try {
    await usingWithin(timeoutMs, () => connectClient(config, { socketTimeoutMs: timeoutMs, retry: false }), runCheck, (client) => {
      void closeQuietly(client);
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, ...classifyCheckError(error, context) };
  }
}
