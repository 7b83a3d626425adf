import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ChangeBuffer, type PendingChange } from "./change-buffer";

function change(i: number): PendingChange {
  return {
    record: { key: `k${i}`, operation: "upsert", payload: { id: i, name: `née ${i}`, tags: ["a"], nothing: null } },
    kind: i % 2 === 0 ? "added" : "changed",
    keyHash: 2n ** 64n - 1n - BigInt(i),
    fingerprint: i % 3 === 0 ? null : BigInt(i) << 40n,
    rowHash: BigInt(i),
    scanKey: BigInt(i + 1),
    identity: JSON.stringify(i),
    flags: i % 2,
  };
}

describe("ChangeBuffer", () => {
  it("gives back every change in order, from memory and then from its spill file", async () => {
    const buffer = new ChangeBuffer(10);
    const input = Array.from({ length: 2510 }, (_, i) => change(i)); // 10 in memory, two full frames and a partial one
    for (const item of input) await buffer.push(item);
    const output: PendingChange[] = [];
    for await (const item of buffer.drain()) output.push(item);
    expect(output).toEqual(input);
    expect(buffer.size).toBe(2510);
    await buffer.dispose();
  });

  it("removes its spill folder when disposed", async () => {
    const buffer = new ChangeBuffer(1);
    for (let i = 0; i <= 1000; i++) await buffer.push(change(i));
    const directory = (buffer as unknown as { spill: { directory: string } }).spill.directory;
    expect(existsSync(directory)).toBe(true);
    await buffer.dispose();
    expect(existsSync(directory)).toBe(false);
  });
});
