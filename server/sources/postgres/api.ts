/**
 * The raw client: how Sluice opens postgres.js for a source, runs read-only transactions on it
 * and cancels server-side work. Only `index.ts` uses it.
 */
import net from "node:net";
import type { ConnectionOptions } from "node:tls";
import postgres from "postgres";
import { normalizePem } from "../shared/server-config";
import { throwIfAborted } from "../shared/time-limits";
import type { TPostgresConfig } from "./config";
import { TEXT_TYPE_OIDS } from "./transform";

/** Every type postgres.js would parse is delivered as text; transform.ts converts it. */
const TEXT_TYPES = {
  text: { to: 25, from: TEXT_TYPE_OIDS, serialize: (value: unknown) => String(value), parse: (raw: string) => raw },
};

function tlsOption(config: TPostgresConfig): false | "require" | ConnectionOptions {
  if (config.sslMode === "disable") return false;
  if (config.sslMode === "require") return "require";
  // `host` makes Node check the certificate against the configured host, also for an IP address.
  return {
    rejectUnauthorized: true,
    ca: config.sslRootCert ? normalizePem(config.sslRootCert) : undefined,
    host: config.host,
    servername: net.isIP(config.host) ? undefined : config.host,
  };
}

/**
 * A TCP socket with Nagle's algorithm off, for postgres.js's `socket` option (which its typings
 * omit). postgres.js leaves Nagle on, so the tail of a large message can wait for the server's
 * delayed ACK (measured: a fixed ~45 ms stall per COPY batch). postgres.js treats a custom socket
 * as connecting already, and reads `host` and `port` from it for TLS SNI and error messages.
 */
function noDelaySocket(config: TPostgresConfig): () => net.Socket {
  return () => Object.assign(net.connect({ host: config.host, port: config.port, noDelay: true }), { host: config.host, port: config.port });
}

/**
 * A postgres.js pool for `config`. Connections idle for 30 s are closed. `fetch_types: false`
 * because Redshift has no pg_type.typarray (porsager/postgres#957); arrays are parsed in
 * transform.ts instead. `prepare: false` keeps one-off model SQL from piling up as prepared
 * statements and works behind transaction poolers. Every setting is passed explicitly so that
 * PG* environment variables of the Sluice process never leak into a source connection.
 * `noDelay` turns Nagle's algorithm off (destinations, which send large parameter arrays).
 */
export function openClient(config: TPostgresConfig, options: { max: number; connectTimeoutMs: number; noDelay?: boolean }) {
  const socket = options.noDelay ? { socket: noDelaySocket(config) } : {};
  const settings = {
    ...socket,
    host: config.host,
    port: config.port,
    database: config.database,
    username: config.user,
    password: () => config.password,
    ssl: tlsOption(config),
    max: options.max,
    idle_timeout: 30,
    max_lifetime: 30 * 60,
    connect_timeout: options.connectTimeoutMs / 1000,
    prepare: false,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: "sluice", TimeZone: "UTC", DateStyle: "ISO, MDY" },
    types: TEXT_TYPES,
  };
  return postgres(settings);
}

export type PostgresClient = ReturnType<typeof openClient>;
/** The `sql` of a transaction callback of this client. */
export type Transaction = Parameters<Parameters<PostgresClient["begin"]>[1]>[0];

/**
 * Runs `fn` in a READ ONLY transaction (REPEATABLE READ when `repeatableRead`, so every
 * statement sees one snapshot) with `statement_timeout` set for its statements. postgres.js
 * commits when `fn` resolves, rolls back when it throws, and returns the connection to the
 * pool either way.
 */
export async function readOnly<T>(
  client: PostgresClient,
  options: { repeatableRead?: boolean; timeoutMs?: number },
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  // Isolation before access mode: the order Redshift documents (Postgres accepts either).
  const mode = options.repeatableRead ? "isolation level repeatable read read only" : "read only";
  let result: { value: T } | undefined;
  await client.begin(mode, async (tx) => {
    if (options.timeoutMs !== undefined) {
      await tx.unsafe(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(options.timeoutMs))}`);
    }
    result = { value: await fn(tx) };
  });
  if (result === undefined) throw new Error("The transaction ended without a result.");
  return result.value;
}

/**
 * Extended protocol for model SQL: one statement only, so SQL that closes the subquery and
 * adds `; COMMIT; DELETE …` is refused instead of ending the READ ONLY transaction. postgres.js
 * would use the simple protocol (many statements) for a query without parameters; `simple` is
 * a runtime option its typings omit, hence a variable rather than a literal.
 */
const EXTENDED_PROTOCOL = { prepare: false, simple: false };

export function statement(tx: Transaction, sql: string) {
  return tx.unsafe<Record<string, unknown>[]>(sql, [], EXTENDED_PROTOCOL);
}

/**
 * Calls `cancel` (postgres.js: a CancelRequest to the server for the running statement) when
 * `signal` fires while `work` runs; the statement then fails with SQLSTATE 57014.
 */
export async function cancelOnAbort<T>(signal: AbortSignal | undefined, cancel: () => void, work: () => Promise<T>): Promise<T> {
  throwIfAborted(signal);
  signal?.addEventListener("abort", cancel, { once: true });
  try {
    return await work();
  } finally {
    signal?.removeEventListener("abort", cancel);
  }
}

/** Name and type OID of each result column, as postgres.js attaches them to a result. */
export function resultColumns(result: object): { name: string; type: number }[] {
  const columns: unknown = Reflect.get(result, "columns");
  if (!Array.isArray(columns)) return [];
  return columns.flatMap((column: unknown) => {
    if (typeof column !== "object" || column === null) return [];
    const name: unknown = Reflect.get(column, "name");
    const type: unknown = Reflect.get(column, "type");
    return typeof name === "string" && typeof type === "number" ? [{ name, type }] : [];
  });
}

/**
 * Asks the server directly whether it speaks TLS (an SSLRequest: "S" yes, "N" no), or
 * undefined when it cannot tell. Used by `check` to explain a failed TLS handshake.
 */
export function serverSupportsTls(host: string, port: number, timeoutMs: number): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (answer: boolean | undefined) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => finish(undefined));
    socket.once("error", () => finish(undefined));
    socket.once("connect", () => socket.write(Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f])));
    socket.once("data", (data) => finish(data[0] === 0x53 ? true : data[0] === 0x4e ? false : undefined));
  });
}
