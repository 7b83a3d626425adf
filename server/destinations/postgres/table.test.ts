import { describe, expect, it } from "vitest";
import { DestinationRefusedError, type DestinationRecord, type RecordOutcome } from "../types";
import {
  connectionFailure,
  destinationCheck,
  destinationObject,
  type Entry,
  type Failure,
  planWrite,
  settle,
  type Table,
  type TableColumn,
  tableAccountKey,
  tableLimits,
  type TableWriter,
  updatedOutcomes,
  writeTable,
  writtenOutcomes,
} from "./table";

function column(name: string, overrides: Partial<TableColumn> = {}): TableColumn {
  return { name, type: "string", required: false, unique: false, generated: false, ...overrides };
}

const customers: Table = {
  name: "public.customers",
  columns: [
    column("id", { type: "integer", required: true, unique: true }),
    column("email", { unique: true }),
    column("name"),
    column("segment"),
    column("score_band", { generated: true }),
  ],
};

const upsert = (key: string, payload: DestinationRecord["payload"]): DestinationRecord => ({ key, operation: "upsert", payload });
const signal = new AbortController().signal;

describe("planWrite", () => {
  it("groups consecutive records with the same operation and columns into runs, in table order", () => {
    const plan = planWrite(
      customers,
      [
        upsert("a", { name: "Ada", id: 1 }),
        upsert("b", { id: 2, name: "Bo" }),
        upsert("c", { id: 3, email: "c@x" }),
        { key: "d", operation: "delete", payload: { id: 4, name: "ignored" } },
        { key: "e", operation: "delete", payload: { id: 5 } },
      ],
      "id",
    );
    expect(plan.rejected.size).toBe(0);
    expect(plan.runs.map((run) => [run.operation, run.columns.map((c) => c.name), run.entries.map((e) => e.index)])).toEqual([
      ["upsert", ["id", "name"], [0, 1]],
      ["upsert", ["id", "email"], [2]],
      ["delete", ["id"], [3, 4]],
    ]);
  });

  it("starts a new run when an identifier value comes back, so the later record sees the earlier write", () => {
    const plan = planWrite(customers, [upsert("a", { id: 7, name: "A" }), upsert("b", { id: 8, name: "B" }), upsert("c", { id: "7", name: "C" })], "id");
    expect(plan.runs.map((run) => run.entries.map((entry) => entry.record.key))).toEqual([["a", "b"], ["c"]]);
  });

  it("rejects records it cannot write, without breaking the run around them", () => {
    const plan = planWrite(
      customers,
      [
        upsert("a", { id: 1, name: "A" }),
        upsert("bad-column", { id: 2, nickname: "x" }),
        upsert("no-id", { name: "x" }),
        upsert("null-id", { id: null, name: "x" }),
        upsert("generated", { id: 3, score_band: "high" }),
        { key: "add", operation: "add", payload: { id: 4 } },
        upsert("b", { id: 5, name: "B" }),
      ],
      "id",
    );
    expect(Object.fromEntries([...plan.rejected.values()].map((outcome) => [outcome.key, outcome.status === "rejected" && outcome.reason]))).toEqual({
      "bad-column": 'Column "nickname" does not exist in public.customers',
      "no-id": 'The record has no value for the identifier column "id".',
      "null-id": 'The record has no value for the identifier column "id".',
      generated: 'Column "score_band" of public.customers is computed by the database and cannot be written',
      add: 'A table takes upsert, update, insert and delete records, not "add".',
    });
    expect(plan.runs).toHaveLength(1);
    expect(plan.runs[0]?.entries.map((entry) => entry.index)).toEqual([0, 6]);
  });

  it("refuses an identifier that is not a column, or not unique when rows must be matched for an insert", () => {
    expect(() => planWrite(customers, [upsert("a", { id: 1 })], "uid")).toThrow(
      new DestinationRefusedError('Column "uid" does not exist in public.customers: choose another identifier column.', "invalid_config"),
    );
    expect(() => planWrite(customers, [upsert("a", { name: "x" })], "name")).toThrow(/is not a primary key and has no unique constraint of its own/);
    expect(() => planWrite(customers, [{ key: "a", operation: "insert", payload: { name: "x" } }], "name")).toThrow(DestinationRefusedError);
    // Updates and deletes may match several rows on a plain column.
    expect(planWrite(customers, [{ key: "a", operation: "update", payload: { name: "x", segment: "b" } }], "name").runs).toHaveLength(1);
  });
});

