/**
 * DuckDB error messages made useful: the message without DuckDB's "LINE n:" excerpt (which
 * quotes Sluice's wrapper SQL, not the model) and, when DuckDB gives one, the position of the
 * problem as a 1-based character offset in the model's own SQL. Pure functions, unit-tested.
 */
import type { CheckErrorCode } from "@/server/sources/types";

/** The database cannot be used at all (missing file, wrong folder, locked): not a query error. */
export class DuckdbUnavailableError extends Error {
  override name = "DuckdbUnavailableError";
  constructor(
    readonly code: CheckErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const CONTEXT = /\n*LINE (\d+): (.*)\n( *)\^/;

/** DuckDB's message without the trailing "LINE n: …" excerpt. */
export function cleanMessage(message: string): string {
  const match = CONTEXT.exec(message);
  const text = match ? message.slice(0, match.index) : message;
  return text.trim();
}

/** `true` when DuckDB stopped the query because `connection.interrupt()` was called. */
export function isInterrupt(message: string): boolean {
  return message.startsWith("INTERRUPT Error");
}

/**
 * The 0-based offset in `sql` that DuckDB's "LINE n: <excerpt>\n<spaces>^" points at, or
 * undefined. DuckDB shortens long lines to "...<excerpt>...", so a shortened excerpt is found in
 * the line to recover the column.
 */
export function errorOffset(message: string, sql: string): number | undefined {
  const match = CONTEXT.exec(message);
  if (!match) return undefined;
  const [, lineText = "", excerpt = "", spaces = ""] = match;
  const lineNumber = Number(lineText);
  const lines = sql.split("\n");
  const line = lines[lineNumber - 1];
  if (line === undefined) return undefined;
  let column = spaces.length - `LINE ${lineText}: `.length;
  if (excerpt.startsWith("...")) {
    const shown = excerpt.slice(3).replace(/\.\.\.$/, "");
    const start = line.indexOf(shown);
    if (start < 0) return undefined;
    column = start + column - 3;
  }
  if (column < 0 || column > line.length) return undefined;
  let lineStart = 0;
  for (const previous of lines.slice(0, lineNumber - 1)) lineStart += previous.length + 1;
  return lineStart + column;
}

/**
 * The 1-based position in the model's SQL (as the user typed it, leading whitespace included)
 * for an error in `executed`, the statement that wrapped the model with `duckdbDialect.relation`.
 * Undefined when the error is outside the model (e.g. in Sluice's ORDER BY).
 */
export function modelErrorPosition(message: string, executed: string, body: string, original: string): number | undefined {
  const offset = errorOffset(message, executed);
  if (offset === undefined) return undefined;
  const marker = `(\n${body}\n)`;
  const bodyStart = executed.indexOf(marker);
  if (bodyStart < 0) return undefined;
  const inBody = offset - (bodyStart + 2);
  if (inBody < 0 || inBody > body.length) return undefined;
  const leading = original.length - original.trimStart().length;
  return leading + inBody + 1;
}
