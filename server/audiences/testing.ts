/**
 * Fixtures for the audience tests (not used by the app): the demo warehouse's customers, orders
 * and events as an AudienceContext, and small builders for definitions.
 */
import fc from "fast-check";
import type { AudienceContext, AudienceModel, AudienceRelation, ReferencedAudience } from "./context";
import type { AudienceDefinition, AudienceNode, ConditionGroup, PropertyCondition } from "./definition";

export const customers: AudienceModel = {
  id: "model-customers",
  name: "Customers",
  query: { kind: "table", schema: "main", table: "customers" },
  primaryKey: "customer_id",
  columns: [
    { name: "customer_id", type: "integer" },
    { name: "email", type: "string" },
    { name: "first_name", type: "string" },
    { name: "last_name", type: "string" },
    { name: "phone", type: "string" },
    { name: "country", type: "string" },
    { name: "city", type: "string" },
    { name: "plan", type: "string" },
    { name: "account_id", type: "integer" },
    { name: "signup_at", type: "timestamp" },
    { name: "lifetime_value", type: "number" },
    { name: "churn_score", type: "number" },
    { name: "email_opt_in", type: "boolean" },
    { name: "sms_opt_in", type: "boolean" },
    { name: "ads_consent", type: "boolean" },
    { name: "last_seen_at", type: "timestamp" },
  ],
};

export const orders: AudienceModel = {
  id: "model-orders",
  name: "Orders",
  query: { kind: "table", schema: "main", table: "orders" },
  primaryKey: "order_id",
  columns: [
    { name: "order_id", type: "integer" },
    { name: "customer_id", type: "integer" },
    { name: "ordered_at", type: "timestamp" },
    { name: "status", type: "string" },
    { name: "total", type: "number" },
    { name: "currency", type: "string" },
    { name: "item_count", type: "integer" },
    { name: "channel", type: "string" },
  ],
};

export const events: AudienceModel = {
  id: "model-events",
  name: "Events",
  query: { kind: "table", schema: "main", table: "events" },
  primaryKey: "event_id",
  columns: [
    { name: "event_id", type: "integer" },
    { name: "customer_id", type: "integer" },
    { name: "event_type", type: "string" },
    { name: "occurred_at", type: "timestamp" },
    { name: "properties", type: "json" },
  ],
};

export const ordersRelation: AudienceRelation = {
  id: "rel-orders",
  model: orders,
  parentColumn: "customer_id",
  childColumn: "customer_id",
  timestampColumn: "ordered_at",
};

export const eventsRelation: AudienceRelation = {
  id: "rel-events",
  model: events,
  parentColumn: "customer_id",
  childColumn: "customer_id",
  eventNameColumn: "event_type",
  timestampColumn: "occurred_at",
};

/** The models in `schema` (null: unqualified), e.g. for a scratch database. */
export function inSchema(schema: string | null): { customers: AudienceModel; orders: AudienceModel; events: AudienceModel } {
  const move = (model: AudienceModel): AudienceModel =>
    model.query.kind === "table" ? { ...model, query: { ...model.query, schema } } : model;
  return { customers: move(customers), orders: move(orders), events: move(events) };
}

export function demoContext(
  options: { audiences?: readonly ReferencedAudience[]; self?: { id: string; name: string }; schema?: string | null } = {},
): AudienceContext {
  const models = options.schema === undefined ? { customers, orders, events } : inSchema(options.schema);
  return {
    parent: models.customers,
    related: [
      { ...ordersRelation, model: models.orders },
      { ...eventsRelation, model: models.events },
    ],
    self: options.self ?? null,
    audience: (id) => options.audiences?.find((audience) => audience.id === id),
  };
}

let counter = 0;
function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

export function and(...conditions: AudienceNode[]): ConditionGroup {
  return { id: nextId("group"), type: "group", combinator: "and", conditions };
}

export function or(...conditions: AudienceNode[]): ConditionGroup {
  return { id: nextId("group"), type: "group", combinator: "or", conditions };
}

export function property(
  column: string,
  operator: PropertyCondition["operator"],
  value?: PropertyCondition["value"],
  path?: string[],
): PropertyCondition {
  return { id: nextId("property"), type: "property", column, operator, value, ...(path ? { path } : {}) };
}

/** A definition on customers with `root` (an AND of `conditions` when given a list). */
export function audience(root: ConditionGroup | AudienceNode[], extra: Partial<AudienceDefinition> = {}): AudienceDefinition {
  return {
    version: 1,
    parentModelId: customers.id,
    root: Array.isArray(root) ? { id: "root", type: "group", combinator: "and", conditions: root } : root,
    exclusions: [],
    limit: null,
    splits: null,
    ...extra,
  };
}

/**
 * Text a user might type, weighted towards what breaks SQL literals: quotes, backslashes, comment
 * and statement markers, control characters, emoji, any Unicode character. Never NUL or a lone
 * surrogate (the validator refuses those).
 */
export const hostileText: fc.Arbitrary<string> = fc.string({
  unit: fc.oneof(
    fc.constantFrom("'", "''", '"', "\\", "\\'", "`", "\n", "\r", "\t", ";", "--", "/*", "*/", "$$", "%", "_", "?", "${", "é", "😀", "\u2028"),
    fc.integer({ min: 1, max: 31 }).map((code) => String.fromCharCode(code)),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
  ),
});