describe("outcomes", () => {
  const entries: Entry[] = [
    { index: 4, record: upsert("a", { id: 1 }) },
    { index: 5, record: upsert("b", { id: "x-2" }) },
  ];

  it("marks created rows and names the missing row of an update", () => {
    expect(writtenOutcomes(entries, new Set([5]))).toEqual([
      { key: "a", status: "accepted", created: false },
      { key: "b", status: "accepted", created: true },
    ]);
    expect(updatedOutcomes(entries, column("id"), new Set([4]))).toEqual([
      { key: "a", status: "accepted" },
      { key: "b", status: "rejected", scope: "record", reason: 'No row with id = "x-2" to update' },
    ]);
  });

  it("describes a table as a destination object: writable columns, identifiers, required fields", () => {
    expect(destinationObject(customers)).toEqual({
      name: "public.customers",
      label: "public.customers",
      operations: ["upsert", "update", "insert", "delete"],
      acceptsCustomFields: false,
      fields: [
        { name: "id", label: "id", type: "integer", required: true, identifier: true },
        { name: "email", label: "email", type: "string", required: false, identifier: true },
        { name: "name", label: "name", type: "string", required: false, identifier: false },
        { name: "segment", label: "segment", type: "string", required: false, identifier: false },
      ],
    });
  });
});

describe("settings and checks", () => {
  const config = { host: "db.internal", port: 5432, database: "crm", batchSize: 500, concurrency: 2 };

  it("derives limits and an account key without the password", () => {
    expect(tableLimits(config)).toEqual({
      batchSize: 500,
      concurrency: 2,
      requestsPerSecond: null,
      supportedOperations: ["upsert", "update", "insert", "delete"],
    });
    expect(tableAccountKey(config)).toBe("db.internal:5432/crm");
  });

  it("speaks destination codes and refuses what will not heal", () => {
    expect(destinationCheck({ ok: false, code: "database_not_found", message: "gone" })).toEqual({ ok: false, code: "not_found", message: "gone" });
    expect(destinationCheck({ ok: true })).toEqual({ ok: true });
    expect(connectionFailure({ ok: false, code: "auth_failed", message: "nope" })).toEqual({
      kind: "refused",
      error: new DestinationRefusedError("nope", "auth_failed"),
    });
    expect(connectionFailure({ ok: false, code: "database_not_found", message: "gone" })).toMatchObject({ kind: "refused", error: { code: "not_found" } });
    expect(connectionFailure({ ok: false, code: "connection_refused", message: "down" })).toEqual({ kind: "retry", reason: "down" });
    expect(connectionFailure({ ok: false, code: "timeout", message: "slow" })).toEqual({ kind: "retry", reason: "slow" });
  });
});

/** A database that refuses any record whose payload has `bad: true`, as a whole statement would. */
class PoisonError extends Error {}
const classify = (error: unknown): Failure =>
  error instanceof PoisonError ? { kind: "record", reason: error.message } : { kind: "unexpected", error };

function fakeAttempt(log: number[][]) {
  return (entries: readonly Entry[]): Promise<RecordOutcome[]> => {
    log.push(entries.map((entry) => entry.index));
    const bad = entries.find((entry) => entry.record.payload.bad === true);
    if (bad) return Promise.reject(new PoisonError(`row ${bad.index} is bad`));
    return Promise.resolve(entries.map((entry) => ({ key: entry.record.key, status: "accepted" })));
  };
}

