/**
 * The audience definition: versioned, zod-validated JSON that the builder UI is a view of.
 *
 * An audience is a set of rows of a parent model (e.g. customers) chosen by a tree of AND/OR
 * groups of conditions. Every node has a stable string `id` (made by the UI) so it can be moved,
 * duplicated and pointed at by a problem. The schema checks the *shape* only: a draft with a
 * missing value or a column that no longer exists still parses, and `audienceProblems`
 * (validate.ts) says in words what to fix. `compileAudience` refuses a definition with problems.
 *
 * Contract of the shape (version 1):
 * - `root` is a group; an empty root means every row of the parent model.
 * - Values are JSON: text as strings, numbers as numbers (or exact decimal strings), dates as
 *   `YYYY-MM-DD`, date-times as `YYYY-MM-DDTHH:MM[:SS]` (no zone: the warehouse session's),
 *   relative times as `{ amount, unit }`, ranges as `{ from, to }` (both ends included).
 * - `path` on a property condition reads a key inside a JSON column (`properties.campaign` is
 *   `{ column: "properties", path: ["campaign"] }`); the value is compared as text.
 */
import { z } from "zod";
import { COMPARISON_OPERATORS, PROPERTY_OPERATORS } from "./operators";

export type { ComparisonOperator, PropertyOperator } from "./operators";

export const AUDIENCE_DEFINITION_VERSION = 1;

const ZNodeId = z.string().min(1).max(100);

export const TIME_UNITS = ["days", "weeks", "months"] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

// ---------------------------------------------------------------------------------------------
// Values

export const ZRelativeTime = z.object({ amount: z.number().nullable(), unit: z.enum(TIME_UNITS) });
export type RelativeTime = z.infer<typeof ZRelativeTime>;

const ZScalar = z.union([z.string(), z.number()]);
export const ZRange = z.object({ from: ZScalar.nullable(), to: ZScalar.nullable() });
export type Range = z.infer<typeof ZRange>;

export const ZPropertyValue = z.union([z.string(), z.number(), z.array(z.string()), ZRange, ZRelativeTime]);
export type PropertyValue = z.infer<typeof ZPropertyValue>;

/** When related rows count: any time, in the last N units (up to now), or between two days (inclusive). */
export const ZTimeWindow = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("any") }),
  z.object({ kind: z.literal("last"), amount: z.number().nullable(), unit: z.enum(TIME_UNITS) }),
  z.object({ kind: z.literal("between"), from: z.string().nullable(), to: z.string().nullable() }),
]);
export type TimeWindow = z.infer<typeof ZTimeWindow>;

// ---------------------------------------------------------------------------------------------
// Conditions

/** A column of a model (the parent, or a related model in `where`) compared with a value. */
export const ZPropertyCondition = z.object({
  id: ZNodeId,
  type: z.literal("property"),
  /** "" while the user has not chosen one. */
  column: z.string(),
  /** Keys inside a JSON column, outermost first. */
  path: z.array(z.string()).optional(),
  operator: z.enum(PROPERTY_OPERATORS),
  value: ZPropertyValue.optional(),
});
export type PropertyCondition = z.infer<typeof ZPropertyCondition>;

const ZWhere = z.array(ZPropertyCondition).default([]);

export const FREQUENCY_OPERATORS = ["at_least", "at_most", "exactly"] as const;
export const ZFrequency = z.object({ operator: z.enum(FREQUENCY_OPERATORS), count: z.number().nullable() });
export type Frequency = z.infer<typeof ZFrequency>;

/**
 * Performed / did not perform an event of a related event model. Without `frequency`: at least
 * once. "at most N" means 1 to N times (the event was performed); "did not perform" negates
 * the whole condition, so "did not perform … at least 3 times" is "fewer than 3 times".
 */
export const ZEventCondition = z.object({
  id: ZNodeId,
  type: z.literal("event"),
  relationId: z.string(),
  eventName: z.string(),
  operator: z.enum(["performed", "did_not_perform"]),
  frequency: ZFrequency.optional(),
  time: ZTimeWindow.default({ kind: "any" }),
  where: ZWhere,
});
export type EventCondition = z.infer<typeof ZEventCondition>;

export const ZEventStep = z.object({ eventName: z.string(), where: ZWhere });
export type EventStep = z.infer<typeof ZEventStep>;

/** "Performed A then B within N days": B strictly after A, at most `within` later; `time` limits A. */
export const ZSequenceCondition = z.object({
  id: ZNodeId,
  type: z.literal("sequence"),
  relationId: z.string(),
  operator: z.enum(["performed", "did_not_perform"]),
  first: ZEventStep,
  then: ZEventStep,
  within: ZRelativeTime,
  time: ZTimeWindow.default({ kind: "any" }),
});
export type SequenceCondition = z.infer<typeof ZSequenceCondition>;

