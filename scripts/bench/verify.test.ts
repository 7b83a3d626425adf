import { describe, expect, it } from "vitest";
import { canonicalLineOf, mutationOf } from "./customers";
import { compareLines, VerificationError } from "./verify";

async function* chunks(...lists: string[][]) {
  await Promise.resolve();
  yield* lists;
}

describe("compareLines", () => {
  it("accepts the same lines, however they are chunked", async () => {
    await expect(compareLines("t", chunks(["1|a", "2|b"], ["3|c"]), [["1|a"], ["2|b", "3|c"]])).resolves.toBe(3);
  });

  it("counts missing, extra and different rows by id", async () => {
    const check = compareLines("t", [["1|a", "2|b", "4|d", "10|x"]], chunks(["1|a", "2|B", "3|c"], ["10|x", "11|y"]));
    await expect(check).rejects.toThrow(VerificationError);
    await expect(check).rejects.toThrow("t: 1 rows missing, 2 extra, 1 different (2 equal).");
  });
});

describe("the bench model", () => {
  it("changes 1% of rows, deletes 0.1% and inserts 0.1%, never the same row twice", () => {
    const mutation = mutationOf(10_000);
    expect([mutation.updated.length, mutation.deleted.length, mutation.inserted.length]).toEqual([100, 10, 10]);
    const all = [...mutation.updated, ...mutation.deleted, ...mutation.inserted];
    expect(new Set(all).size).toBe(all.length);
    expect(mutation.inserted[0]).toBe(10_001);
  });

  it("writes a payload as the canonical line both databases produce", () => {
    const payload = {
      id: "42",
      email: "customer42@example.com",
      first_name: "Radia",
      last_name: "Lovelace",
      country: "SE",
      city: null,
      plan: "pro",
      lifetime_value: "3598.98",
      signed_up_at: "2020-02-20T17:29:38.000Z",
      is_active: true,
    };
    expect(canonicalLineOf(payload)).toBe("42|customer42@example.com|Radia|Lovelace|SE|\\N|pro|3598.98|1582219778|T");
  });
});
