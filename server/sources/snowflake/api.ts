/**
 * The raw Snowflake client: loading the SDK, pools, statements and row streams as promises.
 * Every statement is run with `streamResult` so results of any size are read row by row, with
 * numbers as strings (exact), in array row mode (duplicate column names survive).
 */
import type * as SnowflakeModule from "snowflake-sdk";
import type { Connection, ConnectionOptions, RowStatement } from "snowflake-sdk";
import { abortable, withDeadline } from "../shared/time-limits";
import { connectionOptions, type SnowflakeConfig } from "./config";
import type { ResultColumn } from "./values";

type SnowflakeSdk = typeof SnowflakeModule;
export type SnowflakePool = ReturnType<SnowflakeSdk["createPool"]>;

function isSdk(value: unknown): value is SnowflakeSdk {
  return typeof value === "object" && value !== null && typeof Reflect.get(value, "createConnection") === "function";
}

let loading: Promise<SnowflakeSdk> | undefined;

/**
 * The SDK, loaded on first use. When first imported it probes cloud metadata endpoints
 * (169.254.169.254, metadata.google.internal, AWS STS) for telemetry unless
 * SNOWFLAKE_DISABLE_PLATFORM_DETECTION is set; Sluice talks to the warehouse only, so the switch
 * is set before the import. Its default logger writes snowflake.log into the working directory;
 * it is turned off (every error reaches the caller, in words, anyway).
 */
export function loadSnowflakeSdk(): Promise<SnowflakeSdk> {
  loading ??= (async () => {
    // eslint-disable-next-line no-restricted-properties -- a switch the SDK reads at import time, not Sluice configuration
    process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= "true";
    const loaded: unknown = await import("snowflake-sdk");
    const inner: unknown = typeof loaded === "object" && loaded !== null ? Reflect.get(loaded, "default") : undefined;
    const sdk = isSdk(loaded) ? loaded : inner;
    if (!isSdk(sdk)) throw new Error("snowflake-sdk could not be loaded.");
    sdk.configure({ logLevel: "OFF" });
    return sdk;
  })();
  return loading;
}

/** One pool per configuration; idle connections are closed after five minutes. `accessUrl`: tests only. */
export async function openPool(config: SnowflakeConfig, accessUrl?: string): Promise<SnowflakePool> {
  const sdk = await loadSnowflakeSdk();
  return sdk.createPool({ ...connectionOptions(config), accessUrl }, {
    max: 4,
    min: 0,
    testOnBorrow: true,
    acquireTimeoutMillis: 120_000,
    idleTimeoutMillis: 5 * 60_000,
    evictionRunIntervalMillis: 60_000,
  });
}

/** Ends a pool; connections still borrowed after ten seconds (an abandoned read) are ended anyway. */
export async function closePool(pool: Promise<SnowflakePool>): Promise<void> {
  const opened = await pool;
  await withDeadline(opened.drain(), 10_000).catch(() => undefined);
  await opened.clear();
}

/** A connection outside any pool (for `check`), not yet signed in: the caller can always destroy it. */
export async function createConnection(options: ConnectionOptions): Promise<Connection> {
  const sdk = await loadSnowflakeSdk();
  return sdk.createConnection(options);
}

export function connect(connection: Connection): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    connection.connect((error) => (error ? reject(error) : resolve()));
  });
}

/** Ends a connection; never throws (it may never have signed in). */
export function destroyConnection(connection: Connection): Promise<void> {
  return new Promise((resolve) => {
    try {
      connection.destroy(() => resolve());
    } catch {
      resolve();
    }
  });
}

/**
 * A pooled connection. An abort while waiting for one gives the connection back as soon as it
 * arrives, so nothing leaks.
 */
export async function acquireConnection(pool: SnowflakePool, signal: AbortSignal | undefined): Promise<Connection> {
  const acquiring = pool.acquire();
  return abortable(acquiring, signal, () => {
    acquiring.then((late) => pool.release(late), () => undefined).catch(() => undefined);
  });
}

export async function releaseConnection(pool: SnowflakePool, connection: Connection): Promise<void> {
  await pool.release(connection).catch(() => undefined);
}

export type RunningStatement = { done: Promise<RowStatement>; cancel: () => void };

/** Starts a statement; `done` settles when Snowflake has finished it and rows can be streamed. */
export function startStatement(connection: Connection, sqlText: string, parameters: Record<string, string | number>): RunningStatement {
  let statement: RowStatement | undefined;
  const done = new Promise<RowStatement>((resolve, reject) => {
    statement = connection.execute({
      sqlText,
      parameters,
      streamResult: true,
      rowMode: "array",
      fetchAsString: ["Number"],
      complete: (error, finished) => (error ? reject(error) : resolve(finished)),
    });
  });
  return {
    done,
    cancel: () => {
      try {
        statement?.cancel(() => undefined);
      } catch {
        // Already finished or never sent: nothing to stop.
      }
    },
  };
}

export function resultColumns(statement: RowStatement): ResultColumn[] {
  return (statement.getColumns() ?? []).map((column) => ({
    name: column.getName(),
    type: column.getType(),
    scale: Number.isInteger(column.getScale()) ? column.getScale() : null,
    precision: Number.isInteger(column.getPrecision()) ? column.getPrecision() : null,
  }));
}

/** The rows of a finished statement, one array per row, read as the consumer asks for them. */
export async function* statementRows(statement: RowStatement): AsyncGenerator<unknown[], void, undefined> {
  const stream = statement.streamRows();
  const rows: AsyncIterable<unknown> = stream;
  try {
    for await (const row of rows) yield Array.isArray(row) ? row : [];
  } finally {
    stream.destroy();
  }
}