export const AGGREGATIONS = ["count", "sum", "avg", "min", "max"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/**
 * count / sum / avg / min / max of a related model's rows (filtered by `where` and `time`)
 * compared with a number. count and sum of no rows are 0; avg, min and max of no rows match nothing.
 */
export const ZAggregateCondition = z.object({
  id: ZNodeId,
  type: z.literal("aggregate"),
  relationId: z.string(),
  aggregation: z.enum(AGGREGATIONS),
  /** The related model's column; unused by count. */
  column: z.string().nullable().default(null),
  operator: z.enum(COMPARISON_OPERATORS),
  value: z.union([ZScalar, ZRange]).optional(),
  time: ZTimeWindow.default({ kind: "any" }),
  /** The date column `time` applies to; defaults to the relation's timestamp column. */
  timeColumn: z.string().nullable().default(null),
  where: ZWhere,
});
export type AggregateCondition = z.infer<typeof ZAggregateCondition>;

/** In / not in another audience of the same parent model. */
export const ZMembershipCondition = z.object({
  id: ZNodeId,
  type: z.literal("audience"),
  operator: z.enum(["in", "not_in"]),
  audienceId: z.string(),
});
export type MembershipCondition = z.infer<typeof ZMembershipCondition>;

/** A WHERE fragment over the parent's columns (editors only; the caller checks it with the warehouse). */
export const ZSqlCondition = z.object({ id: ZNodeId, type: z.literal("sql"), sql: z.string() });
export type SqlCondition = z.infer<typeof ZSqlCondition>;

export type ConditionGroup = {
  id: string;
  type: "group";
  combinator: "and" | "or";
  conditions: AudienceNode[];
};
export type Condition =
  | PropertyCondition
  | EventCondition
  | SequenceCondition
  | AggregateCondition
  | MembershipCondition
  | SqlCondition;
export type AudienceNode = ConditionGroup | Condition;

export const ZConditionGroup: z.ZodType<ConditionGroup, unknown> = z.lazy(() =>
  z.object({
    id: ZNodeId,
    type: z.literal("group"),
    combinator: z.enum(["and", "or"]),
    conditions: z.array(ZAudienceNode),
  }),
);

const ZCondition = z.discriminatedUnion("type", [
  ZPropertyCondition,
  ZEventCondition,
  ZSequenceCondition,
  ZAggregateCondition,
  ZMembershipCondition,
  ZSqlCondition,
]);

export const ZAudienceNode: z.ZodType<AudienceNode, unknown> = z.lazy(() => z.union([ZCondition, ZConditionGroup]));

// ---------------------------------------------------------------------------------------------
// The definition

/** Keep the first `count` members ordered by `column` (ties broken by the primary key). */
export const ZAudienceLimit = z.object({
  column: z.string(),
  direction: z.enum(["asc", "desc"]),
  count: z.number().nullable(),
});
export type AudienceLimit = z.infer<typeof ZAudienceLimit>;

/**
 * Split the members into named groups by percentage (whole percents adding up to 100), stable
 * by a hash of `seed` and the primary key: the same member always lands in the same group.
 */
export const ZSplitGroup = z.object({
  id: ZNodeId,
  name: z.string(),
  percent: z.number().nullable(),
  holdout: z.boolean().default(false),
});
export const ZAudienceSplits = z.object({ seed: z.string().default(""), groups: z.array(ZSplitGroup) });
export type SplitGroup = z.infer<typeof ZSplitGroup>;
export type AudienceSplits = z.infer<typeof ZAudienceSplits>;

export const ZAudienceDefinition = z.object({
  version: z.literal(AUDIENCE_DEFINITION_VERSION),
  parentModelId: z.string().min(1),
  root: ZConditionGroup,
  /** Audiences whose members are left out. */
  exclusions: z.array(z.string()).default([]),
  limit: ZAudienceLimit.nullable().default(null),
  splits: ZAudienceSplits.nullable().default(null),
});
export type AudienceDefinition = z.infer<typeof ZAudienceDefinition>;

/** A new audience of everyone in `parentModelId`. */
export function emptyAudienceDefinition(parentModelId: string, rootId = "root"): AudienceDefinition {
  return {
    version: AUDIENCE_DEFINITION_VERSION,
    parentModelId,
    root: { id: rootId, type: "group", combinator: "and", conditions: [] },
    exclusions: [],
    limit: null,
    splits: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Walking

/** Every node of the tree (groups included), depth first, parents before children. */
export function* allNodes(node: AudienceNode): Generator<AudienceNode> {
  yield node;
  if (node.type === "group") for (const child of node.conditions) yield* allNodes(child);
}

/** Every id in the definition: nodes, filters inside event/aggregate conditions, split groups. */
export function* allIds(definition: AudienceDefinition): Generator<string> {
  for (const node of allNodes(definition.root)) {
    yield node.id;
    for (const filter of nodeFilters(node)) yield filter.id;
  }
  for (const group of definition.splits?.groups ?? []) yield group.id;
}

/** The property filters a condition carries on a related model. */
export function nodeFilters(node: AudienceNode): PropertyCondition[] {
  switch (node.type) {
    case "event":
    case "aggregate":
      return node.where;
    case "sequence":
      return [...node.first.where, ...node.then.where];
    default:
      return [];
  }
}

/** The audiences a definition uses (membership conditions, then exclusions), each once. */
export function referencedAudienceIds(definition: AudienceDefinition): string[] {
  const ids: string[] = [];
  for (const node of allNodes(definition.root)) if (node.type === "audience" && node.audienceId !== "") ids.push(node.audienceId);
  ids.push(...definition.exclusions);
  return [...new Set(ids)];
}
