/**
 * The changes a run found while reading, waiting to be delivered. The first `memoryLimit` stay in
 * memory; the rest go to a temporary file in frames of up to 1,000 changes (a 4-byte length, then
 * the frame by column in V8's serialization format: change-frames.ts), so a first sync of a huge
 * model (every row "added") needs no more memory than an incremental one. Read back once, in order.
 */
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { ChangeKind } from "@/db/schema";
import type { DestinationRecord } from "../destinations/types";
import { decodeFrame, encodeFrame } from "./change-frames";

/** A record to send, with what the commit needs once the destination has answered. */
export type PendingChange = {
  record: DestinationRecord;
  kind: ChangeKind;
  keyHash: bigint;
  /** The payload's fingerprint; null for removals. */
  fingerprint: bigint | null;
  /** The source row's hash and the scan's hash of its key (0 for removals). */
  rowHash: bigint;
  scanKey: bigint;
  identity: string;
  flags: number;
};

const FRAME = 1000;

export class ChangeBuffer {
  private readonly memory: PendingChange[] = [];
  private frame: PendingChange[] = [];
  private spill: { directory: string; file: string; stream: WriteStream } | null = null;
  size = 0;

  constructor(private readonly memoryLimit = 50_000) {}

  async push(change: PendingChange): Promise<void> {
    this.size++;
    if (this.memory.length < this.memoryLimit) {
      this.memory.push(change);
      return;
    }
    this.frame.push(change);
    if (this.frame.length === FRAME) await this.writeFrame();
  }

  private async writeFrame(): Promise<void> {
    this.spill ??= await openSpill();
    const body = encodeFrame(this.frame);
    this.frame = [];
    const length = Buffer.alloc(4);
    length.writeUInt32LE(body.length);
    this.spill.stream.write(length);
    if (!this.spill.stream.write(body)) await once(this.spill.stream, "drain");
  }

  /** Every change, in the order pushed. */
  async *drain(): AsyncGenerator<PendingChange, void, undefined> {
    yield* this.memory;
    if (this.frame.length > 0) await this.writeFrame();
    if (!this.spill) return;
    const { stream, file } = this.spill;
    stream.end();
    await once(stream, "finish");
    const handle = await open(file, "r");
    try {
      const length = Buffer.alloc(4);
      for (let position = 0; ; ) {
        const { bytesRead } = await handle.read(length, 0, 4, position);
        if (bytesRead < 4) return;
        const body = Buffer.alloc(length.readUInt32LE(0));
        await handle.read(body, 0, body.length, position + 4);
        position += 4 + body.length;
        yield* decodeFrame(body);
      }
    } finally {
      await handle.close();
    }
  }

  async dispose(): Promise<void> {
    if (!this.spill) return;
    this.spill.stream.destroy();
    await rm(this.spill.directory, { recursive: true, force: true });
    this.spill = null;
  }
}

async function openSpill() {
  const directory = await mkdtemp(path.join(os.tmpdir(), "sluice-run-"));
  const file = path.join(directory, "changes.bin");
  return { directory, file, stream: createWriteStream(file) };
}
