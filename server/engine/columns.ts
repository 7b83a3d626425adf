/**
 * Growable typed columns: the engine keeps per-row data (hashes, flags, identities) in these
 * rather than in arrays of objects — 8 bytes per hash instead of an object and a boxed BigInt,
 * so a run over ten million rows stays in the hundreds of megabytes.
 */

/** A BigUint64Array that grows by doubling. */
export class HashColumn {
  private data = new BigUint64Array(1024);
  length = 0;

  push(value: bigint): void {
    if (this.length === this.data.length) this.data = grow(this.data, new BigUint64Array(this.data.length * 2));
    this.data[this.length++] = value;
  }

  /** Makes room for `capacity` values at once: no doubling past it. */
  reserve(capacity: number): void {
    if (capacity > this.data.length) this.data = grow(this.data, new BigUint64Array(capacity));
  }

  at(index: number): bigint {
    return this.data[index] ?? 0n;
  }

  view(): BigUint64Array {
    return this.data.subarray(0, this.length);
  }
}

/** Byte values (flags) that grow by doubling. */
export class ByteColumn {
  private data = new Uint8Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, new Uint8Array(this.data.length * 2));
    this.data[this.length++] = value;
  }

  reserve(capacity: number): void {
    if (capacity > this.data.length) this.data = grow(this.data, new Uint8Array(capacity));
  }

  at(index: number): number {
    return this.data[index] ?? 0;
  }
}

/** Record indexes (uint32) that grow by doubling. */
export class IndexColumn {
  private data = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, new Uint32Array(this.data.length * 2));
    this.data[this.length++] = value;
  }

  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Strings stored back to back as UTF-8 with offsets, as the sync state keeps identities. */
export class TextColumn {
  private bytes = Buffer.alloc(16 * 1024);
  private offsets = new Uint32Array(1025);
  private used = 0;
  length = 0;

  /** UTF-8 bytes of all entries together. */
  get byteLength(): number {
    return this.used;
  }

  push(text: string): void {
    const needed = Buffer.byteLength(text, "utf8");
    if (this.used + needed > this.bytes.length) {
      const bigger = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + needed));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.used += this.bytes.write(text, this.used, "utf8");
    if (this.length + 1 === this.offsets.length) this.offsets = grow(this.offsets, new Uint32Array(this.offsets.length * 2));
    this.offsets[++this.length] = this.used;
  }

  at(index: number): string {
    return this.bytes.toString("utf8", this.offsets[index] ?? 0, this.offsets[index + 1] ?? 0);
  }

  /** Makes room for `count` entries' offsets (their bytes still grow by doubling). */
  reserve(count: number): void {
    if (count + 1 > this.offsets.length) this.offsets = grow(this.offsets, new Uint32Array(count + 1));
  }

  /**
   * Copies the UTF-8 bytes of entry `index` into `target` at `at`; returns where they end. Byte by
   * byte: entries are short (keys, identities), and a native copy per entry costs more than that.
   */
  copyInto(index: number, target: Uint8Array, at: number): number {
    const end = this.offsets[index + 1] ?? 0;
    let to = at;
    for (let from = this.offsets[index] ?? 0; from < end; from++) target[to++] = this.bytes[from] ?? 0;
    return to;
  }
}

function grow<T extends BigUint64Array | Uint8Array | Uint32Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
