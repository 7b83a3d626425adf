/**
 * The source connector contract. A connector is a small typed object (one folder each under
 * server/sources/<type>/) built with `defineSource`. The engine, the model routes and the
 * audience compiler only talk to this interface.
 *
 * Promises every connector keeps:
 * - `configSchema` (zod) validates the connection settings and drives the form; fields listed
 *   in `secretFields` are never returned to the browser (only masked) and may be left blank on
 *   update to keep the stored value.
 * - `check` never throws for connection problems and never hangs: it resolves within
 *   `CHECK_TIMEOUT_MS` to `{ ok: false, code, message }` with a specific, human message.
 * - User SQL runs read-only where the warehouse allows it (a READ ONLY transaction on
 *   Postgres/MySQL, a read-only DuckDB), with a time limit, and can be cancelled with `signal`.
 *   A query error is thrown as `SourceQueryError` with the warehouse's own message and, where
 *   the warehouse reports it, the position in the SQL.
 * - `read` streams rows in bounded chunks in a deterministic order (ORDER BY the primary key,
 *   via a server-side cursor or keyset pagination): the whole model never sits in memory.
 * - `scan` (optional, the sync engine's fast path) streams the same rows in any order as
 *   `ScanChunk`s: every row's key and fingerprint cheaply, the row itself only on demand. A
 *   connector that can compare rows itself (DuckDB) takes the engine's `ScanShadow` and yields
 *   only the rows that differ.
 * - Connections come from a pool per source configuration and are always released, also on
 *   errors and cancellation; `close()` ends every pool of the connector (shutdown, tests).
 * - Identifiers (schemas, tables, columns) are quoted by the connector's `dialect`; values are
 *   bound parameters. Nothing the user types is spliced into SQL except a model's own SQL,
 *   which is wrapped as a subquery and run read-only.
 */
import type { z } from "zod";

export const SOURCE_TYPES = ["postgres", "mysql", "duckdb", "snowflake", "bigquery", "databricks"] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const CHECK_TIMEOUT_MS = 10_000;
export const PREVIEW_TIMEOUT_MS = 30_000;
export const PREVIEW_LIMIT = 100;

/** Portable column types; `nativeType` keeps the warehouse's own name. */
export type ColumnType = "string" | "integer" | "number" | "boolean" | "date" | "timestamp" | "json" | "unknown";

export type Column = { name: string; type: ColumnType; nativeType: string };

/** A value as Sluice handles it: JSON-safe. Big integers and decimals are strings (exact), dates ISO strings. */
export type CellValue = string | number | boolean | null | CellValue[] | { [key: string]: CellValue };
export type Row = Record<string, CellValue>;

export type DiscoveredTable = { schema: string | null; name: string; kind: "table" | "view"; columns: Column[] };

/** What a model reads: a table/view from the discovered schema, or the user's SQL. */
export type ModelQuery = { kind: "table"; schema: string | null; table: string } | { kind: "sql"; sql: string };

export type CheckErrorCode =
  | "auth_failed"
  | "host_not_found"
  | "connection_refused"
  | "database_not_found"
  | "tls_required"
  | "permission_denied"
  | "timeout"
  | "invalid_config"
  | "unknown";

export type CheckResult = { ok: true } | { ok: false; code: CheckErrorCode; message: string };

export type PreviewResult = { columns: Column[]; rows: Row[]; totalRows: number };

/** How unique and complete a candidate primary key is on the live data. */
export type KeyCheck = { rows: number; duplicateKeys: number; nullKeys: number };

export type QueryOptions = { signal?: AbortSignal; timeoutMs?: number };

/**
 * What a scan reads: the key column and the columns a sync maps (the key may be among them).
 * `hashBytes` is the engine's hash, for connectors that fingerprint rows' bytes in Node.
 */
export type ScanOptions = QueryOptions & {
  keyColumn: string;
  columns: readonly string[];
  hashBytes: (bytes: Uint8Array) => bigint;
  shadow?: ScanShadow;
};

/**
 * What the engine holds from the last runs, for a connector that can compare rows with it inside
 * the warehouse (DuckDB) instead of handing every row to the engine. Per record of the engine's
 * state: the scan's own hash of its key (`ScanChunk.scanKey`; 0 when unknown: such records are
 * not part of the shadow) and its row hash, `fingerprint XOR salt(scheme)` (0 when unknown).
 *
 * A connector that uses it yields only the rows the shadow does not vouch for (no record with
 * their key hash, or another fingerprint), then one last chunk of size 0 carrying `settled`.
 * Connectors without that ability ignore it and scan every row.
 */
