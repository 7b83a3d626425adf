/**
 * Example definitions shared by the compiler's unit and integration tests (not used by the app).
 */
import type { AggregateCondition, AudienceDefinition, EventCondition } from "../definition";
import { audience, property } from "../testing";

export function completedOrdersInLast90Days(atLeast: number): AggregateCondition {
  return {
    id: "completed-orders",
    type: "aggregate",
    relationId: "rel-orders",
    aggregation: "count",
    column: null,
    operator: "at_least",
    value: atLeast,
    time: { kind: "last", amount: 90, unit: "days" },
    timeColumn: null,
    where: [{ id: "completed", type: "property", column: "status", operator: "is", value: "completed" }],
  };
}

export function openedEmailInLast30Days(operator: EventCondition["operator"]): EventCondition {
  return {
    id: "email-opened",
    type: "event",
    relationId: "rel-events",
    eventName: "email_opened",
    operator,
    time: { kind: "last", amount: 30, unit: "days" },
    where: [],
  };
}

/**
 * The issue's example: customers in the US or Canada with lifetime value over 500 who completed
 * at least 2 orders in the last 90 days and did not open an email in the last 30 days.
 */
export const issueExample: AudienceDefinition = audience([
  { ...property("country", "is_one_of", ["US", "CA"]), id: "country" },
  { ...property("lifetime_value", "greater_than", 500), id: "ltv" },
  completedOrdersInLast90Days(2),
  openedEmailInLast30Days("did_not_perform"),
]);
