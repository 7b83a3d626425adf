/**
 * The comparisons a property condition offers, by the portable type of its column, with the
 * words the UI shows for each. Exported for the UI; the validator refuses any other pairing.
 */
import type { ColumnType } from "@/server/sources/types";

export const TEXT_OPERATORS = [
  "is",
  "is_not",
  "contains",
  "does_not_contain",
  "starts_with",
  "ends_with",
  "is_one_of",
  "is_not_one_of",
  "is_empty",
  "is_set",
] as const;
export const NUMBER_OPERATORS = [
  "equals",
  "not_equals",
  "less_than",
  "at_most",
  "greater_than",
  "at_least",
  "between",
  "is_empty",
  "is_set",
] as const;
export const DATE_OPERATORS = [
  "before",
  "after",
  "on",
  "between",
  "within_last",
  "within_next",
  "more_than_ago",
  "is_empty",
  "is_set",
] as const;
export const BOOLEAN_OPERATORS = ["is_true", "is_false", "is_empty", "is_set"] as const;
export const PRESENCE_OPERATORS = ["is_empty", "is_set"] as const;

export const PROPERTY_OPERATORS = [
  ...new Set([...TEXT_OPERATORS, ...NUMBER_OPERATORS, ...DATE_OPERATORS, ...BOOLEAN_OPERATORS]),
] as [PropertyOperator, ...PropertyOperator[]];
export type PropertyOperator =
  | (typeof TEXT_OPERATORS)[number]
  | (typeof NUMBER_OPERATORS)[number]
  | (typeof DATE_OPERATORS)[number]
  | (typeof BOOLEAN_OPERATORS)[number];

/** Comparisons of a number with a number (related aggregates). */
export const COMPARISON_OPERATORS = ["equals", "not_equals", "less_than", "at_most", "greater_than", "at_least", "between"] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** What the UI shows for each operator. */
export const OPERATOR_LABELS: Record<PropertyOperator, string> = {
  is: "is",
  is_not: "is not",
  contains: "contains",
  does_not_contain: "does not contain",
  starts_with: "starts with",
  ends_with: "ends with",
  is_one_of: "is one of",
  is_not_one_of: "is not one of",
  is_empty: "is empty",
  is_set: "is set",
  equals: "=",
  not_equals: "≠",
  less_than: "<",
  at_most: "≤",
  greater_than: ">",
  at_least: "≥",
  between: "is between",
  before: "is before",
  after: "is after",
  on: "is on",
  within_last: "is within the last",
  within_next: "is within the next",
  more_than_ago: "is more than … ago",
  is_true: "is true",
  is_false: "is false",
};

/** The kind of value an operator compares with, by the portable type of the column. */
export type ValueKind = "text" | "number" | "date" | "boolean" | "none";

export function valueKind(type: ColumnType): ValueKind {
  switch (type) {
    case "string":
      return "text";
    case "integer":
    case "number":
      return "number";
    case "date":
    case "timestamp":
      return "date";
    case "boolean":
      return "boolean";
    default:
      return "none";
  }
}

/** The operators a column offers; a key inside a JSON column (`path`) is compared as text. */
export function operatorsFor(type: ColumnType, hasPath = false): readonly PropertyOperator[] {
  if (hasPath) return TEXT_OPERATORS;
  switch (valueKind(type)) {
    case "text":
      return TEXT_OPERATORS;
    case "number":
      return NUMBER_OPERATORS;
    case "date":
      return DATE_OPERATORS;
    case "boolean":
      return BOOLEAN_OPERATORS;
    case "none":
      return PRESENCE_OPERATORS;
  }
}
