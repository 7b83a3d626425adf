/**
 * Time limits that cannot hang and cancellation, for every connector: an operation settles, or
 * fails with a clear reason, whatever the driver or SDK underneath does.
 */
import { SourceCancelledError, type QueryOptions } from "../types";

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

/** A time limit in the whole seconds a warehouse setting takes: rounded up, at least one. */
export function timeoutSeconds(timeoutMs: number): number {
  return Math.max(1, Math.ceil(timeoutMs / 1000));
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

/**
 * Opens a resource and uses it, rejecting with a DeadlineError after `ms` like `withDeadline`.
 * The resource is released once: when the work settles or the time is up, or as soon as it is
 * opened if that is only after the time is up (a late sign-in must not leave a session behind).
 */
export async function usingWithin<R, T>(
  ms: number,
  open: () => Promise<R>,
  use: (resource: R) => Promise<T>,
  release: (resource: R) => void,
): Promise<T> {
  let opened: { resource: R } | undefined;
  let over = false;
  const attempt = async () => {
    const resource = await open();
    if (over) release(resource);
    else opened = { resource };
    return use(resource);
  };
  try {
    return await withDeadline(attempt(), ms);
  } finally {
    over = true;
    if (opened) release(opened.resource);
  }
}

/**
 * Settles like `work`, or with `onTimeout()` once `ms` have passed without an answer (so that
 * `check` never hangs). The abandoned work goes on; the caller releases what it holds.
 */
export async function resolveWithin<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  try {
    return await withDeadline(work, ms);
  } catch (error) {
    if (error instanceof DeadlineError) return onTimeout();
    throw error;
  }
}

/** A stopped query: over its time limit of `overTimeMs` when that is given, else cancelled. */
export function stoppedError(overTimeMs?: number): SourceCancelledError {
  return new SourceCancelledError(
    overTimeMs !== undefined ? `The query ran longer than ${formatSeconds(overTimeMs)} and was stopped.` : "The query was cancelled.",
  );
}

/** Throws the cancellation when `signal` has already fired: work that was cancelled does not start. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw stoppedError();
}

/** The error to throw once `signal` has aborted: a time limit reads differently from a cancel click. */
export function cancelledError(signal: AbortSignal, timeoutMs?: number): SourceCancelledError {
  const reason: unknown = signal.reason;
  const timedOut = reason instanceof DOMException && reason.name === "TimeoutError";
  return stoppedError(timedOut ? timeoutMs : undefined);
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
 * Runs two operations side by side under one signal (tied to the caller's `signal`): when one
 * fails, the other is cancelled and the failure is thrown.
 */
export async function alongside<A, B>(
  signal: AbortSignal | undefined,
  first: (signal: AbortSignal) => Promise<A>,
  second: (signal: AbortSignal) => Promise<B>,
): Promise<[A, B]> {
  const sibling = new AbortController();
  const shared = signal ? AbortSignal.any([signal, sibling.signal]) : sibling.signal;
  try {
    return await Promise.all([first(shared), second(shared)]);
  } catch (error) {
    sibling.abort();
    throw error;
  }
}
