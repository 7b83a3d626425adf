/**
 * Comparisons of a date or timestamp expression with days, date-times, relative times and time
 * windows. A day on a timestamp covers the whole day: `on D` is `>= D 00:00 AND < D+1 00:00`,
 * `after D` starts at D+1, a range's last day is included. Relative times run up to (or from)
 * the warehouse's current date (date columns) or timestamp (timestamp columns).
 */
import type { ColumnType } from "@/server/sources/types";
import type { TimeWindow } from "../definition";
import { day, moment, nextDay, span, type Moment, type Span } from "../values";
import { accepted, type Compiler } from "./compiler";
import type { TemporalKind } from "./sql-dialect";

export function temporalKind(type: ColumnType): TemporalKind {
  return type === "date" ? "date" : "timestamp";
}

function startOf(compiler: Compiler, kind: TemporalKind, value: string): string {
  return kind === "date" ? compiler.sql.date(value) : compiler.sql.timestamp(`${value} 00:00:00`);
}

/** `expr >= <start of the moment>`. */
function lowerBound(compiler: Compiler, expr: string, kind: TemporalKind, value: Moment): string {
  return value.kind === "day" ? `${expr} >= ${startOf(compiler, kind, value.day)}` : `${expr} >= ${compiler.sql.timestamp(value.time)}`;
}

/** The moment's end included: `<= D` on dates, `< D+1 00:00` on timestamps, `<= T` for a date-time. */
function upperBound(compiler: Compiler, expr: string, kind: TemporalKind, value: Moment): string {
  if (value.kind === "time") return `${expr} <= ${compiler.sql.timestamp(value.time)}`;
  return kind === "date" ? `${expr} <= ${compiler.sql.date(value.day)}` : `${expr} < ${startOf(compiler, kind, nextDay(value.day))}`;
}

export function beforePredicate(compiler: Compiler, expr: string, kind: TemporalKind, value: unknown): string {
  const at = accepted(moment(value));
  return at.kind === "day" ? `${expr} < ${startOf(compiler, kind, at.day)}` : `${expr} < ${compiler.sql.timestamp(at.time)}`;
}

export function afterPredicate(compiler: Compiler, expr: string, kind: TemporalKind, value: unknown): string {
  const at = accepted(moment(value));
  if (at.kind === "time") return `${expr} > ${compiler.sql.timestamp(at.time)}`;
  return kind === "date" ? `${expr} > ${compiler.sql.date(at.day)}` : `${expr} >= ${startOf(compiler, kind, nextDay(at.day))}`;
}

export function onPredicate(compiler: Compiler, expr: string, kind: TemporalKind, value: unknown): string {
  const on = accepted(day(value));
  if (kind === "date") return `${expr} = ${compiler.sql.date(on)}`;
  return `(${lowerBound(compiler, expr, kind, { kind: "day", day: on })} AND ${upperBound(compiler, expr, kind, { kind: "day", day: on })})`;
}

export function betweenPredicate(compiler: Compiler, expr: string, kind: TemporalKind, from: unknown, to: unknown): string {
  const start = lowerBound(compiler, expr, kind, accepted(moment(from)));
  return `(${start} AND ${upperBound(compiler, expr, kind, accepted(moment(to)))})`;
}

export type RelativeOperator = "within_last" | "within_next" | "more_than_ago";

export function relativePredicate(
  compiler: Compiler,
  expr: string,
  kind: TemporalKind,
  operator: RelativeOperator,
  by: Span,
): string {
  const now = compiler.sql.current(kind);
  const shifted = (amount: number) => compiler.sql.shift(now, amount, by.unit, kind);
  switch (operator) {
    case "within_last":
      return `(${expr} >= ${shifted(-by.amount)} AND ${expr} <= ${now})`;
    case "within_next":
      return `(${expr} >= ${now} AND ${expr} <= ${shifted(by.amount)})`;
    case "more_than_ago":
      return `${expr} < ${shifted(-by.amount)}`;
  }
}

/** The window as a predicate on `expr`, or null for any time. */
export function windowPredicate(compiler: Compiler, expr: string, kind: TemporalKind, window: TimeWindow): string | null {
  switch (window.kind) {
    case "any":
      return null;
    case "last":
      return relativePredicate(compiler, expr, kind, "within_last", accepted(span(window)));
    case "between":
      return betweenPredicate(compiler, expr, kind, window.from, window.to);
  }
}
