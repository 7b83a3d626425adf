/**
 * What the SQL table destinations share (Postgres in this folder, MySQL in ../mysql): the write
 * settings, the shape of a table, how a batch becomes set-based statements, and how database
 * failures become outcomes. Dialect-neutral; a connector supplies a `TableWriter`.
 *
 * A write, on either database:
 * 1. The target table is read from the catalog, inside the write's transaction. A missing table,
 *    or an identifier column without a unique constraint of its own (for upserts and inserts),
 *    refuses the configuration: `DestinationRefusedError`.
 * 2. Each record is checked against the table (operation, column names, identifier value); a
 *    record that fails is rejected on its own and never reaches the database.
 * 3. The others form runs: consecutive records with the same operation and the same columns, no
 *    identifier value twice (so a later record sees the earlier one's write). A batch the engine
 *    sends is usually one run per operation. Each run is written by set-based statements in a
 *    savepoint.
 * 4. When the database refuses a value, the run is split in halves, recursively, until each
 *    refused record stands alone: it is rejected with the database's message, and its
 *    batch-mates are written.
 * 5. The transaction commits. A failure of the connection or of the transaction as a whole
 *    (deadlock, serialization, timeout) asks to retry every record that was sent; auth,
 *    permission and missing-table failures refuse the configuration.
 */
import { z } from "zod";
import type { CheckResult, CellValue, ColumnType } from "../../sources/types";
import type { CheckFailure } from "../../sources/shared/server-errors";
import {
  type DestinationCheckResult,
  type DestinationLimits,
  type DestinationObject,
  type DestinationRecord,
  DestinationRefusedError,
  type Operation,
  type RecordOutcome,
  type WriteTarget,
} from "../types";

export const TABLE_OPERATIONS = ["upsert", "update", "insert", "delete"] as const satisfies readonly Operation[];
export type TableOperation = (typeof TABLE_OPERATIONS)[number];

/** Settings every table destination adds to its connection fields. */
export const tableWriteFields = {
  batchSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(1000)
    .meta({ title: "Rows per batch", description: "Rows written in one transaction." }),
  concurrency: z.coerce.number().int().min(1).max(16).default(4).meta({ title: "Batches in parallel" }),
};

type TableSettings = { host: string; port: number; database: string; batchSize: number; concurrency: number };

export function tableLimits(config: TableSettings): DestinationLimits {
  return { batchSize: config.batchSize, concurrency: config.concurrency, requestsPerSecond: null, supportedOperations: TABLE_OPERATIONS };
}

/** Deliveries to one database share its limits, whoever logs in. */
export function tableAccountKey(config: TableSettings): string {
  return `${config.host}:${config.port}/${config.database}`;
}

/** The source check's answer in destination words (a destination has "not_found", not "database_not_found"). */
export function destinationCheck(result: CheckResult): DestinationCheckResult {
  if (result.ok) return result;
  return { ok: false, code: result.code === "database_not_found" ? "not_found" : result.code, message: result.message };
}

export type TableColumn = {
  name: string;
  type: ColumnType;
  /** NOT NULL without a default: an insert must give a value. */
  required: boolean;
  /** A primary key or unique constraint on this column alone, so it can match records. */
  unique: boolean;
  /** Computed by the database: never written. */
  generated: boolean;
};

/** `name` is the `DestinationObject.name` (what `discover` lists and a target names). */
export type Table<C extends TableColumn = TableColumn> = { name: string; columns: C[] };

export function destinationObject(table: Table): DestinationObject {
  return {
    name: table.name,
    label: table.name,
    operations: TABLE_OPERATIONS,
    acceptsCustomFields: false,
    fields: table.columns
      .filter((column) => !column.generated)
      .map((column) => ({ name: column.name, label: column.name, type: column.type, required: column.required, identifier: column.unique })),
  };
}

/** A record on its way, with its place in the batch (statements report rows by that index). */
export type Entry = { index: number; record: DestinationRecord };

/** Records written together: the same operation on the same columns (in table order, the identifier among them). */
export type Run<C extends TableColumn = TableColumn> = { operation: TableOperation; identifier: C; columns: C[]; entries: Entry[] };

/** `rejected`: the records refused before any statement, by batch index. */
export type WritePlan<C extends TableColumn = TableColumn> = { rejected: ReadonlyMap<number, RecordOutcome>; runs: Run<C>[] };

export function accepted(key: string, created?: boolean): RecordOutcome {
  return created === undefined ? { key, status: "accepted" } : { key, status: "accepted", created };
}

export function rejected(key: string, reason: string): RecordOutcome {
  return { key, status: "rejected", reason, scope: "record" };
}

const MAX_REASON_LENGTH = 500;