describe("settle", () => {
  const entries = (bad: number[], n = 8): Entry[] =>
    Array.from({ length: n }, (_, index) => ({ index, record: upsert(`k${index}`, { id: index, bad: bad.includes(index) }) }));

  it("writes a clean run in one attempt", async () => {
    const log: number[][] = [];
    await expect(settle(entries([]), fakeAttempt(log), classify, signal)).resolves.toHaveLength(8);
    expect(log).toHaveLength(1);
  });

  it("narrows refused values down to their records by halves and writes the rest", async () => {
    const log: number[][] = [];
    const outcomes = await settle(entries([2, 7]), fakeAttempt(log), classify, signal);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["accepted", "accepted", "rejected", "accepted", "accepted", "accepted", "accepted", "rejected"]);
    expect(outcomes[2]).toEqual({ key: "k2", status: "rejected", scope: "record", reason: "row 2 is bad" });
    expect(log.length).toBeLessThan(2 * 8);
  });

  it("rethrows failures that are not about a value, and stops once the signal aborts", async () => {
    const broken = () => Promise.reject(new Error("socket closed"));
    await expect(settle(entries([]), broken, classify, signal)).rejects.toThrow("socket closed");
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(settle(entries([1]), fakeAttempt([]), classify, controller.signal)).rejects.toThrow("stop");
  });
});

describe("writeTable", () => {
  const batch: DestinationRecord[] = [upsert("a", { id: 1, name: "A" }), upsert("b", { id: 2, nickname: "x" }), upsert("c", { id: 3, name: "C" })];
  const target = { object: "public.customers", identifier: "id" };

  function writer(options: { commit?: Error; table?: () => Promise<Table> } = {}): TableWriter<TableColumn, Table> {
    return {
      classify: (error) => {
        if (error instanceof DestinationRefusedError) return { kind: "refused", error };
        if (error instanceof Error && error.message === "deadlock") return { kind: "retry", reason: "deadlock detected" };
        if (error instanceof Error && error.message === "deferred") return { kind: "record", reason: "violates foreign key" };
        return { kind: "unexpected", error };
      },
      async transaction(work) {
        const result = await work({
          table: options.table ?? (() => Promise.resolve(customers)),
          attempt: (_, run, entries) => Promise.resolve(writtenOutcomes(entries, new Set(entries.map((entry) => entry.index)))),
        });
        if (options.commit) throw options.commit;
        return result;
      },
    };
  }

  it("returns one outcome per record, in order, with the early rejections", async () => {
    await expect(writeTable(writer(), batch, { signal, target })).resolves.toEqual([
      { key: "a", status: "accepted", created: true },
      { key: "b", status: "rejected", scope: "record", reason: 'Column "nickname" does not exist in public.customers' },
      { key: "c", status: "accepted", created: true },
    ]);
  });

  it("asks to retry what was sent when the transaction fails, and keeps the early rejections", async () => {
    const outcomes = await writeTable(writer({ commit: new Error("deadlock") }), batch, { signal, target });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["retry", "rejected", "retry"]);
    expect(outcomes[0]).toEqual({ key: "a", status: "retry", afterSeconds: null, reason: "deadlock detected" });
  });

  it("rejects the batch as a whole when the commit refuses a value it cannot pin on a record", async () => {
    const outcomes = await writeTable(writer({ commit: new Error("deferred") }), batch, { signal, target });
    expect(outcomes[2]).toEqual({ key: "c", status: "rejected", scope: "batch", reason: "violates foreign key" });
  });

  it("throws refusals and bugs", async () => {
    const missing = new DestinationRefusedError("Table x does not exist", "not_found");
    await expect(writeTable(writer({ table: () => Promise.reject(missing) }), batch, { signal, target })).rejects.toBe(missing);
    await expect(writeTable(writer({ commit: new TypeError("bug") }), batch, { signal, target })).rejects.toThrow("bug");
  });
});
