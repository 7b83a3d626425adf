/**
 * The destination connector contract. A connector is a small typed object (one folder each under
 * server/destinations/<type>/) built with `defineDestination`. The delivery layer
 * (server/destinations/delivery.ts) and the engine only talk to this interface.
 *
 * Promises every connector keeps:
 * - `configSchema` (zod) validates the settings and drives the form; parsing is idempotent (a
 *   parsed config parses to itself). Fields in `secretFields` are never returned to the browser
 *   and may be left blank on update to keep the stored value (server/sources/config.ts rules).
 * - `check` never throws for connection problems and never hangs: it resolves within
 *   `CHECK_TIMEOUT_MS` to `{ ok: true }` or `{ ok: false, code, message }` with a human message.
 * - `write(config, batch, { signal, batchId })` sends at most `limits(config).batchSize` records
 *   in as few requests as the API allows and resolves to exactly one outcome per record, in the
 *   batch's order, with the record's key:
 *     accepted                        the destination took the record;
 *     rejected, scope "record"        the destination refused this record (final);
 *     rejected, scope "batch"         the destination refused the request as a whole without
 *                                     saying which record is at fault; the delivery layer splits
 *                                     the batch to find it;
 *     retry, afterSeconds             a transient failure (rate limit, 5xx, timeout, network);
 *                                     `afterSeconds` is the destination's own hint (Retry-After)
 *                                     or null when it gave none.
 *   It does not retry, sleep or split: the delivery layer does, once, for every connector.
 * - `write` throws only (a) when `signal` aborts — the batch's fate is then unknown — or (b) a
 *   `DestinationRefusedError` when the destination refuses the configuration itself (bad
 *   credentials, endpoint gone): every other record would fail the same way, so the delivery stops.
 * - `batchId` names the record set: a retry of the same set reuses it, so a receiver can dedupe.
 *   Delivery is at-least-once (a timeout leaves the outcome unknown and is retried).
 * - `accountKey(config)` names what the destination's rate limit applies to (a portal, an org,
 *   an endpoint): deliveries with the same account share one limiter in the process.
 */
import type { z } from "zod";
import type { CellValue, CheckErrorCode, ColumnType, SecretField } from "../sources/types";

export { CHECK_TIMEOUT_MS } from "../sources/types";

/** Connectors that exist. Planned next, each a folder of its own: "hubspot", "salesforce". */
export const DESTINATION_TYPES = ["webhook", "postgres", "mysql"] as const;
export type DestinationType = (typeof DESTINATION_TYPES)[number];

/**
 * What a record asks the destination to do: upsert/update/insert/delete an object, or
 * add/remove a member of a list or audience.
 */
export const OPERATIONS = ["upsert", "update", "insert", "delete", "add", "remove"] as const;
export type Operation = (typeof OPERATIONS)[number];

/** One change to deliver. `key` identifies it in outcomes; it is unique within a delivery. */
export type DestinationRecord = { key: string; operation: Operation; payload: Record<string, CellValue> };

export type RecordOutcome =
  /** `created`: the record did not exist before this write (unknown when the destination cannot tell). */
  | { key: string; status: "accepted"; created?: boolean }
  | { key: string; status: "rejected"; reason: string; scope: "record" | "batch" }
  | { key: string; status: "retry"; afterSeconds: number | null; reason: string };

/** How the delivery layer may call `write` for one configuration. */
export type DestinationLimits = {
  /** Records per `write` call. */
  batchSize: number;
  /** `write` calls in flight at once per account. */
  concurrency: number;
  /** `write` calls started per second per account; null when only `concurrency` bounds them. */
  requestsPerSecond: number | null;
  supportedOperations: readonly Operation[];
};

/** The shared check codes, plus those only a destination can answer. */
export type DestinationCheckErrorCode =
  | Exclude<CheckErrorCode, "database_not_found">
  | "not_found"
  | "tls_failed"
  | "rate_limited"
  | "unexpected_response";

/** The source `CheckResult` shape with the destination codes. */
export type DestinationCheckResult = { ok: true } | { ok: false; code: DestinationCheckErrorCode; message: string };

/** A field of a destination object, as mappings show it. */
export type DestinationField = { name: string; label: string; type: ColumnType; required: boolean; identifier: boolean };

/** Something records are written to: a table, a CRM object, a list, an endpoint. */
export type DestinationObject = {
  name: string;
  label: string;
  operations: readonly Operation[];
  fields: DestinationField[];
  /** Payload fields beyond `fields` are accepted as they are. */
  acceptsCustomFields: boolean;
};

/**
 * Where a batch goes: `object` is a `DestinationObject.name` from `discover` (a table, a CRM
 * object, a list); `identifier` is the destination field that matches records (the table's key
 * column, an email). Every record's payload holds the identifier; delete and remove records
 * hold only the identifier.
 */
export type WriteTarget = { object: string; identifier: string };

export type WriteOptions = { signal: AbortSignal; batchId: string; target: WriteTarget };

export interface DestinationConnector<Config> {
  type: DestinationType;
  label: string;
  configSchema: z.ZodType<Config>;
  /** Config fields that are credentials: encrypted at rest, never sent to the browser. */
  secretFields: readonly SecretField<Config>[];
  limits(config: Config): DestinationLimits;
  /** What the rate limit applies to; never a secret in clear (it may be logged). */
  accountKey(config: Config): string;
  check(config: Config): Promise<DestinationCheckResult>;
  discover(config: Config, options?: { signal?: AbortSignal }): Promise<DestinationObject[]>;
  write(config: Config, batch: readonly DestinationRecord[], options: WriteOptions): Promise<RecordOutcome[]>;
  /** Releases whatever the connector keeps open (pools, agents). */
  close(): Promise<void>;
}

export function defineDestination<Config>(connector: DestinationConnector<Config>): DestinationConnector<Config> {
  return connector;
}

/**
 * The destination refused the configuration itself (credentials, endpoint, permissions): no
 * record can get through until someone changes the settings, so a delivery stops here.
 */
export class DestinationRefusedError extends Error {
  override name = "DestinationRefusedError";
  constructor(
    message: string,
    readonly code: DestinationCheckErrorCode,
  ) {
    super(message);
  }
}
