/**
 * PostgreSQL source, also used for Redshift and other warehouses that speak the Postgres wire
 * protocol. Model SQL runs in READ ONLY transactions with a statement timeout; `read` streams
 * through a server-side cursor in one REPEATABLE READ snapshot.
 */
import { createPoolCache } from "../pool-cache";
import { invalidSettings } from "../shared/check";
import { timedOut, tlsUnsupported } from "../shared/server-errors";
import { keyCheckFromRow, totalFromRow } from "../shared/statements";
import { resolveWithin, throwIfAborted } from "../shared/time-limits";
import {
  CHECK_TIMEOUT_MS,
  type CheckResult,
  type Column,
  defineSource,
  type ModelQuery,
  PREVIEW_TIMEOUT_MS,
  type QueryOptions,
  type Row,
} from "../types";
import {
  cancelOnAbort,
  openClient,
  type PostgresClient,
  readOnly,
  resultColumns,
  serverSupportsTls,
  statement,
  type Transaction,
} from "./api";
import { describeColumns, discoverTables } from "./catalog";
import { schemaList, type TPostgresConfig, ZPostgresConfig } from "./config";
import { postgresDialect as dialect, postgresStatements as statements } from "./dialect";
import { classifyConnectionError, isTlsHandshakeReset, toSourceError } from "./errors";
import { pump } from "./pump";
import { scanPostgres } from "./scan";
import { toRow } from "./transform";

const pools = createPoolCache(
  (config: TPostgresConfig) => openClient(config, { max: 5, connectTimeoutMs: CHECK_TIMEOUT_MS }),
  (client: PostgresClient) => client.end({ timeout: 5 }),
);

/** How a method's statements run: the model (for error positions), the signal and the limit. */
type Run = { config: TPostgresConfig; query?: ModelQuery; signal?: AbortSignal; timeoutMs?: number };

/** Runs one statement in `tx`, cancelled on the server when the signal fires. */
async function run(tx: Transaction, sql: string, context: Run): Promise<Awaited<ReturnType<typeof statement>>> {
  const pending = statement(tx, sql);
  try {
    return await cancelOnAbort(context.signal, () => pending.cancel(), () => pending);
  } catch (error) {
    throw toSourceError(error, { statement: sql, query: context.query, connection: context.config, timeoutMs: context.timeoutMs });
  }
}

/** Errors outside a statement (connecting, BEGIN) as Source errors. */
async function guarded<T>(context: Run, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toSourceError(error, { statement: "", query: context.query, connection: context.config, timeoutMs: context.timeoutMs });
  }
}

/** The schemas in `config.schemas` that are missing or not usable by the user, as a failure. */
async function checkSchemas(client: PostgresClient, config: TPostgresConfig): Promise<CheckResult> {
  const schemas = schemaList(config);
  if (schemas.length === 0) return { ok: true };
  const rows = await client.unsafe<{ nspname: string; usable: string }[]>(
    `SELECT nspname, has_schema_privilege(oid, 'USAGE') AS usable FROM pg_catalog.pg_namespace
      WHERE nspname IN (${schemas.map((_, i) => `$${i + 1}`).join(", ")})`,
    [...schemas],
    { prepare: false },
  );
  const missing = schemas.filter((schema) => !rows.some((row) => row.nspname === schema));
  if (missing.length > 0) {
    return { ok: false, code: "invalid_config", message: `Schema "${missing.join('", "')}" does not exist in database "${config.database}".` };
  }
  const denied = rows.filter((row) => row.usable !== "t").map((row) => row.nspname);
  if (denied.length > 0) {
    return {
      ok: false,
      code: "permission_denied",
      message: `User "${config.user}" may not use schema "${denied.join('", "')}" (it lacks the USAGE privilege).`,
    };
  }
  return { ok: true };
}

/**
 * `check` with an explicit time limit (tests use a short one). Never throws: connects with a
 * throwaway client (a wrong config must not leave a pool behind), runs `SELECT 1` and the
 * schema check, and races all of it against `timeoutMs`.
 */
