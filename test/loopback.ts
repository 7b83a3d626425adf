/**
 * Test helpers: endpoints on 127.0.0.1 that behave like unreachable warehouses, and a guard that
 * refuses any TCP connection leaving 127.0.0.0/8 while a test runs.
 */
import http from "node:http";
import net from "node:net";
import { afterAll, afterEach, beforeAll, expect } from "vitest";

export type Endpoint = { host: "127.0.0.1"; port: number; url: string; close: () => Promise<void> };

function endpoint(server: net.Server, sockets: Set<net.Socket>): Endpoint {
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    host: "127.0.0.1",
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function listen(server: net.Server): Promise<Set<net.Socket>> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return sockets;
}

/** Accepts TCP connections and never answers (a firewall that drops, a hung proxy). */
export async function silentServer(): Promise<Endpoint & { connections: () => number }> {
  let connections = 0;
  const server = net.createServer(() => {
    connections++;
  });
  const sockets = await listen(server);
  return { ...endpoint(server, sockets), connections: () => connections };
}

/** A port on 127.0.0.1 where nothing listens: connecting is refused at once. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address !== null ? address.port : 0;
}

export type Reply = { status: number; body: unknown };
export type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

/** An HTTP server on 127.0.0.1 answering every request with `reply(request)`, as JSON. */
export async function jsonServer(reply: (request: Received) => Reply | Promise<Reply>): Promise<Endpoint & { requests: Received[] }> {
  const requests: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const received = {
        method: request.method ?? "GET",
        url: request.url ?? "/",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(received);
      void Promise.resolve(reply(received)).then(({ status, body }) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      });
    });
  });
  const sockets = await listen(server);
  return { ...endpoint(server, sockets), requests };
}

function isLoopback(host: unknown): boolean {
  return host === undefined || host === "localhost" || host === "::1" || (typeof host === "string" && host.startsWith("127."));
}

function targetHost(args: unknown[]): unknown {
  const first: unknown = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "object" && first !== null) {
    if (typeof Reflect.get(first, "path") === "string") return undefined;
    return Reflect.get(first, "host");
  }
  return args[1];
}

/**
 * Refuses TCP connections to anything but 127.0.0.0/8 until `restore()`; `blocked` lists the
 * hosts that were refused (a test expects it to stay empty).
 */
export function guardLoopback(): { blocked: string[]; restore: () => void } {
  const blocked: string[] = [];
  const descriptor = Object.getOwnPropertyDescriptor(net.Socket.prototype, "connect");
  const original: unknown = descriptor?.value;
  if (!descriptor || typeof original !== "function") throw new Error("net.Socket.prototype.connect not found");
  const guarded = function (this: net.Socket, ...args: unknown[]): unknown {
    const host = targetHost(args);
    if (!isLoopback(host)) {
      const name = typeof host === "string" ? host : JSON.stringify(host);
      blocked.push(name);
      throw new Error(`Test tried to connect to ${name}; only 127.0.0.0/8 is allowed.`);
    }
    return Reflect.apply(original, this, args);
  };
  Object.defineProperty(net.Socket.prototype, "connect", { ...descriptor, value: guarded });
  return { blocked, restore: () => Object.defineProperty(net.Socket.prototype, "connect", descriptor) };
}

/**
 * Guards every test of the calling file: from the first test on, TCP connections leaving
 * 127.0.0.0/8 are refused, and a test after which one was attempted fails.
 */
export function useLoopbackGuard(): void {
  let guard: ReturnType<typeof guardLoopback> | undefined;
  beforeAll(() => {
    guard = guardLoopback();
  });
  afterAll(() => guard?.restore());
  afterEach(() => expect(guard?.blocked).toEqual([]));
}
