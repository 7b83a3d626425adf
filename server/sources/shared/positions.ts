/** Error positions: a place the warehouse names in the wrapped statement, as a place in the user's SQL. Pure. */
import { SourceQueryError, type ModelQuery } from "../types";

/**
 * Maps a position the warehouse reports in the wrapped statement (1-based `line`, 0-based
 * `column`) to the 1-based character position in the model's SQL as the user typed it. The
 * model's SQL starts at the beginning of line `firstLine` of the statement (dialects put it on a
 * line of its own); its leading whitespace was trimmed. Undefined when the position is outside it.
 */
export function userSqlPosition(userSql: string, line: number, column: number, firstLine = 2): number | undefined {
  const leading = userSql.length - userSql.trimStart().length;
  const body = userSql.trimStart();
  const lines = body.split("\n");
  const index = line - firstLine;
  const target = lines[index];
  if (index < 0 || target === undefined || column < 0 || column > target.length) return undefined;
  let offset = 0;
  for (let i = 0; i < index; i++) offset += (lines[i] ?? "").length + 1;
  return leading + offset + column + 1;
}

/** Where a warehouse message names a place in the wrapped statement. */
export type MessagePosition = {
  pattern: RegExp;
  /** The 1-based line and 0-based column of a match, in the wrapped statement. */
  at: (match: RegExpExecArray) => { line: number; column: number };
  /** The matched text naming `userLine`, the line in the user's SQL, instead. */
  relabel: (match: RegExpExecArray, userLine: number) => string;
};

/**
 * The SourceQueryError for a warehouse `message`: when `place` finds a position inside the
 * model's SQL, with that position in the user's SQL and the message naming the user's line;
 * otherwise the message as it is, without a position.
 */
export function queryErrorAt(message: string, query: ModelQuery, place: MessagePosition): SourceQueryError {
  const match = place.pattern.exec(message);
  if (!match || query.kind !== "sql") return new SourceQueryError(message);
  const { line, column } = place.at(match);
  const position = userSqlPosition(query.sql, line, column);
  if (position === undefined) return new SourceQueryError(message);
  const userLine = query.sql.slice(0, position - 1).split("\n").length;
  const end = match.index + match[0].length;
  return new SourceQueryError(`${message.slice(0, match.index)}${place.relabel(match, userLine)}${message.slice(end)}`, position);
}
