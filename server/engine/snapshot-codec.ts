/**
 * Snapshots as bytes, for the app database (bytea) or a file. Layout, all little-endian:
 *
 *   offset  size  field
 *        0     4  magic "SLSN"
 *        4     2  format version (SNAPSHOT_FORMAT_VERSION) — this byte layout
 *        6     2  fingerprint version (FINGERPRINT_VERSION) — what the hashes mean
 *        8     4  row count n
 *       12     4  CRC-32 (zlib) of the body
 *       16    8n  key hashes, strictly ascending
 *    16+8n    8n  fingerprints, in key order
 *
 * `decodeSnapshot` trusts nothing: it checks the length, magic, both versions, the checksum
 * and the key order, and throws `SnapshotDecodeError` (with a `reason`) on any mismatch. A
 * snapshot whose fingerprint version differs from this build's must not be diffed — its hashes
 * mean something else — so the caller treats `reason: "fingerprint_version"` as "no usable
 * previous snapshot".
 */
import { crc32 } from "node:zlib";
import { FINGERPRINT_VERSION } from "./fingerprint";
import { isStrictlyAscending, type Snapshot } from "./snapshot";
import { LITTLE_ENDIAN } from "./words";

export const SNAPSHOT_FORMAT_VERSION = 1;
const MAGIC = "SLSN";
const HEADER_BYTES = 16;
/** Rows are indexed by uint32 everywhere in the engine. */
const MAX_ROWS = 0xffff_ffff;

export type SnapshotDecodeFailure = "truncated" | "magic" | "format_version" | "fingerprint_version" | "length" | "checksum" | "order";

export class SnapshotDecodeError extends Error {
  override readonly name = "SnapshotDecodeError";

  constructor(
    readonly reason: SnapshotDecodeFailure,
    message: string,
  ) {
    super(`Cannot read the stored snapshot: ${message}`);
  }
}

export function encodeSnapshot(snapshot: Snapshot): Buffer {
  const rows = snapshot.keyHashes.length;
  if (rows !== snapshot.fingerprints.length) throw new RangeError("Key hashes and fingerprints differ in length.");
  if (rows > MAX_ROWS) throw new RangeError(`A snapshot holds at most ${MAX_ROWS} rows.`);
  const buffer = Buffer.alloc(HEADER_BYTES + 16 * rows);
  const body = buffer.subarray(HEADER_BYTES);
  writeHashes(body, 0, snapshot.keyHashes);
  writeHashes(body, 8 * rows, snapshot.fingerprints);
  buffer.write(MAGIC, 0, "latin1");
  buffer.writeUInt16LE(SNAPSHOT_FORMAT_VERSION, 4);
  buffer.writeUInt16LE(FINGERPRINT_VERSION, 6);
  buffer.writeUInt32LE(rows, 8);
  buffer.writeUInt32LE(crc32(body), 12);
  return buffer;
}

/** The snapshot stored by `encodeSnapshot` in this format and fingerprint version; copies out of `bytes`. */
export function decodeSnapshot(bytes: Uint8Array): Snapshot {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < HEADER_BYTES) fail("truncated", `${buffer.length} bytes is shorter than the ${HEADER_BYTES}-byte header.`);
  if (buffer.toString("latin1", 0, 4) !== MAGIC) fail("magic", "it does not start with SLSN.");
  const format = buffer.readUInt16LE(4);
  if (format !== SNAPSHOT_FORMAT_VERSION) fail("format_version", `format version ${format} is not ${SNAPSHOT_FORMAT_VERSION}.`);
  const fingerprintVersion = buffer.readUInt16LE(6);
  if (fingerprintVersion !== FINGERPRINT_VERSION) {
    fail("fingerprint_version", `it was hashed with fingerprint version ${fingerprintVersion}, this build uses ${FINGERPRINT_VERSION}.`);
  }
  const rows = buffer.readUInt32LE(8);
  const expected = HEADER_BYTES + 16 * rows;
  if (buffer.length !== expected) fail("length", `${rows} rows need ${expected} bytes, got ${buffer.length}.`);
  const body = buffer.subarray(HEADER_BYTES);
  if (crc32(body) !== buffer.readUInt32LE(12)) fail("checksum", "the checksum does not match (corrupted bytes).");
  const snapshot: Snapshot = { keyHashes: readHashes(body, 0, rows), fingerprints: readHashes(body, 8 * rows, rows) };
  if (!isStrictlyAscending(snapshot.keyHashes)) fail("order", "its key hashes are not strictly ascending.");
  return snapshot;
}

function fail(reason: SnapshotDecodeFailure, message: string): never {
  throw new SnapshotDecodeError(reason, message);
}

function writeHashes(body: Buffer, offset: number, hashes: BigUint64Array): void {
  if (LITTLE_ENDIAN) {
    body.set(new Uint8Array(hashes.buffer, hashes.byteOffset, hashes.byteLength), offset);
    return;
  }
  hashes.forEach((hash, index) => body.writeBigUInt64LE(hash, offset + 8 * index));
}

/** A fresh, aligned array (a Buffer from a driver may sit at any byte offset). */
function readHashes(body: Buffer, offset: number, count: number): BigUint64Array {
  const hashes = new BigUint64Array(count);
  if (LITTLE_ENDIAN) {
    new Uint8Array(hashes.buffer).set(body.subarray(offset, offset + 8 * count));
    return hashes;
  }
  for (let index = 0; index < count; index++) hashes[index] = body.readBigUInt64LE(offset + 8 * index);
  return hashes;
}
