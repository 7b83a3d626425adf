/**
 * Correctness checks of a measured phase: a fast wrong sync is worthless, so every phase is
 * checked against the source before its numbers count.
 *
 * - `compareLines`: two streams of canonical lines ordered by id must be equal (a destination
 *   table against its source).
 * - `ReceiverTally`: what the webhook receiver accepted, by id, drained from the receiver while a
 *   phase runs so that 10M records do not pile up in its maps.
 */
import type { WebhookReceiver } from "@/test/fakes/webhook-receiver";
import type { CellValue } from "@/server/sources/types";
import { canonicalLineOf, idOfLine } from "./customers";

const EXAMPLES = 5;

export class VerificationError extends Error {
  override name = "VerificationError";
}

type Lines = AsyncIterable<string[]> | Iterable<string[]>;

async function* eachLine(chunks: Lines): AsyncGenerator<string> {
  for await (const chunk of chunks) yield* chunk;
}

/** Throws with counts and examples unless `actual` has exactly the lines of `expected`. */
export async function compareLines(what: string, expected: Lines, actual: Lines): Promise<number> {
  const left = eachLine(expected);
  const right = eachLine(actual);
  let a = await left.next();
  let b = await right.next();
  let compared = 0;
  const problems = { missing: 0, extra: 0, different: 0 };
  const examples: string[] = [];
  const note = (kind: keyof typeof problems, text: string) => {
    problems[kind]++;
    if (examples.length < EXAMPLES) examples.push(`${kind}: ${text}`);
  };
  while (!a.done || !b.done) {
    if (!a.done && !b.done && a.value === b.value) {
      compared++;
      [a, b] = await Promise.all([left.next(), right.next()]);
      continue;
    }
    const idA = a.done ? Infinity : idOfLine(a.value);
    const idB = b.done ? Infinity : idOfLine(b.value);
    if (idA === idB && !a.done && !b.done) {
      note("different", `expected ${a.value}, found ${b.value}`);
      [a, b] = await Promise.all([left.next(), right.next()]);
    } else if (idA < idB && !a.done) {
      note("missing", a.value);
      a = await left.next();
    } else if (!b.done) {
      note("extra", b.value);
      b = await right.next();
    }
  }
  if (problems.missing + problems.extra + problems.different > 0) {
    throw new VerificationError(
      `${what}: ${problems.missing} rows missing, ${problems.extra} extra, ${problems.different} different (${compared} equal).\n  ${examples.join("\n  ")}`,
    );
  }
  return compared;
}

const OPERATION_CODES: Record<string, number> = { upsert: 1, update: 2, insert: 3, delete: 4, add: 5, remove: 6 };

/** Counts per id of the records a webhook receiver accepted during one phase. */
export class ReceiverTally {
  private readonly counts: Uint8Array;
  private readonly operations: Uint8Array;
  /** Payloads by id, kept only for the ids in `keepPayloadsOf` (the few an incremental run sends). */
  readonly payloads = new Map<number, Record<string, CellValue>>();
  private readonly unknownKeys: string[] = [];
  private failedRequests = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly receiver: WebhookReceiver,
    maxId: number,
    private readonly keepPayloadsOf: ReadonlySet<number> = new Set(),
  ) {
    this.counts = new Uint8Array(maxId + 1);
    this.operations = new Uint8Array(maxId + 1);
  }

  /** Drains the receiver every 100 ms until `stop`. */
  start(): void {
    this.drain();
    this.timer = setInterval(() => this.drain(), 100);
  }

  stop(): void {
    clearInterval(this.timer);
    this.drain();
  }

  private drain(): void {
    const { receiver } = this;
    for (const request of receiver.requests) if (request.status !== 200) this.failedRequests++;
    receiver.requests.length = 0;
    for (const [key, times] of receiver.accepted) {
      const id = Number(key);
      if (!Number.isSafeInteger(id) || id < 0 || id >= this.counts.length) {
        this.unknownKeys.push(key);
        continue;
      }
      this.counts[id] = Math.min(255, (this.counts[id] ?? 0) + times);
      this.operations[id] = OPERATION_CODES[receiver.operations.get(key) ?? ""] ?? 255;
      const payload = receiver.payloads.get(key);
      if (payload !== undefined && this.keepPayloadsOf.has(id)) this.payloads.set(id, payload as Record<string, CellValue>);
    }
    receiver.accepted.clear();
    receiver.operations.clear();
    receiver.payloads.clear();
  }

  /**
   * Throws unless every id in `expected` was accepted exactly once with its operation, and no
   * other record was.
   */
  check(what: string, expected: { ids: Iterable<number>; operation: string }[]): void {
    const wanted = new Uint8Array(this.counts.length);
    const problems: string[] = [];
    const note = (text: string) => problems.push(text);
    for (const group of expected) {
      const code = OPERATION_CODES[group.operation] ?? 0;
      for (const id of group.ids) {
        wanted[id] = 1;
        const count = this.counts[id] ?? 0;
        if (count !== 1) note(`id ${id} accepted ${count} times, expected once`);
        else if (this.operations[id] !== code) note(`id ${id} arrived as operation #${this.operations[id]}, expected ${group.operation}`);
      }
    }
    for (let id = 0; id < this.counts.length; id++) {
      if ((this.counts[id] ?? 0) > 0 && wanted[id] === 0) note(`id ${id} was sent but did not change`);
    }
    for (const key of this.unknownKeys) note(`unexpected key ${JSON.stringify(key)}`);
    if (this.failedRequests > 0) note(`${this.failedRequests} requests were refused by the receiver`);
    if (problems.length > 0) {
      throw new VerificationError(`${what}: ${problems.length} problems.\n  ${problems.slice(0, EXAMPLES).join("\n  ")}`);
    }
  }

  /** Throws unless each kept payload has the canonical line the source has now (lines of those ids). */
  async checkPayloads(what: string, sourceLines: AsyncIterable<string[]>): Promise<number> {
    const sent = [...this.payloads.entries()].sort(([a], [b]) => a - b).map(([, payload]) => canonicalLineOf(payload));
    return compareLines(what, sourceLines, [sent]);
  }
}
