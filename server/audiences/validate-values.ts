/**
 * Problems of one property condition or time window, in words a marketer understands. Pure.
 * Shared by the parent's conditions and the filters on related models.
 */
import { findColumn, type AudienceModel } from "./context";
import type { PropertyCondition, TimeWindow } from "./definition";
import { OPERATOR_LABELS, operatorsFor, type PropertyOperator, valueKind } from "./operators";
import { day, decimal, isRange, isRelative, isWritableText, moment, span, type Moment } from "./values";

/** A key inside a JSON column: the same rules for every warehouse's JSON path syntax. */
export const JSON_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

const BAD_CHARACTER = "The value contains a character that can't be used";
const RELATIVE = "Enter a whole number of days, weeks or months (1 or more)";

export function textProblem(value: unknown, missing = "Enter a value"): string | null {
  if (typeof value !== "string" || value === "") return missing;
  return isWritableText(value) ? null : BAD_CHARACTER;
}

export function propertyProblem(model: AudienceModel, condition: PropertyCondition): string | null {
  if (condition.column === "") return "Choose a column";
  const column = findColumn(model, condition.column);
  if (column === undefined) return `The column “${condition.column}” no longer exists in ${model.name}`;
  const path = condition.path ?? [];
  if (path.length > 0) {
    if (column.type !== "json") return `“${column.name}” has no properties to choose from`;
    if (path.length > 10 || !path.every((key) => JSON_KEY.test(key))) {
      return "A property name may only use letters, digits and _ (and not start with a digit)";
    }
  }
  if (!operatorsFor(column.type, path.length > 0).includes(condition.operator)) {
    return `“${OPERATOR_LABELS[condition.operator]}” doesn't work on “${column.name}”; choose another comparison`;
  }
  const kind = path.length > 0 ? "text" : valueKind(column.type);
  return valueProblem(kind, column.type === "date", condition.operator, condition.value);
}

function valueProblem(
  kind: ReturnType<typeof valueKind>,
  dateOnly: boolean,
  operator: PropertyOperator,
  value: PropertyCondition["value"],
): string | null {
  if (operator === "is_empty" || operator === "is_set" || operator === "is_true" || operator === "is_false") return null;
  if (kind === "text") {
    if (operator !== "is_one_of" && operator !== "is_not_one_of") return textProblem(value);
    if (!Array.isArray(value) || value.length === 0) return "Add at least one value";
    return value.every((item) => textProblem(item) === null) ? null : "Every value must be filled in";
  }
  if (kind === "number") {
    if (operator !== "between") return decimal(value) === null ? "Enter a number" : null;
    return numberRangeProblem(value);
  }
  if (kind === "date") return dateProblem(dateOnly, operator, value);
  return null;
}

export function numberRangeProblem(value: unknown): string | null {
  if (!isRange(value)) return "Enter both numbers";
  const from = decimal(value.from);
  const to = decimal(value.to);
  if (from === null || to === null) return "Enter both numbers";
  return Number(from) > Number(to) ? "The first number must not be larger than the second" : null;
}

function dateProblem(dateOnly: boolean, operator: PropertyOperator, value: unknown): string | null {
  if (operator === "within_last" || operator === "within_next" || operator === "more_than_ago") {
    return isRelative(value) && span(value) !== null ? null : RELATIVE;
  }
  if (operator === "on") return day(value) === null ? "Choose a day" : null;
  if (operator === "before" || operator === "after") return momentProblem(value, dateOnly, "Choose a date");
  if (!isRange(value)) return "Choose both dates";
  const problem = momentProblem(value.from, dateOnly, "Choose both dates") ?? momentProblem(value.to, dateOnly, "Choose both dates");
  if (problem !== null) return problem;
  const from = moment(value.from);
  const to = moment(value.to);
  return from !== null && to !== null && momentKey(from) > momentKey(to) ? "The start date must not be after the end date" : null;
}

function momentProblem(value: unknown, dateOnly: boolean, missing: string): string | null {
  const parsed = moment(value);
  if (parsed === null) return missing;
  return dateOnly && parsed.kind === "time" ? "Choose a date without a time" : null;
}

function momentKey(value: Moment): string {
  return value.kind === "day" ? `${value.day} 00:00:00` : value.time;
}

export function windowProblem(window: TimeWindow): string | null {
  if (window.kind === "any") return null;
  if (window.kind === "last") return span(window) === null ? RELATIVE : null;
  const from = day(window.from);
  const to = day(window.to);
  if (from === null || to === null) return "Choose the first and last day of the period";
  return from > to ? "The period must not start after it ends" : null;
}
