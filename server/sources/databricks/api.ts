/**
 * The raw Databricks SQL client: one DBSQLClient per configuration (it keeps HTTP connections),
 * a session per operation (opened with the operation's time limit), statements whose results
 * are fetched chunk by chunk. Telemetry is off: the warehouse is the only host contacted.
 */
import { DBSQLClient } from "@databricks/sql";
import { abortable, timeoutSeconds } from "../shared/time-limits";
import { connectionOptions, type ClientSettings, type DatabricksConfig } from "./config";
import { sessionConfiguration } from "./queries";

export type Session = Awaited<ReturnType<DBSQLClient["openSession"]>>;

/** What Sluice uses of a driver operation (IOperation satisfies it). */
export interface StatementOperation {
  finished(): Promise<void>;
  cancel(): Promise<unknown>;
  close(): Promise<unknown>;
  fetchChunk(options: { maxRows: number }): Promise<object[]>;
  hasMoreRows(): Promise<boolean>;
  getSchema(): Promise<unknown>;
}

/** What Sluice uses of a driver session (IDBSQLSession satisfies it). */
export interface StatementSession {
  executeStatement(sql: string, options: { runAsync: boolean; queryTimeout?: number }): Promise<StatementOperation>;
  close(): Promise<unknown>;
}

/** The driver logs through this; Sluice reports every failure to the caller, in words, instead. */
const quietLogger = { log: () => undefined };

export async function connectClient(config: DatabricksConfig, settings: ClientSettings = {}): Promise<DBSQLClient> {
  const client = new DBSQLClient({ logger: quietLogger });
  await client.connect(connectionOptions(config, settings));
  return client;
}

export function openSession(client: DBSQLClient, config: DatabricksConfig, timeoutMs: number | undefined): Promise<Session> {
  return client.openSession({
    initialCatalog: config.catalog || undefined,
    initialSchema: config.schema || undefined,
    configuration: sessionConfiguration(timeoutMs),
  });
}

/** One client per configuration; a failed connect is forgotten so the next operation tries again. */
export type ClientPool = { session: (timeoutMs: number | undefined) => Promise<Session>; close: () => Promise<void> };

export function openPool(config: DatabricksConfig): ClientPool {
  let connecting: Promise<DBSQLClient> | undefined;
  const client = () => {
    const current = connecting ?? connectClient(config);
    connecting = current;
    current.catch(() => {
      if (connecting === current) connecting = undefined;
    });
    return current;
  };
  return {
    session: async (timeoutMs) => openSession(await client(), config, timeoutMs),
    close: async () => {
      const current = await connecting?.catch(() => undefined);
      connecting = undefined;
      await current?.close();
    },
  };
}

export function closeQuietly(closable: { close: () => Promise<unknown> } | undefined): Promise<void> {
  return (closable?.close() ?? Promise.resolve()).then(
    () => undefined,
    () => undefined,
  );
}

/** Asks the warehouse to stop a statement; never throws. */
function cancelOperation(operation: StatementOperation): Promise<void> {
  return closeQuietly({ close: () => operation.cancel() });
}

/** Starts a statement and waits until it has finished; an abort cancels it, also while it starts. */
export async function runStatement(
  session: StatementSession,
  sql: string,
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): Promise<StatementOperation> {
  const starting = session.executeStatement(sql, {
    runAsync: true,
    queryTimeout: timeoutMs === undefined ? undefined : timeoutSeconds(timeoutMs),
  });
  const stopLate = (late: StatementOperation) => cancelOperation(late).then(() => closeQuietly(late));
  const operation = await abortable(starting, signal, () => void starting.then(stopLate, () => undefined), timeoutMs);
  try {
    await abortable(operation.finished(), signal, () => void cancelOperation(operation), timeoutMs);
    return operation;
  } catch (error) {
    void closeQuietly(operation);
    throw error;
  }
}

/** The rows of a finished statement, at most `maxRows` per chunk, each row keyed by column name. */
export async function* operationChunks(
  operation: StatementOperation,
  maxRows: number,
  signal: AbortSignal | undefined,
  timeoutMs?: number,
): AsyncGenerator<object[], void, undefined> {
  for (;;) {
    const rows = await abortable(operation.fetchChunk({ maxRows }), signal, () => void cancelOperation(operation), timeoutMs);
    if (rows.length > 0) yield rows;
    if (!(await operation.hasMoreRows())) return;
  }
}
