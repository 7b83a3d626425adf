/**
 * Sync states as bytes, for the app database (bytea parts) or a file. Layout, little-endian:
 *
 *   offset  size      field
 *        0     4      magic "SLSN"
 *        4     2      format version (STATE_FORMAT_VERSION) — this byte layout
 *        6     2      fingerprint version (FINGERPRINT_VERSION) — what the hashes mean
 *        8     4      record count n
 *       12     4      CRC-32 (zlib) of the body
 *       16     4      identity byte count b
 *       20     4      flags: 1 = scan keys stored (format 4; a state without them stores none)
 *       24    8n      key hashes, strictly ascending
 *          8n         fingerprints, in key order
 *          8n         row hashes, in key order (since format 3; format 2 had none: read as 0, unknown)
 *          8n         scan keys, in key order, if flagged (since format 4; formats 2 and 3 have none)
 *          n          flags
 *          4(n+1)     identity offsets, ascending, first 0, last b
 *          b          identities, UTF-8, back to back
 *
 * `decodeState` trusts nothing: it checks the length, magic, both versions, the checksum, the
 * key order and the offsets, and throws `StateDecodeError` (with a `reason`) on any mismatch. A
 * state whose fingerprint version differs from this build's must not be diffed — its hashes
 * mean something else — so the caller treats `reason: "fingerprint_version"` as "no usable
 * previous state" (the next run resends everything).
 */
import { crc32 } from "node:zlib";
import { FINGERPRINT_VERSION } from "./fingerprint";
import { isStrictlyAscending } from "./snapshot";
import type { SyncState } from "./state";
import { LITTLE_ENDIAN } from "./words";

export const STATE_FORMAT_VERSION = 4;
/** Earlier formats still read, with the columns they lack (see the layout) as unknown. */
const FORMAT_WITHOUT_ROW_HASHES = 2;
const FORMAT_WITHOUT_SCAN_KEYS = 3;
const MAGIC = "SLSN";
const HEADER_BYTES = 24;
/** Records are indexed by uint32 everywhere in the engine. */
const MAX_RECORDS = 0xffff_fffe;

export type StateDecodeFailure = "truncated" | "magic" | "format_version" | "fingerprint_version" | "length" | "checksum" | "order" | "offsets";

export class StateDecodeError extends Error {
  override readonly name = "StateDecodeError";

  constructor(
    readonly reason: StateDecodeFailure,
    message: string,
  ) {
    super(`Cannot read the stored sync state: ${message}`);
  }
}

/** How many 64-bit hash columns each format stores. */
const HASH_COLUMNS: ReadonlyMap<number, number> = new Map([
  [FORMAT_WITHOUT_ROW_HASHES, 2],
  [FORMAT_WITHOUT_SCAN_KEYS, 3],
  [STATE_FORMAT_VERSION, 4],
]);

const SCAN_KEYS_STORED = 1;

/** The 64-bit hash columns a state of `format` with `flags` stores. */
function hashColumnsOf(format: number, flags: number): number {
  return (HASH_COLUMNS.get(format) ?? 0) - (format === STATE_FORMAT_VERSION && !(flags & SCAN_KEYS_STORED) ? 1 : 0);
}

function bodyBytes(hashColumns: number, records: number, identityBytes: number): number {
  return (8 * hashColumns + 1) * records + 4 * (records + 1) + identityBytes;
}

export function encodeState(state: SyncState): Buffer {
  const [whole] = encodeStateParts(state, Number.MAX_SAFE_INTEGER);
  if (!whole) throw new Error("A state always encodes to at least its header.");
  return whole;
}

/**
 * `encodeState`'s bytes cut into parts of `partBytes` (the last may be shorter), each made when
 * asked for: storing a large state needs one part in memory besides the state, not a copy of it.
 */
