/**
 * The sync engine's fast read of a Postgres model: `COPY (SELECT key, columns …) TO STDOUT` in
 * text format, which Postgres produces 2–3× faster than a cursor's rows. Each row arrives as one
 * line; its fingerprint is the hash of those bytes, its key the first field, and only the rows
 * the engine asks for are split and converted (by the text converters `read` uses too).
 *
 * postgres.js runs COPY with the simple protocol, which accepts several statements. The columns
 * are described first with the same model SQL through the extended protocol (one statement
 * only), so model SQL that would smuggle in a second statement fails there, and both run in one
 * REPEATABLE READ, READ ONLY transaction.
 */
import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { throwIfAborted } from "../shared/time-limits";
import type { CellValue, ModelQuery, Row, ScanChunk, ScanOptions } from "../types";
import { cancelOnAbort, type PostgresClient, readOnly, resultColumns, statement } from "./api";
import { describeColumns } from "./catalog";
import type { TPostgresConfig } from "./config";
import { postgresStatements as statements } from "./dialect";
import { toSourceError } from "./errors";
import { firstCopyField, LineSplitter, plainFirstFieldEnd, splitCopyLine } from "./copy-text";
import { pump } from "./pump";
import { textConverter, type TextConverter, textIsCanonicalKey } from "./transform";

/** Version of how lines become fingerprints here; part of every chunk's scheme. */
const SCHEME = "postgres-copy-text/1";

/** Rows per chunk handed to the engine. */
const CHUNK_ROWS = 10_000;
/** Lines read ahead of the engine before the COPY stream is paused. */
const QUEUED_LINES = 20_000;

/** The scanned columns, each with its conversion from COPY text (the key first). */
type CopyColumns = readonly { name: string; convert: TextConverter }[];

/** How a scan's lines are read: its scheme, its columns, and whether the key's text is its canonical text. */
type CopyFormat = { scheme: string; columns: CopyColumns; canonicalKeyText: boolean };

class CopyChunk implements ScanChunk {
  constructor(
    private readonly format: CopyFormat,
    private readonly lines: readonly Buffer[],
    private readonly hashBytes: (bytes: Uint8Array) => bigint,
  ) {}

  get scheme(): string {
    return this.format.scheme;
  }

  get size(): number {
    return this.lines.length;
  }

  key(index: number): CellValue {
    const text = firstCopyField(this.line(index));
    const keyColumn = this.format.columns[0];
    return text === null || keyColumn === undefined ? null : keyColumn.convert(text);
  }

  /** The hash of the key's bytes when they are its canonical text, which spares building the key. */
  keyHash(index: number): bigint | null {
    if (!this.format.canonicalKeyText) return null;
    const line = this.line(index);
    const end = plainFirstFieldEnd(line);
    return end < 0 ? null : this.hashBytes(line.subarray(0, end));
  }

  fingerprint(index: number): bigint {
    return this.hashBytes(this.line(index));
  }

  row(index: number): Row {
    const fields = splitCopyLine(this.line(index));
    const row: Row = {};
    this.format.columns.forEach((column, position) => {
      const text = fields[position] ?? null;
      row[column.name] = text === null ? null : column.convert(text);
    });
    return row;
  }

  private line(index: number): Buffer {
    const line = this.lines[index];
    if (line === undefined) throw new RangeError(`No row ${index} in a chunk of ${this.lines.length}.`);
    return line;
  }
}

/**
 * The lines of a COPY stream in batches, read in flowing mode (`data` events): the stream is
 * paused while more than `QUEUED_LINES` wait for the consumer and resumed once it took them.
 */
async function* copyLines(stream: Readable): AsyncGenerator<Buffer[], void, undefined> {
  const splitter = new LineSplitter();
  let queue: Buffer[] = [];
  let ended = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  stream.on("data", (data: Buffer) => {
    splitter.push(data, queue);
    if (queue.length > QUEUED_LINES) stream.pause();
    notify();
  });
  stream.on("end", () => {
    for (const line of splitter.end()) queue.push(line);
    ended = true;
    notify();
  });
  stream.on("error", (error) => {
    failure = error;
    notify();
  });
  for (;;) {
    if (queue.length > 0) {
      const batch = queue;
      queue = [];
      yield batch;
      continue;
    }
    if (failure !== null) throw failure;
    if (ended) return;
    if (stream.isPaused()) stream.resume();
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

export async function* scanPostgres(
  client: PostgresClient,
  config: TPostgresConfig,
  query: ModelQuery,
  options: ScanOptions,
): AsyncGenerator<ScanChunk, void, undefined> {
  const names = [...new Set([options.keyColumn, ...options.columns])];
  const select = statements.columns(query, names);
  const describe = `${select} LIMIT 0`;
  const copy = `COPY (${select}) TO STDOUT`;
  const { signal } = options;
  const chunks = pump<ScanChunk>((emit) =>
    readOnly(client, { repeatableRead: true, timeoutMs: options.timeoutMs }, async (tx) => {
      const describing = statement(tx, describe);
      const result = await cancelOnAbort(signal, () => describing.cancel(), () => describing);
      const described = await describeColumns(client, resultColumns(result));
      const format: CopyFormat = {
        scheme: `${SCHEME} ${described.map((column) => `${column.name}:${column.nativeType}`).join(",")}`,
        columns: described.map((column) => ({ name: column.name, convert: textConverter(column.nativeType) })),
        canonicalKeyText: described[0] !== undefined && textIsCanonicalKey(described[0].nativeType),
      };
      const pending = tx.unsafe(copy);
      const stream: Readable = await cancelOnAbort(signal, () => pending.cancel(), () => pending.readable());
      const stopOnAbort = () => void pending.cancel();
      signal?.addEventListener("abort", stopOnAbort, { once: true });
      const lines = copyLines(stream);
      try {
        let batch: Buffer[] = [];
        for await (const received of lines) {
          for (const line of received) batch.push(line);
          if (batch.length < CHUNK_ROWS) continue;
          if (!(await emit(new CopyChunk(format, batch, options.hashBytes)))) {
            // The consumer stopped: cancel the COPY, and drain it (a paused stream would hold the connection).
            void pending.cancel();
            stream.removeAllListeners("data");
            stream.resume();
            await finished(stream).catch(() => undefined);
            return;
          }
          batch = [];
        }
        if (batch.length > 0) await emit(new CopyChunk(format, batch, options.hashBytes));
      } finally {
        signal?.removeEventListener("abort", stopOnAbort);
      }
    }),
  );
  try {
    for await (const chunk of chunks) {
      yield chunk;
      throwIfAborted(signal);
    }
  } catch (error) {
    throw toSourceError(error, { statement: describe, query, connection: config, timeoutMs: options.timeoutMs });
  }
}
