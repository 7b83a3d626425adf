/**
 * The raw client of the MySQL/MariaDB destination: the source's mysql2 pool (UTC sessions, exact
 * numbers, one statement per query; mysql2 turns Nagle off itself) in strict SQL mode, write
 * transactions, savepoints, and prepared statements killed on the server when the write's
 * signal fires. Only `index.ts` uses it.
 */
import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from "mysql2";
import { endPool, getConnection, killQuery, openPool } from "../../sources/mysql/api";
import { field } from "../../sources/shared/error-fields";
import type { TMysqlTableConfig } from "./config";
import type { Statement } from "./statements";

export { endPool, getConnection };

/**
 * Strict mode for every table, so a value that does not fit is refused, never truncated or
 * replaced by a default with a warning (STRICT_TRANS_TABLES, the usual default, spares tables
 * without transactions).
 */
const STRICT_MODE =
  "SET SESSION sql_mode = IF(@@SESSION.sql_mode = '', 'STRICT_ALL_TABLES', CONCAT(@@SESSION.sql_mode, ',STRICT_ALL_TABLES'))";

/** One connection per batch in flight; `concurrency` bounds those per account. */
export function openWritePool(config: TMysqlTableConfig): Pool {
  const pool = openPool(config, config.concurrency);
  pool.on("connection", (connection) => connection.query(STRICT_MODE, () => {}));
  return pool;
}

/**
 * Runs `fn` in a READ COMMITTED transaction on a pooled connection (each statement sees what
 * others committed, and InnoDB takes no gap locks that would make concurrent batches deadlock):
 * committed when it resolves, rolled back when it throws. A connection that cannot roll back is
 * destroyed instead of returned.
 */
export async function inTransaction<T>(pool: Pool, fn: (connection: PoolConnection) => Promise<T>): Promise<T> {
  const connection = await getConnection(pool);
  const client = connection.promise();
  try {
    await client.query("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
    await client.query("START TRANSACTION");
    const result = await fn(connection);
    await client.query("COMMIT");
    connection.release();
    return result;
  } catch (error) {
    await client.query("ROLLBACK").then(
      () => connection.release(),
      () => connection.destroy(),
    );
    throw error;
  }
}

/**
 * Runs `fn` in a savepoint: released when it resolves, rolled back to when it throws. After a
 * deadlock the server has rolled back the whole transaction and the savepoint is gone; the
 * original error is what counts.
 */
export async function inSavepoint<T>(connection: PoolConnection, fn: () => Promise<T>): Promise<T> {
  const client = connection.promise();
  await client.query("SAVEPOINT sluice_run");
  try {
    const result = await fn();
    await client.query("RELEASE SAVEPOINT sluice_run");
    return result;
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT sluice_run").catch(() => undefined);
    throw error;
  }
}

/**
 * Runs one prepared statement, killed on the server (KILL QUERY from a second connection) when
 * `signal` fires. The statement is closed afterwards: its text changes with the number of rows,
 * and servers cap prepared statements (max_prepared_stmt_count). Not after a fatal error: the
 * connection is closed then, and mysql2 would report the close as an unhandled 'error' event.
 */
export async function execute<T extends RowDataPacket[] | ResultSetHeader>(
  connection: PoolConnection,
  config: TMysqlTableConfig,
  statement: Statement,
  signal: AbortSignal,
): Promise<T> {
  signal.throwIfAborted();
  const kill = () => void killQuery(config, connection.threadId);
  signal.addEventListener("abort", kill, { once: true });
  try {
    const [result] = await connection.promise().execute<T>(statement.text, statement.params);
    connection.unprepare(statement.text);
    return result;
  } catch (error) {
    if (field(error, "fatal") !== true) connection.unprepare(statement.text);
    throw error;
  } finally {
    signal.removeEventListener("abort", kill);
  }
}