export function* encodeStateParts(state: SyncState, partBytes: number): Generator<Buffer, void, undefined> {
  const n = state.keyHashes.length;
  if (n > MAX_RECORDS) throw new RangeError(`A sync state holds at most ${MAX_RECORDS} records.`);
  const b = state.identityBytes.length;
  const flags = state.scanKeys.length > 0 ? SCAN_KEYS_STORED : 0;
  const scanKeys = flags & SCAN_KEYS_STORED ? [state.scanKeys] : [];
  const columns = [state.keyHashes, state.fingerprints, state.rowHashes, ...scanKeys, state.flags, state.identityOffsets, state.identityBytes];
  const segments = columns.map(littleEndianBytes);
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, "latin1");
  header.writeUInt16LE(STATE_FORMAT_VERSION, 4);
  header.writeUInt16LE(FINGERPRINT_VERSION, 6);
  header.writeUInt32LE(n, 8);
  header.writeUInt32LE(segments.reduce((crc, segment) => crc32(segment, crc), 0), 12);
  header.writeUInt32LE(b, 16);
  header.writeUInt32LE(flags, 20);
  segments.unshift(header);
  let remaining = HEADER_BYTES + bodyBytes(hashColumnsOf(STATE_FORMAT_VERSION, flags), n, b);
  let segment = 0;
  let at = 0;
  while (remaining > 0) {
    const part = Buffer.allocUnsafe(Math.min(partBytes, remaining));
    for (let filled = 0; filled < part.length; ) {
      const source = segments[segment] ?? new Uint8Array(0);
      const count = Math.min(part.length - filled, source.length - at);
      part.set(source.subarray(at, at + count), filled);
      filled += count;
      at += count;
      if (at === source.length) {
        segment++;
        at = 0;
      }
    }
    remaining -= part.length;
    yield part;
  }
}

/** An array's bytes as stored (little-endian): a view on little-endian machines, a swapped copy elsewhere. */
function littleEndianBytes(array: Typed | Buffer): Uint8Array {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  if (LITTLE_ENDIAN || array.BYTES_PER_ELEMENT === 1) return bytes;
  const copy = bytes.slice();
  swapBytes(copy, array.BYTES_PER_ELEMENT);
  return copy;
}

/**
 * The state stored by `encodeState` in this (or an earlier) format and this fingerprint version.
 * Its arrays are views of `bytes` wherever they sit aligned (a local copy read whole), copies
 * elsewhere: `bytes` must not change afterwards.
 */
export function decodeState(bytes: Uint8Array): SyncState {
  const header = readHeader(bytes, bytes.length);
  const { n, b } = header;
  let at = HEADER_BYTES;
  const next = <T extends Typed>(make: TypedConstructor<T>, length: number): T => {
    const array = viewOrCopy(bytes, at, length, make);
    at += length * make.BYTES_PER_ELEMENT;
    return array;
  };
  const hashes = Array.from({ length: header.hashColumns }, () => next(BigUint64Array, n));
  const flags = next(Uint8Array, n);
  const identityOffsets = next(Uint32Array, n + 1);
  const identityBytes = Buffer.from(bytes.buffer, bytes.byteOffset + at, b);
  return checkBody(stateOf(hashes, n, flags, identityOffsets, identityBytes), header, crc32(bytes.subarray(HEADER_BYTES)));
}

/**
 * `decodeState` over `totalBytes` that arrive in parts (as stored), each dropped once copied out,
 * so a large state needs its decoded arrays and one part in memory, never all its bytes at once.
 */
export async function readState(parts: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, totalBytes: number): Promise<SyncState> {
  const reader = new PartReader(parts);
  const headerBytes = Buffer.alloc(HEADER_BYTES);
  await reader.fill(headerBytes);
  const header = readHeader(headerBytes, totalBytes);
  const { n, b } = header;
  const hashes = Array.from({ length: header.hashColumns }, () => new BigUint64Array(n));
  const flags = new Uint8Array(n);
  const identityOffsets = new Uint32Array(n + 1);
  const identityBytes = Buffer.alloc(b);
  for (const array of [...hashes, flags, identityOffsets]) await reader.fillArray(array);
  if ((await reader.fill(identityBytes)) < b) fail("length", `the parts hold fewer than the ${totalBytes} bytes announced.`);
  return checkBody(stateOf(hashes, n, flags, identityOffsets, identityBytes), header, reader.checksum);
}

/** A state from its stored columns; the hash columns an earlier format lacks are unknown (row hashes 0, no scan keys). */
function stateOf(hashes: BigUint64Array[], n: number, flags: Uint8Array, identityOffsets: Uint32Array, identityBytes: Buffer): SyncState {
  const [keyHashes = new BigUint64Array(0), fingerprints = new BigUint64Array(0), rowHashes = new BigUint64Array(n), scanKeys = new BigUint64Array(0)] = hashes;
  return { keyHashes, fingerprints, rowHashes, scanKeys, flags, identityOffsets, identityBytes };
}

type Header = { n: number; b: number; hashColumns: number; checksum: number };

