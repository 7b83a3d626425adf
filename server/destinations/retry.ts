/**
 * Retry timing shared by every destination: Retry-After parsing (RFC 9110 §10.2.3) and
 * exponential backoff with full jitter. Pure: the caller passes the time and the randomness.
 */

export type RetryPolicy = {
  /** Requests per record set, the first one included; a set that still fails is `retry_exhausted`. */
  maxAttempts: number;
  /** Backoff of the first retry before jitter; doubles with each retry. */
  baseDelayMs: number;
  /** Ceiling of the backoff (a longer Retry-After is still honoured). */
  maxDelayMs: number;
  /** Time from a batch's first request after which it stops retrying, waits included. */
  maxElapsedMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxElapsedMs: 10 * 60_000,
};

/**
 * Seconds to wait from a Retry-After value: delay-seconds ("120") or an HTTP date, which counts
 * from `nowMs` and is never negative. Null when the value is missing or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  const text = value?.trim() ?? "";
  if (text === "") return null;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds : null;
  }
  // Only the date forms HTTP allows: a bare number or an ISO string is not a Retry-After date.
  if (!/^[A-Za-z]{3,9},? /.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/**
 * Full-jitter backoff ("Exponential Backoff And Jitter", AWS): uniform in
 * [0, min(maxDelayMs, baseDelayMs · 2^retry)), where retry 0 is the first retry.
 * `random` returns a number in [0, 1), like Math.random.
 */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry));
  return Math.floor(random() * ceiling);
}

/** The wait before retry number `retry`: the backoff, but never less than what the destination asked for. */
export function retryDelay(
  retry: number,
  afterSeconds: number | null,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  random: () => number,
): number {
  const jittered = backoffDelay(retry, policy, random);
  return afterSeconds === null ? jittered : Math.max(afterSeconds * 1000, jittered);
}
