/**
 * The raw HTTP client of the webhook destination (Node's fetch, keep-alive). One request, one
 * plain result: a response, a timeout or a network failure. It throws only when the caller's
 * signal aborts. Redirects are not followed: a POST must reach the URL the user configured.
 */

export type HttpRequest = {
  url: string;
  method: "POST" | "PUT";
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal;
};

export type HttpResult =
  | {
      kind: "response";
      status: number;
      /** Lower-case names. */
      headers: Record<string, string>;
      /** The first `MAX_RESPONSE_BYTES` of the body, decoded as UTF-8. */
      body: string;
    }
  | { kind: "timeout"; timeoutMs: number }
  /** `code` is the system or undici error code when there is one (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED…). */
  | { kind: "network"; code: string | undefined; message: string };

/** Enough for a `rejected` list covering 10,000 records with short reasons. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

async function readCapped(response: Response): Promise<string> {
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= MAX_RESPONSE_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString("utf8");
}

/** The innermost error code of a fetch failure (fetch wraps it as `TypeError: fetch failed`). */
function errorCode(error: unknown): { code: string | undefined; message: string } {
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code: unknown = Reflect.get(current, "code");
    message = current.message || message;
    if (typeof code === "string") return { code, message };
    current = current.cause;
  }
  return { code: undefined, message };
}

export async function sendRequest(request: HttpRequest): Promise<HttpResult> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal,
    });
    const body = await readCapped(response);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { kind: "response", status: response.status, headers, body };
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (timeout.aborted) return { kind: "timeout", timeoutMs: request.timeoutMs };
    return { kind: "network", ...errorCode(error) };
  }
}
