import { describe, expect, it } from "vitest";
import { pump } from "./pump";

/** A producer of `count` items that records what happened to it. */
function producer(count: number, log: string[]) {
  return async (emit: (item: number) => Promise<boolean>) => {
    try {
      for (let i = 1; i <= count; i++) {
        log.push(`emit ${i}`);
        if (!(await emit(i))) {
          log.push("stopped");
          return;
        }
      }
    } finally {
      log.push("released");
    }
  };
}

describe("pump", () => {
  it("hands every item over in order, one ahead at most, and releases at the end", async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const item of pump(producer(3, log))) {
      seen.push(item);
      log.push(`got ${item}`);
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(log).toEqual(["emit 1", "got 1", "emit 2", "got 2", "emit 3", "got 3", "released"]);
  });

  it("stops the producer and waits for its release when the consumer breaks", async () => {
    const log: string[] = [];
    for await (const item of pump(producer(100, log))) {
      if (item === 2) break;
    }
    expect(log).toEqual(["emit 1", "emit 2", "stopped", "released"]);
  });

  it("stops the producer when the consumer throws, and rethrows the consumer's error", async () => {
    const log: string[] = [];
    const consume = async () => {
      for await (const item of pump(producer(100, log))) {
        if (item === 1) throw new Error("consumer failed");
      }
    };
    await expect(consume()).rejects.toThrow("consumer failed");
    expect(log).toEqual(["emit 1", "stopped", "released"]);
  });

  it("throws the producer's error to the consumer", async () => {
    const failing = pump<number>(async (emit) => {
      await emit(1);
      throw new Error("producer failed");
    });
    const seen: number[] = [];
    const consume = async () => {
      for await (const item of failing) seen.push(item);
    };
    await expect(consume()).rejects.toThrow("producer failed");
    expect(seen).toEqual([1]);
  });

  it("does not start the producer until the generator is consumed", async () => {
    const log: string[] = [];
    const generator = pump(producer(1, log));
    await Promise.resolve();
    expect(log).toEqual([]);
    await generator.return();
    expect(log).toEqual([]);
  });
});
