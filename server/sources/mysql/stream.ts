/**
 * Streams one SELECT on a session in chunks, with backpressure: the socket is paused while a
 * full chunk waits to be taken, so memory stays near one chunk whatever the result size.
 *
 * Contract: chunks hold at most `chunkSize` rows, in the order the server sends them. When the
 * consumer stops early (break, error) or the signal fires, the statement is killed (KILL QUERY
 * from a second connection), the rest the server sends is discarded, and the generator ends
 * only once the statement has finished, so the connection can go back to the pool in use-ready
 * state. The caller still owns the session (and its ROLLBACK/release).
 */
import { throwIfAborted } from "../shared/time-limits";
import { killQuery, type RunContext, type Session } from "./api";
import { withTimeLimit } from "./dialect";
import { toSourceError } from "./errors";
import type { FieldInfo } from "./transform";

class RowQueue {
  private rows: object[] = [];
  private wanted = Number.POSITIVE_INFINITY;
  private waiter: (() => void) | undefined;
  private failure: { error: unknown } | undefined;
  private discarding = false;
  done = false;

  constructor(private readonly onFull: () => void, private readonly chunkSize: number) {}

  push(row: object): void {
    if (this.discarding) return;
    this.rows.push(row);
    if (this.rows.length >= this.chunkSize) this.onFull();
    if (this.rows.length >= this.wanted) this.wake();
  }

  end(error?: unknown): void {
    if (error !== undefined) this.failure ??= { error };
    this.done = true;
    this.wake();
  }

  /** Drops buffered rows and every row still to come. */
  discard(): void {
    this.discarding = true;
    this.rows = [];
  }

  /** Up to `size` rows once that many are buffered or the result has ended; undefined at the end. */
  async take(size: number): Promise<object[] | undefined> {
    while (this.rows.length < size && !this.done) await this.wait(size);
    if (this.failure !== undefined) throw this.failure.error;
    return this.rows.length > 0 ? this.rows.splice(0, size) : undefined;
  }

  async settled(): Promise<void> {
    while (!this.done) await this.wait(Number.POSITIVE_INFINITY);
  }

  private wait(size: number): Promise<void> {
    this.wanted = size;
    return new Promise((resolve) => (this.waiter = resolve));
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    this.wanted = Number.POSITIVE_INFINITY;
    waiter?.();
  }
}

function isFieldInfo(value: unknown): value is FieldInfo {
  return typeof value === "object" && value !== null && typeof Reflect.get(value, "name") === "string";
}

export async function* streamChunks(
  session: Session,
  select: string,
  context: RunContext & { chunkSize: number },
): AsyncGenerator<{ rows: object[]; fields: FieldInfo[] }, void, undefined> {
  throwIfAborted(context.signal);
  const sql = withTimeLimit(select, session.flavor, context.timeoutMs);
  const connection = session.connection;
  const queue = new RowQueue(() => connection.pause(), context.chunkSize);
  let fields: FieldInfo[] = [];
  const query = connection.query(sql);
  query.on("fields", (received: unknown) => {
    fields = Array.isArray(received) ? received.filter(isFieldInfo) : [];
  });
  query.on("result", (row: object) => queue.push(row));
  query.on("error", (error: unknown) => queue.end(error));
  query.on("end", () => queue.end());

  const kill = () => void killQuery(session.config, connection.threadId);
  context.signal?.addEventListener("abort", kill, { once: true });
  try {
    for (;;) {
      const rows = await queue.take(context.chunkSize);
      if (rows === undefined) return;
      connection.resume();
      yield { rows, fields };
      throwIfAborted(context.signal);
    }
  } catch (error) {
    throw toSourceError(error, { ...context, statement: sql, connection: session.config });
  } finally {
    context.signal?.removeEventListener("abort", kill);
    if (!queue.done) {
      queue.discard();
      await killQuery(session.config, connection.threadId);
      connection.resume();
      await queue.settled();
    }
  }
}
