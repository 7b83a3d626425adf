import { crc32 } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FINGERPRINT_VERSION } from "./fingerprint";
import { commitState, EMPTY_STATE } from "./state";
import { decodeState, encodeState, encodeStateParts, readState, STATE_FORMAT_VERSION } from "./state-codec";
import { changeSetOf, type ChangeSpec, hash64 } from "./test-support";

const changes: fc.Arbitrary<ChangeSpec[]> = fc.array(
  fc.record({
    keyHash: hash64,
    fingerprint: hash64,
    rowHash: hash64,
    scanKey: fc.oneof(fc.constant(0n), hash64),
    flags: fc.integer({ min: 0, max: 1 }),
    identity: fc.string({ unit: "grapheme", maxLength: 8 }),
  }),
  { maxLength: 200 },
);

const sample = commitState(EMPTY_STATE, changeSetOf([
  { keyHash: 0x0102030405060708n, fingerprint: 0xaabbn, rowHash: 0x77n, scanKey: 0x99n, flags: 1, identity: "b@example.com" },
  { keyHash: 1n, fingerprint: 2n ** 64n - 1n, rowHash: 0x66n, scanKey: 0x88n, flags: 0, identity: "é" },
]));

/** A stored state with its header edited and the checksum recomputed, like a valid writer would. */
function withHeader(bytes: Buffer, edit: (copy: Buffer) => void, fixChecksum = true): Buffer {
  const copy = Buffer.from(bytes);
  edit(copy);
  if (fixChecksum) copy.writeUInt32LE(crc32(copy.subarray(24)), 12);
  return copy;
}

