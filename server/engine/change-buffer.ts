/**
 * The changes a run found while reading, waiting to be delivered. The first `memoryLimit` stay in
 * memory; the rest go to a temporary file as JSON lines, so a first sync of a huge model (every
 * row "added") needs no more memory than an incremental one. Read back once, in order.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { ChangeKind } from "@/db/schema";
import type { DestinationRecord } from "../destinations/types";

/** A record to send, with what the commit needs once the destination has answered. */
export type PendingChange = {
  record: DestinationRecord;
  kind: ChangeKind;
  keyHash: bigint;
  /** The payload's fingerprint; null for removals. */
  fingerprint: bigint | null;
  identity: string;
  flags: number;
};

type Line = Omit<PendingChange, "keyHash" | "fingerprint"> & { keyHash: string; fingerprint: string | null };

export class ChangeBuffer {
  private readonly memory: PendingChange[] = [];
  private spill: { directory: string; file: string; stream: WriteStream } | null = null;
  size = 0;

  constructor(private readonly memoryLimit = 50_000) {}

  async push(change: PendingChange): Promise<void> {
    this.size++;
    if (this.memory.length < this.memoryLimit) {
      this.memory.push(change);
      return;
    }
    this.spill ??= await openSpill();
    const line: Line = { ...change, keyHash: change.keyHash.toString(16), fingerprint: change.fingerprint?.toString(16) ?? null };
    if (!this.spill.stream.write(`${JSON.stringify(line)}\n`)) await once(this.spill.stream, "drain");
  }

  /** Every change, in the order pushed. */
  async *drain(): AsyncGenerator<PendingChange, void, undefined> {
    yield* this.memory;
    if (!this.spill) return;
    const { stream, file } = this.spill;
    stream.end();
    await once(stream, "finish");
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const text of lines) {
      const line = JSON.parse(text) as Line;
      yield { ...line, keyHash: BigInt(`0x${line.keyHash}`), fingerprint: line.fingerprint === null ? null : BigInt(`0x${line.fingerprint}`) };
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
  const file = path.join(directory, "changes.jsonl");
  return { directory, file, stream: createWriteStream(file) };
}
