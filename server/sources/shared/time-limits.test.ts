import { describe, expect, it } from "vitest";
import { SourceCancelledError } from "../types";
import { abortable, cancelledError, DeadlineError, operationSignal, usingWithin, withDeadline } from "./time-limits";

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

describe("usingWithin", () => {
  it("releases the resource once the work is done", async () => {
    const released: string[] = [];
    await expect(usingWithin(1000, () => Promise.resolve("r"), (resource) => Promise.resolve(`used ${resource}`), (resource) => released.push(resource))).resolves.toBe("used r");
    expect(released).toEqual(["r"]);
  });

  it("releases a resource that only arrives after the time is up", async () => {
    const released: string[] = [];
    let arrive: (resource: string) => void = () => undefined;
    const opening = new Promise<string>((resolve) => (arrive = resolve));
    await expect(usingWithin(20, () => opening, () => Promise.resolve("used"), (resource) => released.push(resource))).rejects.toBeInstanceOf(DeadlineError);
    expect(released).toEqual([]);
    arrive("late");
    await opening;
    expect(released).toEqual(["late"]);
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
