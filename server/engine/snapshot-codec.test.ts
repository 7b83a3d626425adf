import { crc32 } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FINGERPRINT_VERSION } from "./fingerprint";
import { buildSnapshot, EMPTY_SNAPSHOT } from "./snapshot";
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FORMAT_VERSION } from "./snapshot-codec";
import { columns, rows } from "./test-support";

const sample = buildSnapshot(BigUint64Array.of(0x0102030405060708n, 1n), BigUint64Array.of(0xaabbn, 2n ** 64n - 1n));

/** A stored snapshot with its header fields overwritten and the checksum recomputed, like a valid writer would. */
function withHeader(bytes: Buffer, edit: (copy: Buffer) => void, fixChecksum = true): Buffer {
  const copy = Buffer.from(bytes);
  edit(copy);
  if (fixChecksum) copy.writeUInt32LE(crc32(copy.subarray(16)), 12);
  return copy;
}

describe("snapshot encoding", () => {
  it("round-trips any snapshot", () => {
    fc.assert(
      fc.property(rows, (model) => {
        const { keyHashes, fingerprints } = columns(model);
        const snapshot = buildSnapshot(keyHashes, fingerprints);
        expect(decodeSnapshot(encodeSnapshot(snapshot))).toEqual(snapshot);
      }),
    );
    expect(decodeSnapshot(encodeSnapshot(EMPTY_SNAPSHOT))).toEqual(EMPTY_SNAPSHOT);
  });

  it("writes the documented little-endian layout", () => {
    const bytes = encodeSnapshot(sample);
    expect(bytes.length).toBe(16 + 2 * 16);
    expect(bytes.toString("latin1", 0, 4)).toBe("SLSN");
    expect(bytes.readUInt16LE(4)).toBe(SNAPSHOT_FORMAT_VERSION);
    expect(bytes.readUInt16LE(6)).toBe(FINGERPRINT_VERSION);
    expect(bytes.readUInt32LE(8)).toBe(2);
    expect(bytes.readUInt32LE(12)).toBe(crc32(bytes.subarray(16)));
    expect(bytes.subarray(16, 24).toString("hex")).toBe("0100000000000000"); // key 1 sorts first
    expect(bytes.subarray(24, 32).toString("hex")).toBe("0807060504030201");
    expect(bytes.readBigUInt64LE(32)).toBe(2n ** 64n - 1n);
    expect(bytes.readBigUInt64LE(40)).toBe(0xaabbn);
  });

  it("reads bytes at any offset, as a driver's Buffer may sit", () => {
    const bytes = encodeSnapshot(sample);
    const shifted = Buffer.alloc(bytes.length + 3);
    bytes.copy(shifted, 3);
    expect(decodeSnapshot(shifted.subarray(3))).toEqual(sample);
  });

  it("rejects bytes that are not a valid snapshot of this version, saying why", () => {
    const bytes = encodeSnapshot(sample);
    const cases: [Buffer, string][] = [
      [bytes.subarray(0, 10), "truncated"],
      [withHeader(bytes, (copy) => copy.write("XLSN", 0, "latin1")), "magic"],
      [withHeader(bytes, (copy) => copy.writeUInt16LE(SNAPSHOT_FORMAT_VERSION + 1, 4)), "format_version"],
      [withHeader(bytes, (copy) => copy.writeUInt16LE(FINGERPRINT_VERSION + 1, 6)), "fingerprint_version"],
      [withHeader(bytes, (copy) => copy.writeUInt32LE(3, 8)), "length"],
      [bytes.subarray(0, bytes.length - 8), "length"],
      [withHeader(bytes, (copy) => (copy[20] = 0xff), false), "checksum"],
      [withHeader(bytes, (copy) => copy.writeBigUInt64LE(2n ** 64n - 1n, 16)), "order"],
    ];
    for (const [corrupt, reason] of cases) {
      expect(() => decodeSnapshot(corrupt)).toThrow(expect.objectContaining({ name: "SnapshotDecodeError", reason }));
    }
  });
});
