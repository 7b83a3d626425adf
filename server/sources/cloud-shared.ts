/**
 * Helpers every warehouse connector needs: time limits that cannot hang, cancellation, mapping a
 * position in the wrapped statement back to the user's SQL, and JSON-safe values.
 * Used by the Snowflake, BigQuery and Databricks connectors.
 */
import { SourceCancelledError, type CellValue, type QueryOptions } from "./types";

/** An operation got no answer within its time limit. */
export class DeadlineError extends Error {
  override name = "DeadlineError";
  constructor(readonly ms: number) {
    super(`no answer within ${formatSeconds(ms)}`);
  }
}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/**
 * Settles like `work`, or rejects with a DeadlineError after `ms` — whatever the SDK does.
 * `onDeadline` releases what the abandoned work holds (a socket, a session).
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, onDeadline?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onDeadline?.();
      reject(new DeadlineError(ms));
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** One signal for the caller's cancel button and the operation's time limit; undefined when neither is set. */
export function operationSignal(options: QueryOptions | undefined): AbortSignal | undefined {
  const signals: AbortSignal[] = [];
  if (options?.signal) signals.push(options.signal);
  if (options?.timeoutMs !== undefined) signals.push(AbortSignal.timeout(options.timeoutMs));
  if (signals.length === 0) return undefined;
  return signals.length === 1 ? signals[0] : AbortSignal.any(signals);
}

/** The error to throw once `signal` has aborted: a time limit reads differently from a cancel click. */
export function cancelledError(signal: AbortSignal, timeoutMs?: number): SourceCancelledError {
  const reason: unknown = signal.reason;
  const timedOut = reason instanceof DOMException && reason.name === "TimeoutError";
  return new SourceCancelledError(
    timedOut && timeoutMs !== undefined
      ? `The query ran longer than ${formatSeconds(timeoutMs)} and was stopped.`
      : "The query was cancelled.",
  );
}

/**
 * Settles like `work` unless `signal` aborts first: then `cancel` asks the warehouse to stop
 * and the promise rejects with a SourceCancelledError.
 */
export async function abortable<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  cancel: () => void,
  timeoutMs?: number,
): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    cancel();
    throw cancelledError(signal, timeoutMs);
  }
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      cancel();
      reject(cancelledError(signal, timeoutMs));
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
}

/**
 * Maps a position the warehouse reports in the wrapped statement (1-based `line`, 0-based
 * `column`) to the 1-based character position in the model's SQL as the user typed it. The
 * model's SQL starts at the beginning of line `firstLine` of the statement (dialects put it on a
 * line of its own); its leading whitespace was trimmed. Undefined when the position is outside it.
 */
export function userSqlPosition(userSql: string, line: number, column: number, firstLine = 2): number | undefined {
  const leading = userSql.length - userSql.trimStart().length;
  const body = userSql.trimStart();
  const lines = body.split("\n");
  const index = line - firstLine;
  const target = lines[index];
  if (index < 0 || target === undefined || column < 0 || column > target.length) return undefined;
  let offset = 0;
  for (let i = 0; i < index; i++) offset += (lines[i] ?? "").length + 1;
  return leading + offset + column + 1;
}

/** An integer as Sluice keeps it: a number when exact, else its decimal string. */
export function integerCell(value: string | number | bigint): CellValue {
  if (typeof value === "number") {
    if (Number.isSafeInteger(value)) return value;
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  const big = typeof value === "bigint" ? value : BigInt(value);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString();
}

/** A float as a JSON number; NaN and infinities, which JSON cannot hold, as strings. */
export function floatCell(value: string | number): CellValue {
  const number = typeof value === "number" ? value : Number(value);
  return Number.isFinite(number) ? number : String(value);
}

/** Any driver value made JSON-safe: dates to ISO strings, bytes to base64, big integers exact. */
export function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return integerCell(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(toCell);
  if (value instanceof Map) {
    return Object.fromEntries([...value.entries()].map(([key, item]) => [String(key), toCell(item)]));
  }
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toCell(item)]));
  }
  return typeof value === "symbol" ? value.toString() : null;
}

/** Column names made unique (`id`, `id_2`, …) so rows keyed by name lose nothing. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; seen.has(candidate); n++) candidate = `${name}_${n}`;
    seen.add(candidate);
    return candidate;
  });
}

/** Error fields read defensively: SDK errors are plain objects with optional, loosely typed fields. */
export function field(error: unknown, key: string): unknown {
  return typeof error === "object" && error !== null ? Reflect.get(error, key) : undefined;
}

export function stringField(error: unknown, key: string): string | undefined {
  const value = field(error, key);
  return typeof value === "string" ? value : undefined;
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return stringField(error, "message") ?? String(error);
}

/** The socket-level code of a network failure, looking through `cause` chains. */
export function networkCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 5; depth++) {
    const code = stringField(current, "code");
    if (code && /^E(?!RR_)[A-Z_]+$/.test(code)) return code;
    current = field(current, "cause");
  }
  return undefined;
}