export async function checkPostgres(input: unknown, timeoutMs: number): Promise<CheckResult> {
  const parsed = ZPostgresConfig.safeParse(input);
  if (!parsed.success) return invalidSettings(parsed.error);
  const config = parsed.data;
  const client = openClient(config, { max: 1, connectTimeoutMs: timeoutMs });
  const attempt = async (): Promise<CheckResult> => {
    try {
      await client.unsafe("SELECT 1");
      return await checkSchemas(client, config);
    } catch (error) {
      if (isTlsHandshakeReset(error) && (await serverSupportsTls(config.host, config.port, timeoutMs)) === false) {
        return tlsUnsupported();
      }
      return classifyConnectionError(error, config, timeoutMs);
    }
  };
  try {
    return await resolveWithin(attempt(), timeoutMs, () => timedOut(config, timeoutMs));
  } finally {
    await client.end({ timeout: 0 });
  }
}

export const postgresSource = defineSource<TPostgresConfig>({
  type: "postgres",
  label: "PostgreSQL / Redshift",
  configSchema: ZPostgresConfig,
  secretFields: ["password"],
  dialect,

  check: (config) => checkPostgres(config, CHECK_TIMEOUT_MS),

  async discover(config, options?: QueryOptions) {
    const context: Run = { config, signal: options?.signal, timeoutMs: options?.timeoutMs ?? PREVIEW_TIMEOUT_MS };
    throwIfAborted(options?.signal);
    return guarded(context, () =>
      readOnly(pools.get(config), context, (tx) => discoverTables(tx, schemaList(config), options?.signal)),
    );
  },

  async preview(config, query, options) {
    const context: Run = { config, query, signal: options.signal, timeoutMs: options.timeoutMs ?? PREVIEW_TIMEOUT_MS };
    const client = pools.get(config);
    const { result, total } = await guarded(context, () =>
      readOnly(client, context, async (tx) => {
        const result = await run(tx, statements.preview(query, options.limit), context);
        const counted = await run(tx, statements.count(query), context);
        return { result, total: totalFromRow(counted[0]) };
      }),
    );
    const columns = await describeColumns(client, resultColumns(result));
    return { columns, rows: result.map((row) => toRow(row, columns)), totalRows: total };
  },

  async checkKey(config, query, keyColumn, options) {
    const context: Run = { config, query, signal: options?.signal, timeoutMs: options?.timeoutMs ?? PREVIEW_TIMEOUT_MS };
    const sql = statements.keyCheck(query, keyColumn);
    const [counts] = await guarded(context, () => readOnly(pools.get(config), context, (tx) => run(tx, sql, context)));
    return keyCheckFromRow(counts);
  },

  async *read(config, query, options) {
    if (!Number.isSafeInteger(options.chunkSize) || options.chunkSize < 1) {
      throw new RangeError(`chunkSize must be a whole number ≥ 1, got ${options.chunkSize}.`);
    }
    const context: Run = { config, query, signal: options.signal, timeoutMs: options.timeoutMs };
    const client = pools.get(config);
    const sql = statements.read(query, options.orderBy);
    const chunks = pump<Row[]>((emit) =>
      readOnly(client, { ...context, repeatableRead: true }, async (tx) => {
        const pending = statement(tx, sql);
        const cursor = pending.cursor(options.chunkSize)[Symbol.asyncIterator]();
        let columns: Column[] | undefined;
        try {
          for (;;) {
            const next = await cancelOnAbort(options.signal, () => pending.cancel(), () => cursor.next());
            if (next.done === true) return;
            columns ??= await describeColumns(client, resultColumns(next.value));
            const rows = next.value.map((row) => toRow(row, columns ?? []));
            if (!(await emit(rows))) return;
          }
        } finally {
          await cursor.return?.();
        }
      }),
    );
    try {
      for await (const rows of chunks) {
        yield rows;
        throwIfAborted(options.signal);
      }
    } catch (error) {
      throw toSourceError(error, { statement: sql, query, connection: config, timeoutMs: options.timeoutMs });
    }
  },

  scan: (config, query, options) => scanPostgres(pools.get(config), config, query, options),

  close: () => pools.closeAll(),
});