describe("state encoding", () => {
  it("round-trips any state, whole or in parts of any size", async () => {
    await fc.assert(
      fc.asyncProperty(changes, fc.integer({ min: 1, max: 200 }), async (list, partBytes) => {
        const state = commitState(EMPTY_STATE, changeSetOf(list));
        const bytes = encodeState(state);
        expect(decodeState(bytes)).toEqual(state);
        const parts = [...encodeStateParts(state, partBytes)];
        expect(parts.every((part, index) => part.length === (index < parts.length - 1 ? partBytes : bytes.length - partBytes * index))).toBe(true);
        expect(Buffer.concat(parts)).toEqual(bytes);
        expect(await readState(parts, bytes.length)).toEqual(state);
      }),
    );
    expect(decodeState(encodeState(EMPTY_STATE))).toEqual(EMPTY_STATE);
  });

  it("writes the documented little-endian layout", () => {
    const bytes = encodeState(sample);
    const identities = Buffer.byteLength("é") + Buffer.byteLength("b@example.com");
    expect(bytes.length).toBe(24 + 2 * 33 + 3 * 4 + identities);
    expect(bytes.toString("latin1", 0, 4)).toBe("SLSN");
    expect(bytes.readUInt16LE(4)).toBe(STATE_FORMAT_VERSION);
    expect(bytes.readUInt16LE(6)).toBe(FINGERPRINT_VERSION);
    expect(bytes.readUInt32LE(8)).toBe(2);
    expect(bytes.readUInt32LE(12)).toBe(crc32(bytes.subarray(24)));
    expect(bytes.readUInt32LE(16)).toBe(identities);
    expect(bytes.readUInt32LE(20)).toBe(1); // scan keys stored
    expect(bytes.subarray(24, 32).toString("hex")).toBe("0100000000000000"); // key 1 sorts first
    expect(bytes.subarray(32, 40).toString("hex")).toBe("0807060504030201");
    expect(bytes.readBigUInt64LE(40)).toBe(2n ** 64n - 1n);
    expect(bytes.readBigUInt64LE(48)).toBe(0xaabbn);
    expect([bytes.readBigUInt64LE(56), bytes.readBigUInt64LE(64)]).toEqual([0x66n, 0x77n]);
    expect([bytes.readBigUInt64LE(72), bytes.readBigUInt64LE(80)]).toEqual([0x88n, 0x99n]);
    expect([bytes[88], bytes[89]]).toEqual([0, 1]);
    expect([bytes.readUInt32LE(90), bytes.readUInt32LE(94), bytes.readUInt32LE(98)]).toEqual([0, 2, identities]);
    expect(bytes.toString("utf8", 102)).toBe("éb@example.com");
  });

  it("reads formats 2 (before row hashes) and 3 (before scan keys), the columns they lack unknown", () => {
    const bytes = encodeState(sample);
    const older = (format: number, keep: Buffer[]) => {
      const copy = Buffer.concat(keep);
      copy.writeUInt16LE(format, 4);
      copy.writeUInt32LE(crc32(copy.subarray(24)), 12);
      return copy;
    };
    const format3 = older(3, [bytes.subarray(0, 72), bytes.subarray(88)]);
    expect(decodeState(format3)).toEqual({ ...sample, scanKeys: new BigUint64Array(0) });
    const format2 = older(2, [bytes.subarray(0, 56), bytes.subarray(88)]);
    expect(decodeState(format2)).toEqual({ ...sample, rowHashes: new BigUint64Array(2), scanKeys: new BigUint64Array(0) });
  });

  it("stores no scan keys for a state that has none (a Postgres sync's)", () => {
    const withoutScanKeys = { ...sample, scanKeys: new BigUint64Array(0) };
    const bytes = encodeState(withoutScanKeys);
    expect(bytes.length).toBe(encodeState(sample).length - 2 * 8);
    expect(bytes.readUInt32LE(20)).toBe(0);
    expect(decodeState(bytes)).toEqual(withoutScanKeys);
  });

  it("reads bytes at any offset, as a driver's Buffer may sit", () => {
    const bytes = encodeState(sample);
    const shifted = Buffer.alloc(bytes.length + 3);
    bytes.copy(shifted, 3);
    expect(decodeState(shifted.subarray(3))).toEqual(sample);
  });

  it("views aligned bytes instead of copying them, and copies misaligned ones", () => {
    const bytes = new Uint8Array(encodeState(sample));
    const viewed = decodeState(bytes);
    expect([viewed.keyHashes, viewed.scanKeys, viewed.flags, viewed.identityBytes].map((array) => array.buffer)).toEqual(Array(4).fill(bytes.buffer));
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const copied = decodeState(shifted.subarray(3));
    expect(copied.keyHashes.buffer).not.toBe(shifted.buffer);
    expect(copied).toEqual(sample);
  });

  it("rejects bytes that are not a valid state of this version, saying why", () => {
    const bytes = encodeState(sample);
    const cases: [Buffer, string][] = [
      [bytes.subarray(0, 10), "truncated"],
      [withHeader(bytes, (copy) => copy.write("XLSN", 0, "latin1")), "magic"],
      [withHeader(bytes, (copy) => copy.writeUInt16LE(STATE_FORMAT_VERSION + 1, 4)), "format_version"],
      [withHeader(bytes, (copy) => copy.writeUInt16LE(FINGERPRINT_VERSION + 1, 6)), "fingerprint_version"],
      [withHeader(bytes, (copy) => copy.writeUInt32LE(3, 20)), "format_version"],
      [withHeader(bytes, (copy) => copy.writeUInt32LE(3, 8)), "length"],
      [bytes.subarray(0, bytes.length - 1), "length"],
      [withHeader(bytes, (copy) => (copy[30] = 0xff), false), "checksum"],
      [withHeader(bytes, (copy) => copy.writeBigUInt64LE(2n ** 64n - 1n, 24)), "order"],
      [withHeader(bytes, (copy) => copy.writeUInt32LE(99, 94)), "offsets"],
    ];
    for (const [corrupt, reason] of cases) {
      expect(() => decodeState(corrupt)).toThrow(expect.objectContaining({ name: "StateDecodeError", reason }));
    }
  });
});
