/**
 * A property condition as a predicate on one row of a model (`alias`). The negative text and
 * number comparisons (is not, does not contain, is not one of, ≠) also match empty values: a
 * customer without a country is "not in the US". "is empty" on text also matches '' (and
 * "is set" needs more than ''); on other types it is NULL / NOT NULL.
 */
import type { AudienceModel } from "../context";
import type { PropertyCondition } from "../definition";
import { type PropertyOperator, valueKind } from "../operators";
import { decimal, isRange, isRelative, span } from "../values";
import { accepted, columnRef, type Compiler, knownColumn } from "./compiler";
import { afterPredicate, beforePredicate, betweenPredicate, onPredicate, relativePredicate, temporalKind } from "./temporal";

export function propertyPredicate(compiler: Compiler, alias: string, model: AudienceModel, condition: PropertyCondition): string {
  const column = knownColumn(model, condition.column);
  const ref = columnRef(compiler, alias, column.name);
  const path = condition.path ?? [];
  if (path.length > 0) return textPredicate(compiler, compiler.sql.jsonText(ref, path), false, condition);
  const { operator } = condition;
  if (operator === "is_empty" && valueKind(column.type) !== "text") return `${ref} IS NULL`;
  if (operator === "is_set" && valueKind(column.type) !== "text") return `${ref} IS NOT NULL`;
  switch (valueKind(column.type)) {
    case "text":
      return textPredicate(compiler, ref, true, condition);
    case "number":
      return numberPredicate(ref, condition);
    case "date":
      return datePredicate(compiler, ref, temporalKind(column.type), condition);
    case "boolean":
      return `${ref} = ${operator === "is_true" ? "TRUE" : "FALSE"}`;
    case "none":
      throw new Error(`Operator ${operator} on ${column.type}: validate before compiling.`);
  }
}

/** `cast`: the expression may be an enum, uuid or bytes column, so text functions get it as text. */
function textPredicate(compiler: Compiler, expr: string, cast: boolean, condition: PropertyCondition): string {
  const { sql } = compiler;
  const asText = cast ? sql.text(expr) : expr;
  const value = condition.value;
  const literal = () => sql.string(accepted(typeof value === "string" ? value : null));
  const list = () => accepted(Array.isArray(value) ? value : null).map((item) => sql.string(item)).join(", ");
  switch (condition.operator) {
    case "is":
      return `${expr} = ${literal()}`;
    case "is_not":
      return `(${expr} IS NULL OR ${expr} <> ${literal()})`;
    case "contains":
      return sql.contains(asText, literal());
    case "does_not_contain":
      return `(${expr} IS NULL OR NOT ${sql.contains(asText, literal())})`;
    case "starts_with":
      return sql.startsWith(asText, literal());
    case "ends_with":
      return sql.endsWith(asText, literal());
    case "is_one_of":
      return `${expr} IN (${list()})`;
    case "is_not_one_of":
      return `(${expr} IS NULL OR ${expr} NOT IN (${list()}))`;
    case "is_empty":
      return `(${expr} IS NULL OR ${asText} = '')`;
    case "is_set":
      return `(${expr} IS NOT NULL AND ${asText} <> '')`;
    default:
      throw new Error(`Operator ${condition.operator} on text: validate before compiling.`);
  }
}

const NUMBER_SIGNS: Partial<Record<PropertyOperator, string>> = {
  equals: "=",
  not_equals: "<>",
  less_than: "<",
  at_most: "<=",
  greater_than: ">",
  at_least: ">=",
};

/** `expr <op> value` for a number comparison (shared with related aggregates). */
export function numberComparison(expr: string, operator: PropertyOperator, value: unknown): string {
  if (operator === "between") {
    const range = accepted(isRange(value) ? value : null);
    return `${expr} BETWEEN ${accepted(decimal(range.from))} AND ${accepted(decimal(range.to))}`;
  }
  const number = accepted(decimal(value));
  const sign = NUMBER_SIGNS[operator];
  if (sign === undefined) throw new Error(`Operator ${operator} on numbers: validate before compiling.`);
  return `${expr} ${sign} ${number}`;
}

function numberPredicate(ref: string, condition: PropertyCondition): string {
  if (condition.operator === "not_equals") return `(${ref} IS NULL OR ${numberComparison(ref, "not_equals", condition.value)})`;
  return numberComparison(ref, condition.operator, condition.value);
}

function datePredicate(compiler: Compiler, ref: string, kind: "date" | "timestamp", condition: PropertyCondition): string {
  const { operator, value } = condition;
  switch (operator) {
    case "before":
      return beforePredicate(compiler, ref, kind, value);
    case "after":
      return afterPredicate(compiler, ref, kind, value);
    case "on":
      return onPredicate(compiler, ref, kind, value);
    case "between": {
      const range = accepted(isRange(value) ? value : null);
      return betweenPredicate(compiler, ref, kind, range.from, range.to);
    }
    case "within_last":
    case "within_next":
    case "more_than_ago":
      return relativePredicate(compiler, ref, kind, operator, accepted(span(accepted(isRelative(value) ? value : null))));
    default:
      throw new Error(`Operator ${operator} on dates: validate before compiling.`);
  }
}