export type ScanShadow = {
  readonly keyHashes: BigUint64Array;
  readonly rowHashes: BigUint64Array;
  readonly salt: (scheme: string) => bigint;
};

/** What a scan that used its shadow settled without yielding rows. */
export type ShadowSettled = {
  /** Rows of the model, yielded or not. */
  readonly rows: number;
  /** Indexes of the shadow's records whose key hash no row of the model has. */
  readonly gone: Uint32Array;
  /**
   * When a key the scan did not yield repeats: the non-empty key values the whole model holds
   * more than once, and the rows beyond the first of each. Otherwise 0: keys repeated only among
   * yielded rows are for the engine to see.
   */
  readonly repeatedKeys: number;
  readonly extraRows: number;
};

/**
 * Rows of a scan, read lazily. A sync reads every row's key and fingerprint but builds only the
 * rows it sends (about 1% on an incremental run), so a scan costs far less than `read`.
 */
export interface ScanChunk {
  /**
   * Names how fingerprints are computed, with everything they depend on (e.g. the column types):
   * fingerprints of two scans are comparable only when their schemes are equal.
   */
  readonly scheme: string;
  readonly size: number;
  /** Row `index`'s key, the cell value `read` gives for the key column. */
  key(index: number): CellValue;
  /**
   * `Hasher.keyHash` of row `index`'s key, from the connector's bytes without building the key:
   * for connectors whose key text is its canonical text. Null when the engine must hash `key(index)`
   * itself (a key that is empty, null, escaped or not plain ASCII, say).
   */
  keyHash?(index: number): bigint | null;
  /** A 64-bit hash of row `index`'s key and columns: equal rows give equal fingerprints. */
  fingerprint(index: number): bigint;
  /** Row `index` (the key and the scanned columns) as `read` gives it. */
  row(index: number): Row;
  /** The scan's own 64-bit hash of row `index`'s key, from connectors that take a `ScanShadow`. */
  scanKey?(index: number): bigint;
  /** Only on the last chunk (of size 0) of a scan that compared rows with `ScanOptions.shadow`. */
  readonly settled?: ShadowSettled;
}

/** Quoting and small SQL differences of one warehouse; pure functions, unit-tested. */
export interface Dialect {
  name: SourceType;
  quoteIdentifier(identifier: string): string;
  /** `schema.table`, quoted; schema may be null for engines without one. */
  qualifiedTable(schema: string | null, table: string): string;
  /** The model as a FROM-able relation (a quoted table, or the user's SQL in parentheses with an alias). */
  relation(query: ModelQuery): string;
  /** SELECT … LIMIT n over a relation. */
  limit(sql: string, n: number): string;
}

/** A config field name; any string for a connector seen through `SourceConnector<unknown>`. */
export type SecretField<Config> = Config extends object ? keyof Config & string : string;

export interface SourceConnector<Config> {
  type: SourceType;
  label: string;
  configSchema: z.ZodType<Config>;
  /** Config fields that are credentials: encrypted at rest, never sent to the browser. */
  secretFields: readonly SecretField<Config>[];
  dialect: Dialect;
  check(config: Config): Promise<CheckResult>;
  discover(config: Config, options?: QueryOptions): Promise<DiscoveredTable[]>;
  /** The first `limit` rows with column types, and the total row count. */
  preview(config: Config, query: ModelQuery, options: QueryOptions & { limit: number }): Promise<PreviewResult>;
  /** Counts rows, duplicate key values and null keys for `keyColumn` over the model. */
  checkKey(config: Config, query: ModelQuery, keyColumn: string, options?: QueryOptions): Promise<KeyCheck>;
  /** Streams the model ordered by `orderBy` in chunks of at most `chunkSize` rows. */
  read(
    config: Config,
    query: ModelQuery,
    options: QueryOptions & { orderBy: string; chunkSize: number },
  ): AsyncGenerator<Row[], void, undefined>;
  /** Streams the model's key and `columns` as fingerprinted chunks, in no particular order. */
  scan?(config: Config, query: ModelQuery, options: ScanOptions): AsyncGenerator<ScanChunk, void, undefined>;
  /** Opens ahead of a scan what it will need (DuckDB: the database file), while the engine does other work. */
  warm?(config: Config): Promise<void>;
  /** Ends every pooled connection this connector holds. */
  close(): Promise<void>;
}

export function defineSource<Config>(connector: SourceConnector<Config>): SourceConnector<Config> {
  return connector;
}

/** A query the warehouse refused: its own message, and the 1-based character position when known. */
export class SourceQueryError extends Error {
  override name = "SourceQueryError";
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(message);
  }
}

/** The query ran past its time limit or was cancelled by the user. */
export class SourceCancelledError extends Error {
  override name = "SourceCancelledError";
}
