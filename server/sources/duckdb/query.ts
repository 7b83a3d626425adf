/**
 * Running SQL on a leased instance with a time limit and cancellation.
 *
 * DuckDB stops a running query when `connection.interrupt()` is called; a fetch on a streaming
 * result that was interrupted between fetches returns an empty chunk, which looks exactly like
 * the end of the result. So every await is followed by `throwIfCancelled()`: a cancelled read
 * can never pass for a complete one. Once cancelled, the guard keeps interrupting until it is
 * disposed, so a query that started a moment after the cancellation is stopped too.
 */
import { StatementType, type DuckDBConnection, type DuckDBPreparedStatement } from "@duckdb/node-api";

import { SourceCancelledError, SourceQueryError, type QueryOptions } from "@/server/sources/types";
import { cleanMessage, DuckdbUnavailableError, isInterrupt, modelErrorPosition } from "./errors";

const REINTERRUPT_MS = 25;

/** Where the model's SQL sits in an executed statement, to report error positions in it. */
export type ModelSource = { body: string; original: string } | null;

export class QueryGuard {
  private readonly connections = new Set<DuckDBConnection>();
  private reason: "timeout" | "aborted" | null = null;
  private timer: NodeJS.Timeout | undefined;
  private repeater: NodeJS.Timeout | undefined;
  private readonly onAbort = (): void => this.cancel("aborted");

  constructor(private readonly options: QueryOptions) {
    if (options.signal?.aborted) this.reason = "aborted";
    options.signal?.addEventListener("abort", this.onAbort, { once: true });
    if (options.timeoutMs !== undefined) this.timer = setTimeout(() => this.cancel("timeout"), options.timeoutMs);
  }

  get cancelled(): boolean {
    return this.reason !== null;
  }

  watch(connection: DuckDBConnection): void {
    this.connections.add(connection);
    if (this.reason !== null) connection.interrupt();
  }

  throwIfCancelled(): void {
    if (this.reason === "timeout") {
      const seconds = Math.round((this.options.timeoutMs ?? 0) / 100) / 10;
      throw new SourceCancelledError(`The query ran longer than ${seconds} s and was stopped.`);
    }
    if (this.reason === "aborted") throw new SourceCancelledError("The query was cancelled.");
  }

  /** Runs one DuckDB call: cancellation wins over its result, its error becomes a Source error. */
  async run<T>(call: () => Promise<T>, model: ModelSource = null, executed = ""): Promise<T> {
    this.throwIfCancelled();
    let result: T;
    try {
      result = await call();
    } catch (error) {
      this.throwIfCancelled();
      throw translateError(error, model, executed);
    }
    this.throwIfCancelled();
    return result;
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearInterval(this.repeater);
    this.options.signal?.removeEventListener("abort", this.onAbort);
    this.connections.clear();
  }

  private cancel(reason: "timeout" | "aborted"): void {
    if (this.reason !== null) return;
    this.reason = reason;
    const interruptAll = (): void => {
      for (const connection of this.connections) connection.interrupt();
    };
    interruptAll();
    this.repeater = setInterval(interruptAll, REINTERRUPT_MS);
    this.repeater.unref();
  }
}

/** A DuckDB failure as the contract's error: SourceQueryError with DuckDB's message and position. */
export function translateError(error: unknown, model: ModelSource, executed: string): Error {
  if (error instanceof SourceQueryError || error instanceof SourceCancelledError || error instanceof DuckdbUnavailableError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (isInterrupt(message)) return new SourceCancelledError("The query was cancelled.");
  if (message.includes("Cannot prepare multiple statements")) {
    return new SourceQueryError("A model must be a single SELECT statement (remove the extra statements and semicolons).");
  }
  const position = model === null ? undefined : modelErrorPosition(message, executed, model.body, model.original);
  return new SourceQueryError(cleanMessage(message), position);
}

/** Prepares one SELECT; anything else (several statements, SET, ATTACH …) is refused. */
export async function prepareSelect(
  connection: DuckDBConnection,
  guard: QueryGuard,
  sql: string,
  model: ModelSource,
): Promise<DuckDBPreparedStatement> {
  const prepared = await guard.run(() => connection.prepare(sql), model, sql);
  if (prepared.statementType !== StatementType.SELECT) {
    prepared.destroySync();
    throw new SourceQueryError("A model must be a single SELECT statement.");
  }
  return prepared;
}
