import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { splitBucket } from "./split-bucket";

it("is the first 8 hex digits of md5(seed:key) mod 100, the same for numbers and their text", () => {
  // Worked out with BigInt rather than splitBucket's own parseInt.
  const hex = createHash("md5").update("test:1").digest("hex");
  expect(splitBucket("test", 1)).toBe(Number(BigInt(`0x${hex.slice(0, 8)}`) % 100n));
  expect(splitBucket("test", 1)).toBe(splitBucket("test", "1"));
  expect(splitBucket("test", 12345678901234567890n)).toBe(splitBucket("test", "12345678901234567890"));
});

it("spreads keys evenly over the 100 buckets", () => {
  const counts = new Array<number>(100).fill(0);
  for (let key = 1; key <= 100_000; key++) {
    const bucket = splitBucket("spread", key);
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  expect(Math.min(...counts)).toBeGreaterThan(900);
  expect(Math.max(...counts)).toBeLessThan(1100);
});
