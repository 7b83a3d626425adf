/**
 * The raw client: how Sluice opens mysql2 for a source, holds a READ ONLY transaction on one
 * pooled connection, cancels server work (KILL QUERY from a second connection) and streams a
 * result with backpressure. Only `index.ts` uses it.
 */
import mysql, { type ConnectionOptions, type Pool, type PoolConnection, type RowDataPacket } from "mysql2";
import { normalizePem } from "../shared/server-config";
import { throwIfAborted } from "../shared/time-limits";
import { CHECK_TIMEOUT_MS } from "../types";
import type { TMysqlConfig } from "./config";
import { withTimeLimit } from "./dialect";
import { connectionError, type QueryErrorContext, toSourceError } from "./errors";
import type { FieldInfo } from "./transform";

export type Flavor = "mariadb" | "mysql";

/**
 * Every setting explicit. Dates arrive as the server's text, BIGINT/DECIMAL as exact strings,
 * and one statement per query (no `;`-separated second statement).
 */
export function connectionOptions(config: TMysqlConfig, connectTimeoutMs: number): ConnectionOptions {
  return {
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    ssl:
      config.sslMode === "disable"
        ? undefined
        : config.sslMode === "require"
          ? { rejectUnauthorized: false }
          : { rejectUnauthorized: true, verifyIdentity: true, ca: config.sslRootCert ? normalizePem(config.sslRootCert) : undefined },
    connectTimeout: connectTimeoutMs,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    multipleStatements: false,
  };
}

/**
 * A pool of up to `connectionLimit` connections. At most two stay idle, and those close after
 * 30 s unused (mysql2 enforces both from a 1 s timer that `pool.end()` stops). Sessions run in UTC.
 */
export function openPool(config: TMysqlConfig, connectionLimit: number): Pool {
  const pool = mysql.createPool({
    ...connectionOptions(config, CHECK_TIMEOUT_MS),
    connectionLimit,
    maxIdle: 2,
    idleTimeout: 30_000,
  });
  // Queued before anything else on the new connection, so TIMESTAMP values are read in UTC.
  pool.on("connection", (connection) => connection.query("SET time_zone = '+00:00'", () => {}));
  return pool;
}

export function endPool(pool: Pool): Promise<void> {
  return new Promise((resolve) => pool.end(() => resolve()));
}

export function getConnection(pool: Pool): Promise<PoolConnection> {
  return new Promise((resolve, reject) => pool.getConnection((error, connection) => (error ? reject(error) : resolve(connection))));
}

/** Stops the statement running on connection `threadId`; best effort (the time limit still applies). */
export async function killQuery(config: TMysqlConfig, threadId: number): Promise<void> {
  const connection = mysql.createConnection(connectionOptions(config, CHECK_TIMEOUT_MS));
  connection.on("error", () => {});
  try {
    await connection.promise().query(`KILL QUERY ${Math.trunc(threadId)}`);
  } catch {
    // Already finished, or no second connection possible: nothing more to do.
  } finally {
    connection.destroy();
  }
}

const flavors = new WeakMap<Pool, Promise<Flavor>>();

export type Session = { connection: PoolConnection; flavor: Flavor; config: TMysqlConfig };

/** Whether `pool` reaches MariaDB or MySQL, asked once per pool on one of its connections. */
export function poolFlavor(pool: Pool, connection: PoolConnection): Promise<Flavor> {
  let flavor = flavors.get(pool);
  if (flavor === undefined) {
    flavor = connection
      .promise()
      .query<RowDataPacket[]>("SELECT VERSION() AS version")
      .then(([rows]): Flavor => (/mariadb/i.test(String(rows[0]?.version)) ? "mariadb" : "mysql"));
    flavors.set(pool, flavor);
    flavor.catch(() => flavors.delete(pool));
  }
  return flavor;
}

/**
 * A pooled connection in a READ ONLY transaction (`snapshot`: WITH CONSISTENT SNAPSHOT, so the
 * whole read sees one point in time). Must be ended with `closeSession`.
 */
export async function openSession(pool: Pool, config: TMysqlConfig, options: { snapshot?: boolean } = {}): Promise<Session> {
  const connection = await getConnection(pool).catch((error: unknown) => {
    throw connectionError(error, config);
  });
  try {
    const session = { connection, flavor: await poolFlavor(pool, connection), config };
    await connection.promise().query(options.snapshot ? "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY" : "START TRANSACTION READ ONLY");
    return session;
  } catch (error) {
    connection.destroy();
    throw toSourceError(error, { statement: "START TRANSACTION", connection: config, timeoutMs: undefined });
  }
}

/** Rolls back (nothing was written) and returns the connection; a broken one is destroyed. */
export async function closeSession(session: Session): Promise<void> {
  try {
    await session.connection.promise().query("ROLLBACK");
    session.connection.release();
  } catch {
    session.connection.destroy();
  }
}

export type RunContext = Omit<QueryErrorContext, "statement" | "connection" | "killedForTime"> & { signal?: AbortSignal };

/** Time after the limit at which Sluice kills a statement the server did not stop itself. */
const KILL_GRACE_MS = 2_000;

/**
 * Runs `work` (which executes `statement` on the session), killing the statement when `signal`
 * fires or the time limit plus a grace period passes (in case the server did not stop it), and
 * turns its failure into a Source error.
 */
async function guard<T>(session: Session, statement: string, context: RunContext, work: () => Promise<T>): Promise<T> {
  throwIfAborted(context.signal);
  const threadId = session.connection.threadId;
  const state = { killedForTime: false };
  const kill = () => void killQuery(session.config, threadId);
  const timer =
    context.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          state.killedForTime = true;
          kill();
        }, context.timeoutMs + KILL_GRACE_MS);
  context.signal?.addEventListener("abort", kill, { once: true });
  try {
    return await work();
  } catch (error) {
    throw toSourceError(error, { ...context, statement, connection: session.config, killedForTime: state.killedForTime });
  } finally {
    clearTimeout(timer);
    context.signal?.removeEventListener("abort", kill);
  }
}

/** Runs one SELECT (given without a time limit; one is added here) and returns rows and fields. */
export async function run(
  session: Session,
  select: string,
  context: RunContext,
): Promise<{ rows: Record<string, unknown>[]; fields: FieldInfo[] }> {
  const sql = withTimeLimit(select, session.flavor, context.timeoutMs);
  return guard(session, sql, context, async () => {
    const [rows, fields] = await session.connection.promise().query<RowDataPacket[]>(sql);
    return { rows, fields };
  });
}
