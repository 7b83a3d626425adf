import { serialize } from "node:v8";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../destinations/types";
import type { CellValue } from "../sources/types";
import type { PendingChange } from "./change-buffer";
import { decodeFrame, encodeFrame } from "./change-frames";

const hash = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);
/** Payloads of a few shapes, as a run with one mapping (and the odd removal) gives them. */
const payload = fc.oneof(
  fc.record({ id: fc.integer(), email: fc.string(), ltv: cell }),
  fc.record({ email: fc.string(), id: fc.integer() }),
  fc.dictionary(fc.string(), cell, { maxKeys: 4 }),
);
const change: fc.Arbitrary<PendingChange> = fc.record({
  record: fc.record({ key: fc.string(), operation: fc.constantFrom(...OPERATIONS), payload }),
  kind: fc.constantFrom("added", "changed", "removed"),
  keyHash: hash,
  fingerprint: fc.option(hash),
  rowHash: hash,
  scanKey: hash,
  identity: fc.string(),
  flags: fc.integer({ min: 0, max: 255 }),
});

describe("change frames", () => {
  it("give back the changes they were made of, payload fields in their order", () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        const decoded = decodeFrame(encodeFrame(changes));
        expect(decoded).toEqual(changes);
        expect(decoded.map((item) => JSON.stringify(item.record))).toEqual(changes.map((item) => JSON.stringify(item.record)));
      }),
    );
  });

  it("keep a field named __proto__ as a field", () => {
    const [sample] = fc.sample(change, 1);
    if (!sample) throw new Error("one sample");
    const payload = JSON.parse('{"__proto__": "x", "id": 1}') as Record<string, CellValue>;
    const [decoded] = decodeFrame(encodeFrame([{ ...sample, record: { ...sample.record, payload } }]));
    expect(Object.keys(decoded?.record.payload ?? {})).toEqual(["__proto__", "id"]);
    expect(JSON.stringify(decoded?.record.payload)).toBe('{"__proto__":"x","id":1}');
  });

  it("tell a null fingerprint from a fingerprint of 0", () => {
    const [removal, zero] = fc.sample(change, 2).map((item, i) => ({ ...item, fingerprint: i === 0 ? null : 0n }));
    if (!removal || !zero) throw new Error("two samples");
    expect(decodeFrame(encodeFrame([removal, zero])).map((item) => item.fingerprint)).toEqual([null, 0n]);
  });

  it("take less than half the bytes of the change objects when payloads share their fields", () => {
    const changes = Array.from({ length: 1000 }, (_, i): PendingChange => ({
      record: { key: String(i), operation: "upsert", payload: { id: i, email: `user${i}@example.com`, plan: "pro", signed_up_at: "2026-01-01T00:00:00.000Z" } },
      kind: "added",
      keyHash: 2n ** 63n + BigInt(i),
      fingerprint: 2n ** 62n + BigInt(i),
      rowHash: BigInt(i),
      scanKey: 0n,
      identity: String(i),
      flags: 0,
    }));
    expect(encodeFrame(changes).length).toBeLessThan(serialize(changes).length / 2);
  });
});
