/**
 * Assertions for source connectors' `check` against places that cannot answer: a port nobody
 * listens on, a host that does not resolve, a server that accepts connections and never answers.
 * Everything runs on 127.0.0.1 (test/loopback.ts); the expected words are the ones the shared
 * failures promise (server/sources/shared/server-errors.ts and endpoint-errors.ts).
 */
import { expect } from "vitest";
import { CHECK_TIMEOUT_MS, type CheckResult } from "@/server/sources/types";
import { closedPort, silentServer, type Endpoint } from "./loopback";

/** A host name the resolver rejects without asking DNS: its first label has 64 characters. */
export const UNRESOLVABLE_HOST = `${"x".repeat(64)}.invalid`;

/** Database servers (Postgres, MySQL): a closed port is refused at once. */
export async function expectServerRefused(check: (port: number) => Promise<CheckResult>): Promise<void> {
  const port = await closedPort();
  await expect(check(port)).resolves.toEqual({
    ok: false,
    code: "connection_refused",
    message: `Nothing accepted the connection on 127.0.0.1:${port}: check the port, and that the server is running and listening on this address.`,
  });
}

/** Database servers: a host that does not resolve is named. */
export async function expectServerHostNotFound(check: (host: string) => Promise<CheckResult>): Promise<void> {
  const result = await check(UNRESOLVABLE_HOST);
  expect(result).toMatchObject({ ok: false, code: "host_not_found" });
  expect(result.ok || result.message).toContain(`The host "${UNRESOLVABLE_HOST}" could not be found`);
}

/** Database servers: a server that never answers times out within the limit `check` was given (1 s), not the default one. */
export async function expectServerTimeout(check: (port: number, timeoutMs: number) => Promise<CheckResult>): Promise<void> {
  const silent = await silentServer();
  try {
    const started = performance.now();
    const result = await check(silent.port, 1_000);
    expect(performance.now() - started).toBeLessThan(CHECK_TIMEOUT_MS);
    expect(result).toEqual({
      ok: false,
      code: "timeout",
      message: `127.0.0.1:${silent.port} did not answer within 1 s: check the host, the port and any firewall in between.`,
    });
  } finally {
    await silent.close();
  }
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Warehouses behind an HTTPS endpoint: a server that never answers makes `check` give up after
 * its time limit (and not a second later), once the client had connected. The message is "Could
 * not reach 127.0.0.1:<port>: no answer within <limit>.", followed by `note` where the warehouse
 * may add one.
 */
export async function expectEndpointTimeout(
  check: (endpoint: Endpoint) => Promise<CheckResult>,
  options: { timeoutMs: number; note?: string },
): Promise<void> {
  const server = await silentServer();
  try {
    const started = Date.now();
    const result = await check(server);
    const elapsed = Date.now() - started;
    const sentence = `Could not reach 127.0.0.1:${server.port}: no answer within ${options.timeoutMs / 1000} s.`;
    const note = options.note === undefined ? "" : `(${escaped(options.note)})?`;
    const message: unknown = expect.stringMatching(new RegExp(`^${escaped(sentence)}${note}$`));
    expect(result).toEqual({ ok: false, code: "timeout", message });
    expect(server.connections()).toBeGreaterThan(0);
    expect(elapsed).toBeGreaterThanOrEqual(options.timeoutMs - 100);
    expect(elapsed).toBeLessThan(options.timeoutMs + 1_000);
  } finally {
    await server.close();
  }
}

/** Warehouses behind an HTTPS endpoint: a closed port is refused at once (within the time limit). */
export async function expectEndpointRefused(check: (endpoint: { port: number; url: string }) => Promise<CheckResult>, timeoutMs: number): Promise<void> {
  const port = await closedPort();
  const started = Date.now();
  const result = await check({ port, url: `http://127.0.0.1:${port}` });
  expect(result).toEqual({ ok: false, code: "connection_refused", message: `Could not reach 127.0.0.1:${port}: the connection was refused.` });
  expect(Date.now() - started).toBeLessThan(timeoutMs);
}