/** A database message as a reason: one line, at most 500 characters. */
export function clipReason(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_REASON_LENGTH ? `${flat.slice(0, MAX_REASON_LENGTH - 1)}…` : flat;
}

/** A value as messages quote it: strings in double quotes, the rest as JSON. */
export function describeValue(value: CellValue | undefined): string {
  return clipReason(typeof value === "string" ? `"${value}"` : JSON.stringify(value ?? null));
}

function isTableOperation(operation: Operation): operation is TableOperation {
  return (TABLE_OPERATIONS as readonly Operation[]).includes(operation);
}

/** The identifier column of `table` for a batch with `operations`; a refusal when it cannot match rows. */
export function identifierColumn<C extends TableColumn>(table: Table<C>, name: string, operations: ReadonlySet<Operation>): C {
  const column = table.columns.find((candidate) => candidate.name === name);
  if (column === undefined) {
    throw new DestinationRefusedError(`Column "${name}" does not exist in ${table.name}: choose another identifier column.`, "invalid_config");
  }
  if (!column.unique && (operations.has("upsert") || operations.has("insert"))) {
    throw new DestinationRefusedError(
      `Column "${name}" of ${table.name} is not a primary key and has no unique constraint of its own, which upserts and inserts need to match rows: add one, or choose another identifier column.`,
      "invalid_config",
    );
  }
  return column;
}

/** What `record` does to the table and the columns it writes, or why it cannot be written. */
function checkRecord<C extends TableColumn>(
  record: DestinationRecord,
  table: Table<C>,
  identifier: C,
): { operation: TableOperation; columns: C[] } | string {
  const { operation, payload } = record;
  if (!isTableOperation(operation)) return `A table takes upsert, update, insert and delete records, not "${operation}".`;
  const value = payload[identifier.name];
  if (value === undefined || value === null) return `The record has no value for the identifier column "${identifier.name}".`;
  if (operation === "delete") return { operation, columns: [identifier] };
  const byName = new Map(table.columns.map((column) => [column.name, column]));
  for (const name of Object.keys(payload)) {
    const column = byName.get(name);
    if (column === undefined) return `Column "${name}" does not exist in ${table.name}`;
    if (column.generated) return `Column "${name}" of ${table.name} is computed by the database and cannot be written`;
  }
  return { operation, columns: table.columns.filter((column) => Object.hasOwn(payload, column.name)) };
}

