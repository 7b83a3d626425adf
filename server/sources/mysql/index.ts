/**
 * MySQL and MariaDB source. Model SQL runs in READ ONLY transactions with a statement time limit
 * (MariaDB max_statement_time, MySQL MAX_EXECUTION_TIME) and is cancelled with KILL QUERY;
 * `read` streams one ordered SELECT with backpressure inside a consistent snapshot.
 */
import mysql, { type Connection, type RowDataPacket } from "mysql2";
import { createPoolCache } from "../pool-cache";
import { invalidSettings } from "../shared/check";
import { timedOut } from "../shared/server-errors";
import { keyCheckFromRow, totalFromRow } from "../shared/statements";
import { resolveWithin, throwIfAborted } from "../shared/time-limits";
import {
  CHECK_TIMEOUT_MS,
  type CheckResult,
  defineSource,
  PREVIEW_TIMEOUT_MS,
  type QueryOptions,
} from "../types";
import { closeSession, connectionOptions, endPool, openPool, openSession, run, type RunContext, type Session } from "./api";
import { discoverTables } from "./catalog";
import { schemaList, type TMysqlConfig, ZMysqlConfig } from "./config";
import { mysqlDialect as dialect, mysqlStatements as statements } from "./dialect";
import { classifyConnectionError, tlsRequiredForUser } from "./errors";
import { streamChunks } from "./stream";
import { fieldColumn, toRow } from "./transform";

const pools = createPoolCache((config: TMysqlConfig) => openPool(config, 5), endPool);

/** Runs `work` in a READ ONLY transaction on a pooled connection, always rolled back and released. */
async function withSession<T>(config: TMysqlConfig, work: (session: Session) => Promise<T>): Promise<T> {
  const session = await openSession(pools.get(config), config);
  try {
    return await work(session);
  } finally {
    await closeSession(session);
  }
}

/** Databases in `schemas` that are missing or invisible to the user (MySQL does not tell which). */
async function checkSchemas(connection: Connection, config: TMysqlConfig): Promise<CheckResult> {
  const wanted = schemaList(config).filter((schema) => schema !== config.database);
  if (wanted.length === 0) return { ok: true };
  const [rows] = await connection
    .promise()
    .query<RowDataPacket[]>("SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (?)", [wanted]);
  const visible = new Set(rows.map((row) => String(row.name)));
  const missing = wanted.filter((schema) => !visible.has(schema));
  return missing.length === 0
    ? { ok: true }
    : {
        ok: false,
        code: "invalid_config",
        message: `Database "${missing.join('", "')}" does not exist, or user "${config.user}" has no privileges on it.`,
      };
}

/** Whether the same login succeeds over TLS (certificate not verified): tells "TLS required" from a wrong password. */
async function acceptsOverTls(config: TMysqlConfig, timeoutMs: number): Promise<boolean> {
  const connection = mysql.createConnection(connectionOptions({ ...config, sslMode: "require" }, timeoutMs));
  connection.on("error", () => {});
  try {
    await connection.promise().query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    connection.destroy();
  }
}

/**
 * `check` with an explicit time limit (tests use a short one). Never throws: opens a throwaway
 * connection (a wrong config must not leave a pool behind), runs `SELECT 1` and the database
 * check, and races all of it against `timeoutMs`.
 */
export async function checkMysql(input: unknown, timeoutMs: number): Promise<CheckResult> {
  const parsed = ZMysqlConfig.safeParse(input);
  if (!parsed.success) return invalidSettings(parsed.error);
  const config = parsed.data;
  const connection = mysql.createConnection(connectionOptions(config, timeoutMs));
  connection.on("error", () => {});
  const attempt = async (): Promise<CheckResult> => {
    try {
      await connection.promise().query("SELECT 1");
      return await checkSchemas(connection, config);
    } catch (error) {
      const failure = classifyConnectionError(error, config, timeoutMs);
      if (failure.code === "auth_failed" && config.sslMode === "disable" && (await acceptsOverTls(config, timeoutMs))) {
        return tlsRequiredForUser(config);
      }
      return failure;
    }
  };
  try {
    return await resolveWithin(attempt(), timeoutMs, () => timedOut(config, timeoutMs));
  } finally {
    connection.destroy();
  }
}

export const mysqlSource = defineSource<TMysqlConfig>({
  type: "mysql",
  label: "MySQL / MariaDB",
  configSchema: ZMysqlConfig,
  secretFields: ["password"],
  dialect,

  check: (config) => checkMysql(config, CHECK_TIMEOUT_MS),

  async discover(config, options?: QueryOptions) {
    throwIfAborted(options?.signal);
    const context: RunContext = { signal: options?.signal, timeoutMs: options?.timeoutMs ?? PREVIEW_TIMEOUT_MS };
    return withSession(config, (session) => discoverTables(session, schemaList(config), context));
  },

  async preview(config, query, options) {
    const context: RunContext = { query, signal: options.signal, timeoutMs: options.timeoutMs ?? PREVIEW_TIMEOUT_MS };
    return withSession(config, async (session) => {
      const { rows, fields } = await run(session, statements.preview(query, options.limit), context);
      const counted = await run(session, statements.count(query), context);
      const columns = fields.map(fieldColumn);
      return { columns, rows: rows.map((row) => toRow(row, columns)), totalRows: totalFromRow(counted.rows[0]) };
    });
  },

  async checkKey(config, query, keyColumn, options) {
    const context: RunContext = { query, signal: options?.signal, timeoutMs: options?.timeoutMs ?? PREVIEW_TIMEOUT_MS };
    const { rows } = await withSession(config, (session) => run(session, statements.keyCheck(query, keyColumn), context));
    return keyCheckFromRow(rows[0]);
  },

  async *read(config, query, options) {
    if (!Number.isSafeInteger(options.chunkSize) || options.chunkSize < 1) {
      throw new RangeError(`chunkSize must be a whole number ≥ 1, got ${options.chunkSize}.`);
    }
    const sql = statements.read(query, options.orderBy);
    const session = await openSession(pools.get(config), config, { snapshot: true });
    try {
      const context = { query, signal: options.signal, timeoutMs: options.timeoutMs, chunkSize: options.chunkSize };
      for await (const { rows, fields } of streamChunks(session, sql, context)) {
        const columns = fields.map(fieldColumn);
        yield rows.map((row) => toRow(row, columns));
      }
    } finally {
      await closeSession(session);
    }
  },

  close: () => pools.closeAll(),
});
