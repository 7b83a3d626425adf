import { describe, expect, it } from "vitest";
import { SourceCancelledError } from "../types";
import { operationChunks, runStatement, type StatementOperation, type StatementSession } from "./api";

/** An in-memory operation: `batches` are what successive fetchChunk calls return. */
function fakeOperation(batches: object[][], finished: Promise<void> = Promise.resolve()) {
  const calls: string[] = [];
  const pending = [...batches];
  const operation: StatementOperation = {
    finished: () => finished,
    cancel: () => {
      calls.push("cancel");
      return Promise.resolve();
    },
    close: () => {
      calls.push("close");
      return Promise.resolve();
    },
    fetchChunk: ({ maxRows }) => {
      calls.push(`fetch ${maxRows}`);
      return Promise.resolve(pending.shift() ?? []);
    },
    hasMoreRows: () => Promise.resolve(pending.length > 0),
    getSchema: () => Promise.resolve(null),
  };
  return { operation, calls };
}

function sessionRunning(operation: StatementOperation) {
  const statements: { sql: string; options: { runAsync: boolean; queryTimeout?: number } }[] = [];
  const session: StatementSession = {
    executeStatement: (sql, options) => {
      statements.push({ sql, options });
      return Promise.resolve(operation);
    },
    close: () => Promise.resolve(),
  };
  return { session, statements };
}

describe("databricks runStatement", () => {
  it("runs asynchronously with the time limit in seconds and waits until finished", async () => {
    const { operation } = fakeOperation([]);
    const { session, statements } = sessionRunning(operation);
    await expect(runStatement(session, "SELECT 1", undefined, 2_500)).resolves.toBe(operation);
    expect(statements).toEqual([{ sql: "SELECT 1", options: { runAsync: true, queryTimeout: 3 } }]);
  });

  it("cancels and closes the operation when aborted while it runs", async () => {
    const { operation, calls } = fakeOperation([], new Promise(() => undefined));
    const { session } = sessionRunning(operation);
    const controller = new AbortController();
    const running = runStatement(session, "SELECT slow()", controller.signal, undefined);
    setTimeout(() => controller.abort(), 10);
    await expect(running).rejects.toEqual(new SourceCancelledError("The query was cancelled."));
    expect(calls).toEqual(["cancel", "close"]);
  });
});

describe("databricks runStatement while the statement starts", () => {
  it("cancels and closes a statement that starts after the abort", async () => {
    const { operation, calls } = fakeOperation([]);
    let start: (started: StatementOperation) => void = () => undefined;
    const session: StatementSession = {
      executeStatement: () => new Promise((resolve) => (start = resolve)),
      close: () => Promise.resolve(),
    };
    const controller = new AbortController();
    const running = runStatement(session, "SELECT 1", controller.signal, 5_000);
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(SourceCancelledError);
    start(operation);
    await expect.poll(() => calls).toEqual(["cancel", "close"]);
  });
});

describe("databricks operationChunks", () => {
  it("fetches at most maxRows per chunk until there are no more rows, skipping empty chunks", async () => {
    const { operation, calls } = fakeOperation([[{ id: 1 }, { id: 2 }], [], [{ id: 3 }]]);
    const chunks = [];
    for await (const chunk of operationChunks(operation, 2, undefined)) chunks.push(chunk);
    expect(chunks).toEqual([[{ id: 1 }, { id: 2 }], [{ id: 3 }]]);
    expect(calls).toEqual(["fetch 2", "fetch 2", "fetch 2"]);
  });

  it("stops fetching when the consumer stops", async () => {
    const { operation, calls } = fakeOperation([[{ id: 1 }], [{ id: 2 }], [{ id: 3 }]]);
    for await (const chunk of operationChunks(operation, 1, undefined)) {
      expect(chunk).toEqual([{ id: 1 }]);
      break;
    }
    expect(calls).toEqual(["fetch 1"]);
  });

  it("cancels when the signal aborts during a fetch", async () => {
    const { operation, calls } = fakeOperation([]);
    operation.fetchChunk = () => new Promise(() => undefined);
    const controller = new AbortController();
    const chunks = operationChunks(operation, 10, controller.signal, 1_000);
    const next = chunks.next();
    controller.abort();
    await expect(next).rejects.toBeInstanceOf(SourceCancelledError);
    expect(calls).toEqual(["cancel"]);
  });
});
