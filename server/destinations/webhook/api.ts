/**
 * The raw HTTP client of the webhook destination (node:http and node:https on keep-alive agents).
 * One request, one plain result: a response, a timeout or a network failure. It throws only when
 * the caller's signal aborts. Redirects are not followed: a POST must reach the URL the user
 * configured. Not `fetch`: its web streams cost about 4 ms more per 100 KB request, and its first
 * request in a process 30 ms more, which was a tenth of a small sync's delivery.
 */
import http, { type IncomingMessage } from "node:http";
import https from "node:https";

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
  /** `code` is the system or TLS error code when there is one (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED…). */
  | { kind: "network"; code: string | undefined; message: string };

/** Enough for a `rejected` list covering 10,000 records with short reasons. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

const httpAgent = new http.Agent({ keepAlive: true });
const httpsAgent = new https.Agent({ keepAlive: true });

/** The first `MAX_RESPONSE_BYTES` of a response's body, as UTF-8; the rest is not read. */
async function readCapped(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_RESPONSE_BYTES) break; // leaving the loop destroys the response
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString("utf8");
}

/** Sends the request; resolves with the response once its headers arrived. */
function send(request: HttpRequest, signal: AbortSignal): Promise<IncomingMessage> {
  const url = new URL(request.url);
  const secure = url.protocol === "https:";
  const headers = { ...request.headers, "content-length": String(Buffer.byteLength(request.body)) };
  return new Promise((resolve, reject) => {
    const outgoing = (secure ? https : http).request(url, { method: request.method, headers, agent: secure ? httpsAgent : httpAgent, signal }, resolve);
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

/** The innermost error code of a failure (some errors wrap their cause). */
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
    const response = await send(request, signal);
    const body = await readCapped(response);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    return { kind: "response", status: response.statusCode ?? 0, headers, body };
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (timeout.aborted) return { kind: "timeout", timeoutMs: request.timeoutMs };
    return { kind: "network", ...errorCode(error) };
  }
}