/** Checks the header of a stored state of `totalBytes` (magic, versions, flags, length). */
function readHeader(bytes: Uint8Array, totalBytes: number): Header {
  if (totalBytes < HEADER_BYTES || bytes.length < HEADER_BYTES) fail("truncated", `${totalBytes} bytes is shorter than the ${HEADER_BYTES}-byte header.`);
  const header = Buffer.from(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  if (header.toString("latin1", 0, 4) !== MAGIC) fail("magic", "it does not start with SLSN.");
  const format = header.readUInt16LE(4);
  if (!HASH_COLUMNS.has(format)) {
    fail("format_version", `format version ${format} is not ${STATE_FORMAT_VERSION}.`);
  }
  const fingerprintVersion = header.readUInt16LE(6);
  if (fingerprintVersion !== FINGERPRINT_VERSION) {
    fail("fingerprint_version", `it was hashed with fingerprint version ${fingerprintVersion}, this build uses ${FINGERPRINT_VERSION}.`);
  }
  const n = header.readUInt32LE(8);
  const b = header.readUInt32LE(16);
  const flags = format === STATE_FORMAT_VERSION ? header.readUInt32LE(20) : 0;
  if (flags & ~SCAN_KEYS_STORED) fail("format_version", `it sets flags (${flags}) this build does not know.`);
  const hashColumns = hashColumnsOf(format, flags);
  const expected = HEADER_BYTES + bodyBytes(hashColumns, n, b);
  if (totalBytes !== expected) fail("length", `${n} records need ${expected} bytes, got ${totalBytes}.`);
  return { n, b, hashColumns, checksum: header.readUInt32LE(12) };
}

/** Checks what the header cannot vouch for: the checksum of the body, the key order and the offsets. */
function checkBody(state: SyncState, header: Header, checksum: number): SyncState {
  if (checksum !== header.checksum) fail("checksum", "the checksum does not match (corrupted bytes).");
  if (!isStrictlyAscending(state.keyHashes)) fail("order", "its key hashes are not strictly ascending.");
  if (!offsetsValid(state.identityOffsets, header.b)) fail("offsets", "its identity offsets are out of order.");
  return state;
}

type TypedConstructor<T extends Typed> = {
  new (length: number): T;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
};

/** `length` elements stored little-endian at `at` in `bytes`: a view when aligned on a little-endian machine, else a copy. */
function viewOrCopy<T extends Typed>(bytes: Uint8Array, at: number, length: number, make: TypedConstructor<T>): T {
  const offset = bytes.byteOffset + at;
  if (LITTLE_ENDIAN && offset % make.BYTES_PER_ELEMENT === 0) return new make(bytes.buffer, offset, length);
  const array = new make(length);
  const target = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  target.set(bytes.subarray(at, at + array.byteLength));
  if (!LITTLE_ENDIAN && make.BYTES_PER_ELEMENT > 1) swapBytes(target, make.BYTES_PER_ELEMENT);
  return array;
}

/** Copies bytes out of parts in order, keeping a CRC-32 of everything after the header. */
class PartReader {
  private readonly iterator: AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  private current: Uint8Array = new Uint8Array(0);
  private at = 0;
  private position = 0;
  checksum = 0;

  constructor(parts: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
    this.iterator = Symbol.asyncIterator in parts ? parts[Symbol.asyncIterator]() : parts[Symbol.iterator]();
  }

  /** Fills `target` as far as the bytes go; returns how many it got. */
  async fill(target: Uint8Array): Promise<number> {
    let filled = 0;
    while (filled < target.length) {
      if (this.at === this.current.length && !(await this.nextPart())) break;
      const count = Math.min(target.length - filled, this.current.length - this.at);
      const bytes = this.current.subarray(this.at, this.at + count);
      target.set(bytes, filled);
      if (this.position >= HEADER_BYTES) this.checksum = crc32(bytes, this.checksum);
      this.at += count;
      this.position += count;
      filled += count;
    }
    return filled;
  }

  /** Fills a typed array stored little-endian. */
  async fillArray(array: Typed): Promise<void> {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    await this.fill(bytes);
    if (!LITTLE_ENDIAN && array.BYTES_PER_ELEMENT > 1) swapBytes(bytes, array.BYTES_PER_ELEMENT);
  }

  private async nextPart(): Promise<boolean> {
    const next = await this.iterator.next();
    this.current = next.done === true ? new Uint8Array(0) : next.value;
    this.at = 0;
    return next.done !== true;
  }
}

function offsetsValid(offsets: Uint32Array, total: number): boolean {
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== total) return false;
  for (let i = 1; i < offsets.length; i++) if ((offsets[i] ?? 0) < (offsets[i - 1] ?? 0)) return false;
  return true;
}

function fail(reason: StateDecodeFailure, message: string): never {
  throw new StateDecodeError(reason, message);
}

type Typed = BigUint64Array | Uint32Array | Uint8Array;

/** Reverses each element's bytes in place (big-endian machines; states are stored little-endian). */
function swapBytes(bytes: Uint8Array, width: number): void {
  for (let at = 0; at < bytes.length; at += width) bytes.subarray(at, at + width).reverse();
}
