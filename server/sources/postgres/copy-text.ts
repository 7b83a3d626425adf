/**
 * Postgres `COPY … TO STDOUT` text format, one line per row (the trailing newline included or
 * not): fields separated by tabs, `\N` for NULL, and backslash escapes for backslash, tab,
 * newline, carriage return, backspace, form feed and vertical tab (octal `\ooo` and hex `\xhh`
 * are decoded too, as COPY FROM accepts them). Bytes are UTF-8 (postgres.js sets the client
 * encoding). Pure.
 */

const TAB = 0x09;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };

/** Where the line's content ends (before its newline, if any). */
function contentEnd(line: Uint8Array): number {
  return line.length > 0 && line[line.length - 1] === NEWLINE ? line.length - 1 : line.length;
}

/** Field bytes `[start, end)` as text, or null for `\N`; `escape` is the line's first backslash at or after `start` (-1: none). */
function decodeField(line: Buffer, start: number, end: number, escape: number): string | null {
  if (end - start === 2 && line[start] === BACKSLASH && line[start + 1] === 0x4e) return null;
  if (escape < 0 || escape >= end) return line.toString("utf8", start, end);
  return unescapeField(line, start, end);
}

function unescapeField(line: Buffer, start: number, end: number): string {
  const out: number[] = [];
  for (let i = start; i < end; i++) {
    const byte = line[i] ?? 0;
    if (byte !== BACKSLASH || i + 1 >= end) {
      out.push(byte);
      continue;
    }
    const next = String.fromCharCode(line[++i] ?? 0);
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out.push(simple);
    } else if (next >= "0" && next <= "7") {
      let value = Number(next);
      for (let digits = 1; digits < 3 && i + 1 < end && (line[i + 1] ?? 0) >= 0x30 && (line[i + 1] ?? 0) <= 0x37; digits++) {
        value = value * 8 + ((line[++i] ?? 0) - 0x30);
      }
      out.push(value & 0xff);
    } else if (next === "x" && i + 1 < end && /[0-9a-fA-F]/.test(String.fromCharCode(line[i + 1] ?? 0))) {
      let hex = String.fromCharCode(line[++i] ?? 0);
      if (i + 1 < end && /[0-9a-fA-F]/.test(String.fromCharCode(line[i + 1] ?? 0))) hex += String.fromCharCode(line[++i] ?? 0);
      out.push(Number.parseInt(hex, 16));
    } else {
      out.push(next.charCodeAt(0));
    }
  }
  return Buffer.from(out).toString("utf8");
}

/**
 * The first field of a line: the key, in Sluice's scans, read for every row. Keys are short, so a
 * byte loop that also notes escapes and non-ASCII bytes beats searching the whole line.
 */
export function firstCopyField(line: Buffer): string | null {
  const end = contentEnd(line);
  let plain = true;
  let at = 0;
  for (; at < end; at++) {
    const byte = line[at] ?? 0;
    if (byte === TAB) break;
    if (byte === BACKSLASH || byte >= 0x80) plain = false;
  }
  return plain ? line.toString("latin1", 0, at) : decodeField(line, 0, at, line.indexOf(BACKSLASH));
}

/**
 * Where the first field ends when its bytes are its text as they are: plain ASCII without
 * escapes, and not empty. Otherwise -1 (`\N` has a backslash): read it with `firstCopyField`.
 */
export function plainFirstFieldEnd(line: Uint8Array): number {
  const end = contentEnd(line);
  for (let at = 0; at < end; at++) {
    const byte = line[at] ?? 0;
    if (byte === TAB) return at === 0 ? -1 : at;
    if (byte === BACKSLASH || byte >= 0x80) return -1;
  }
  return end === 0 ? -1 : end;
}

/** Every field of a line, unescaped; null for `\N`. */
export function splitCopyLine(line: Buffer): (string | null)[] {
  const end = contentEnd(line);
  const fields: (string | null)[] = [];
  // Searched again only once passed: a line without escapes is searched once, not once per field.
  let escape = line.indexOf(BACKSLASH);
  let start = 0;
  for (;;) {
    if (escape >= 0 && escape < start) escape = line.indexOf(BACKSLASH, start);
    const tab = line.indexOf(TAB, start);
    if (tab < 0 || tab >= end) {
      fields.push(decodeField(line, start, end, escape));
      return fields;
    }
    fields.push(decodeField(line, start, tab, escape));
    start = tab + 1;
  }
}

/**
 * Cuts a COPY byte stream into lines (each with its newline): a row never contains a raw
 * newline, since COPY escapes it. Lines are views of the pushed buffers, not copies.
 */
export class LineSplitter {
  private rest: Buffer | null = null;

  /** Appends the lines `data` completes to `lines`. */
  push(data: Buffer, lines: Buffer[]): void {
    // The server sends a row per message, so data is most often exactly one line: taken whole.
    if (this.rest === null && data.length > 0 && data.indexOf(NEWLINE) === data.length - 1) {
      lines.push(data);
      return;
    }
    const buffer = this.rest === null ? data : Buffer.concat([this.rest, data]);
    let start = 0;
    for (let end = buffer.indexOf(NEWLINE); end >= 0; end = buffer.indexOf(NEWLINE, start)) {
      lines.push(buffer.subarray(start, end + 1));
      start = end + 1;
    }
    this.rest = start < buffer.length ? buffer.subarray(start) : null;
  }

  /** The last line when the stream did not end with a newline. */
  end(): Buffer[] {
    const rest = this.rest;
    this.rest = null;
    return rest === null ? [] : [rest];
  }
}
