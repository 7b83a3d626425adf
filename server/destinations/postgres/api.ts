/**
 * The raw client of the Postgres destination: the source's postgres.js pool with TCP no-delay,
 * write transactions with a statement time limit, savepoints, and statements cancelled on the
 * server when the write's signal fires. Only `index.ts` uses it.
 */
import { cancelOnAbort, openClient, type PostgresClient, type Transaction } from "../../sources/postgres/api";
import { CHECK_TIMEOUT_MS } from "../types";
import type { TPostgresTableConfig } from "./config";
import type { Statement } from "./statements";

export type { PostgresClient, Transaction };

/** A statement running longer is stopped (SQLSTATE 57014) and its batch retried. */
export const WRITE_TIMEOUT_MS = 120_000;

/** One connection per batch in flight; `concurrency` bounds those per account. */
export function openPool(config: TPostgresTableConfig): PostgresClient {
  return openClient(config, { max: config.concurrency, connectTimeoutMs: CHECK_TIMEOUT_MS, noDelay: true });
}

/** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(client: PostgresClient, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  await client.begin(async (tx) => {
    await tx.unsafe(`SET LOCAL statement_timeout = ${WRITE_TIMEOUT_MS}`);
    result = { value: await fn(tx) };
  });
  if (result === undefined) throw new Error("The transaction ended without a result.");
  return result.value;
}

/** Runs `fn` in a savepoint of `tx`: released when it resolves, rolled back to when it throws. */
export async function inSavepoint<T>(tx: Transaction, fn: (sp: Transaction) => Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  await tx.savepoint(async (sp) => {
    result = { value: await fn(sp) };
  });
  if (result === undefined) throw new Error("The savepoint ended without a result.");
  return result.value;
}

/** Runs one statement (its parameters are texts), cancelled on the server when `signal` fires. */
export async function run<Row extends object>(sql: PostgresClient | Transaction, statement: Statement, signal?: AbortSignal): Promise<Row[]> {
  const pending = sql.unsafe<Row[]>(statement.text, statement.params);
  return cancelOnAbort(signal, () => pending.cancel(), () => pending);
}
