import { describe, expect, it } from "vitest";
import { SourceCancelledError } from "./types";
import {
  abortable,
  cancelledError,
  DeadlineError,
  floatCell,
  integerCell,
  networkCode,
  operationSignal,
  toCell,
  uniqueNames,
  userSqlPosition,
  withDeadline,
} from "./cloud-shared";

describe("withDeadline", () => {
  it("settles like the work when it is in time", async () => {
    await expect(withDeadline(Promise.resolve(7), 1000)).resolves.toBe(7);
    await expect(withDeadline(Promise.reject(new Error("boom")), 1000)).rejects.toThrow("boom");
  });

  it("rejects with a DeadlineError and releases the work when it hangs", async () => {
    let released = false;
    const started = Date.now();
    await expect(withDeadline(new Promise(() => undefined), 50, () => (released = true))).rejects.toBeInstanceOf(DeadlineError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(released).toBe(true);
  });
});

describe("operationSignal and cancellation", () => {
  it("is undefined without a signal or a time limit", () => {
    expect(operationSignal(undefined)).toBeUndefined();
    expect(operationSignal({})).toBeUndefined();
  });

  it("aborts when the time limit passes, and says so", async () => {
    const signal = operationSignal({ timeoutMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signal?.aborted).toBe(true);
    expect(signal && cancelledError(signal, 20).message).toBe("The query ran longer than 0.02 s and was stopped.");
  });

  it("aborts with the caller's signal, and says it was cancelled", () => {
    const controller = new AbortController();
    const signal = operationSignal({ signal: controller.signal, timeoutMs: 60_000 });
    controller.abort();
    expect(signal?.aborted).toBe(true);
    expect(signal && cancelledError(signal, 60_000)).toEqual(new SourceCancelledError("The query was cancelled."));
  });

  it("abortable cancels the work and rejects when the signal aborts", async () => {
    const controller = new AbortController();
    let cancelled = 0;
    const pending = abortable(new Promise(() => undefined), controller.signal, () => cancelled++);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(SourceCancelledError);
    expect(cancelled).toBe(1);
  });

  it("abortable does not cancel work that finished, nor start work for an aborted signal", async () => {
    const controller = new AbortController();
    let cancelled = 0;
    await expect(abortable(Promise.resolve("done"), controller.signal, () => cancelled++)).resolves.toBe("done");
    controller.abort();
    expect(cancelled).toBe(0);
    await expect(abortable(Promise.resolve("late"), controller.signal, () => cancelled++)).rejects.toBeInstanceOf(SourceCancelledError);
    expect(cancelled).toBe(1);
  });
});

describe("userSqlPosition", () => {
  const sql = "select a,\n  b\nfrom t";

  it("maps line/column of the wrapped statement to the user's 1-based position", () => {
    expect(userSqlPosition(sql, 2, 0)).toBe(1);
    expect(userSqlPosition(sql, 3, 2)).toBe(13);
    expect(sql[12]).toBe("b");
    expect(userSqlPosition(sql, 4, 5)).toBe(20);
  });

  it("accounts for trimmed leading whitespace and other first lines", () => {
    expect(userSqlPosition("\n  select x", 2, 7)).toBe(11);
    expect(userSqlPosition("select x", 1, 7, 1)).toBe(8);
  });

  it("is undefined outside the user's SQL", () => {
    expect(userSqlPosition(sql, 1, 0)).toBeUndefined();
    expect(userSqlPosition(sql, 5, 0)).toBeUndefined();
    expect(userSqlPosition(sql, 2, 99)).toBeUndefined();
  });
});

describe("JSON-safe values", () => {
  it("keeps integers exact", () => {
    expect(integerCell("9007199254740991")).toBe(9007199254740991);
    expect(integerCell("9007199254740993")).toBe("9007199254740993");
    expect(integerCell(-(2n ** 70n))).toBe("-1180591620717411303424");
    expect(integerCell(2 ** 60)).toBe("1152921504606846976");
  });

  it("keeps floats JSON-safe", () => {
    expect(floatCell("2.5")).toBe(2.5);
    expect(floatCell("-Infinity")).toBe("-Infinity");
    expect(floatCell(Number.NaN)).toBe("NaN");
  });

  it("converts driver values", () => {
    expect(toCell(new Date("2024-01-05T10:00:00Z"))).toBe("2024-01-05T10:00:00.000Z");
    expect(toCell(new Date(Number.NaN))).toBeNull();
    expect(toCell(Buffer.from("hi"))).toBe("aGk=");
    expect(toCell(new Map<unknown, unknown>([[1, 2n]]))).toEqual({ 1: 2 });
    expect(toCell([undefined, Symbol("s"), () => 1])).toEqual([null, "Symbol(s)", null]);
    expect(toCell(Number.POSITIVE_INFINITY)).toBe("Infinity");
  });

  it("makes column names unique", () => {
    expect(uniqueNames(["id", "id", "name", "id_2", "id"])).toEqual(["id", "id_2", "name", "id_2_2", "id_3"]);
  });

  it("finds the socket error code behind SDK wrappers", () => {
    const wrapped = { name: "NetworkError", code: 401001, cause: { code: "ECONNREFUSED" } };
    expect(networkCode(wrapped)).toBe("ECONNREFUSED");
    expect(networkCode({ code: "EAI_AGAIN" })).toBe("EAI_AGAIN");
    expect(networkCode({ code: "ERR_OSSL_BAD_DECRYPT" })).toBeUndefined();
    expect(networkCode(new Error("plain"))).toBeUndefined();
  });
});