/** How equal identifier values are spotted within a run (7 and "7" are the same row). */
function identityOf(value: CellValue | undefined): string {
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Checks every record against `table` and groups the rest into runs, in batch order. Pure. */
export function planWrite<C extends TableColumn>(table: Table<C>, batch: readonly DestinationRecord[], identifierName: string): WritePlan<C> {
  const identifier = identifierColumn(table, identifierName, new Set(batch.map((record) => record.operation)));
  const rejections = new Map<number, RecordOutcome>();
  const runs: Run<C>[] = [];
  let open: { run: Run<C>; signature: string; seen: Set<string> } | undefined;
  batch.forEach((record, index) => {
    const checked = checkRecord(record, table, identifier);
    if (typeof checked === "string") {
      rejections.set(index, rejected(record.key, checked));
      return;
    }
    const { operation, columns } = checked;
    const signature = JSON.stringify([operation, columns.map((column) => column.name)]);
    const identity = identityOf(record.payload[identifier.name]);
    if (open === undefined || open.signature !== signature || open.seen.has(identity)) {
      open = { run: { operation, identifier, columns, entries: [] }, signature, seen: new Set() };
      runs.push(open.run);
    }
    open.seen.add(identity);
    open.run.entries.push({ index, record });
  });
  return { rejected: rejections, runs };
}

/** Accepted records of an insert or upsert; `created` holds the batch indexes of rows that did not exist before. */
export function writtenOutcomes(entries: readonly Entry[], created: ReadonlySet<number>): RecordOutcome[] {
  return entries.map(({ index, record }) => accepted(record.key, created.has(index)));
}

/** Outcomes of an update; `matched` holds the batch indexes of records whose row exists. */
export function updatedOutcomes(entries: readonly Entry[], identifier: TableColumn, matched: ReadonlySet<number>): RecordOutcome[] {
  return entries.map(({ index, record }) =>
    matched.has(index)
      ? accepted(record.key)
      : rejected(record.key, `No row with ${identifier.name} = ${describeValue(record.payload[identifier.name])} to update`),
  );
}

/** What a database error means for the records of the statement that failed. */
export type Failure =
  /** The database refused a value: narrowed down to the record and rejected. */
  | { kind: "record"; reason: string }
  /** Transient (connection, deadlock, timeout): every record of the write is sent again later. */
  | { kind: "retry"; reason: string }
  /** The configuration is wrong (credentials, permissions, the table): the delivery stops. */
  | { kind: "refused"; error: DestinationRefusedError }
  /** Not an answer of the database: a bug, thrown as it is. */
  | { kind: "unexpected"; error: unknown };

/** A connection that could not be made (as the source check classifies it): refused, or retried when it may heal. */
export function connectionFailure(failure: CheckFailure): Failure {
  switch (failure.code) {
    case "auth_failed":
    case "permission_denied":
    case "tls_required":
    case "invalid_config":
      return { kind: "refused", error: new DestinationRefusedError(failure.message, failure.code) };
    case "database_not_found":
      return { kind: "refused", error: new DestinationRefusedError(failure.message, "not_found") };
    default:
      return { kind: "retry", reason: failure.message };
  }
}

/** One transaction of a connector, as `writeTable` drives it. */
export type TableSession<C extends TableColumn, T extends Table<C>> = {
  /** The table named `object` (a `discover` name); throws `DestinationRefusedError` when there is none. */
  table(object: string): Promise<T>;
  /** Writes `entries` of `run` all or nothing (a savepoint): one outcome each, in order. Throws what the driver threw. */
  attempt(table: T, run: Run<C>, entries: readonly Entry[]): Promise<RecordOutcome[]>;
};

export type TableWriter<C extends TableColumn, T extends Table<C>> = {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<R>(work: (session: TableSession<C, T>) => Promise<R>): Promise<R>;
  classify(error: unknown): Failure;
};

/**
 * Writes `entries` with `attempt`; when the database refuses a value, splits them in halves until
 * each refused record stands alone and is rejected with the database's reason. Any other failure
 * is thrown as it is.
 */
export async function settle(
  entries: readonly Entry[],
  attempt: (entries: readonly Entry[]) => Promise<RecordOutcome[]>,
  classify: (error: unknown) => Failure,
  signal: AbortSignal,
): Promise<RecordOutcome[]> {
  signal.throwIfAborted();
  try {
    return await attempt(entries);
  } catch (error) {
    signal.throwIfAborted();
    const failure = classify(error);
    if (failure.kind !== "record") throw error;
    const [only] = entries;
    if (entries.length === 1 && only !== undefined) return [rejected(only.record.key, failure.reason)];
    const middle = Math.ceil(entries.length / 2);
    const first = await settle(entries.slice(0, middle), attempt, classify, signal);
    const second = await settle(entries.slice(middle), attempt, classify, signal);
    return [...first, ...second];
  }
}

/** The outcomes of a write that failed as a whole; throws when the failure stops the delivery. */
function failedWrite(batch: readonly DestinationRecord[], plan: WritePlan | undefined, failure: Failure): RecordOutcome[] {
  if (failure.kind === "refused") throw failure.error;
  if (failure.kind === "unexpected") throw failure.error;
  return batch.map((record, index): RecordOutcome => {
    const early = plan?.rejected.get(index);
    if (early !== undefined) return early;
    // A failure at commit (a deferred constraint) names no record: the delivery layer splits the batch.
    return failure.kind === "retry"
      ? { key: record.key, status: "retry", afterSeconds: null, reason: failure.reason }
      : { key: record.key, status: "rejected", reason: failure.reason, scope: "batch" };
  });
}

/** One `write` of a table destination (the steps in this file's header). */
export async function writeTable<C extends TableColumn, T extends Table<C>>(
  writer: TableWriter<C, T>,
  batch: readonly DestinationRecord[],
  options: { signal: AbortSignal; target: WriteTarget },
): Promise<RecordOutcome[]> {
  const { signal, target } = options;
  signal.throwIfAborted();
  if (batch.length === 0) return [];
  const state: { plan?: WritePlan<C> } = {};
  try {
    return await writer.transaction(async (session) => {
      const table = await session.table(target.object);
      const plan = planWrite<C>(table, batch, target.identifier);
      state.plan = plan;
      const outcomes: (RecordOutcome | undefined)[] = batch.map((_, index) => plan.rejected.get(index));
      for (const run of plan.runs) {
        const settled = await settle(run.entries, (entries) => session.attempt(table, run, entries), (error) => writer.classify(error), signal);
        run.entries.forEach((entry, i) => (outcomes[entry.index] = settled[i]));
      }
      return outcomes.map((outcome, index) => {
        if (outcome === undefined) throw new Error(`The ${target.object} write gave record ${index} of the batch no outcome.`);
        return outcome;
      });
    });
  } catch (error) {
    signal.throwIfAborted();
    if (error instanceof DestinationRefusedError) throw error;
    return failedWrite(batch, state.plan, writer.classify(error));
  }
}
