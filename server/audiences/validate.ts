/**
 * `audienceProblems`: everything that keeps a definition from compiling, each pinned to the
 * condition (or part of the audience) the UI should show it on, in words a marketer
 * understands. An empty list means `compileAudience` will produce SQL. Pure: it reads only the
 * definition and the context (used audiences through `context.audience`).
 */
import { contextFor, findColumn, findRelation, type AudienceContext, type AudienceModel, type AudienceRelation } from "./context";
import {
  allIds,
  allNodes,
  type AggregateCondition,
  type AudienceDefinition,
  type AudienceNode,
  type EventStep,
  type PropertyCondition,
  referencedAudienceIds,
} from "./definition";
import { numberRangeProblem, propertyProblem, textProblem, windowProblem } from "./validate-values";
import { decimal, isWritableText, span, wholeNumber } from "./values";

export type AudienceProblem = {
  /** The condition (or filter inside one) to show the problem on; null for the other parts. */
  conditionId: string | null;
  part: "condition" | "audience" | "limit" | "exclusions" | "splits";
  message: string;
};

/** How long a chain of audiences using audiences may be. */
const MAX_AUDIENCE_DEPTH = 20;

export function audienceProblems(definition: AudienceDefinition, context: AudienceContext): AudienceProblem[] {
  return [...ownProblems(definition, context), ...referenceProblems(definition, context)];
}

/** Problems of the definition itself, not looking into the audiences it uses. */
function ownProblems(definition: AudienceDefinition, context: AudienceContext): AudienceProblem[] {
  const problems: AudienceProblem[] = [];
  const seen = new Set<string>();
  for (const id of allIds(definition)) {
    if (seen.has(id)) problems.push({ conditionId: id, part: "audience", message: `Two parts of this audience have the same id “${id}”` });
    seen.add(id);
  }
  if (definition.parentModelId !== context.parent.id) {
    problems.push({ conditionId: null, part: "audience", message: `This audience is not built on ${context.parent.name}` });
  }
  const { parent } = context;
  if (findColumn(parent, parent.primaryKey) === undefined) {
    const message = `The key column “${parent.primaryKey}” of ${parent.name} no longer exists; choose another one for the model`;
    problems.push({ conditionId: null, part: "audience", message });
  }
  for (const node of allNodes(definition.root)) {
    if (node.type === "group" && node !== definition.root && node.conditions.length === 0) {
      problems.push({ conditionId: node.id, part: "condition", message: "Add a condition to this group or remove it" });
    }
    problems.push(...conditionProblems(node, context));
  }
  const limit = limitProblem(definition, context.parent);
  if (limit !== null) problems.push({ conditionId: null, part: "limit", message: limit });
  const splits = splitsProblem(definition);
  if (splits !== null) problems.push({ conditionId: null, part: "splits", message: splits });
  return problems;
}

function conditionProblems(node: AudienceNode, context: AudienceContext): AudienceProblem[] {
  const on = (message: string | null, conditionId = node.id): AudienceProblem[] =>
    message === null ? [] : [{ conditionId, part: "condition", message }];
  switch (node.type) {
    case "group":
      return [];
    case "property":
      return on(propertyProblem(context.parent, node));
    case "audience":
      return on(node.audienceId === "" ? "Choose an audience" : null);
    case "sql":
      return on(sqlProblem(node.sql));
    case "event": {
      const relation = eventRelation(context, node.relationId);
      if (typeof relation === "string") return on(relation);
      const frequency = node.frequency === undefined || wholeNumber(node.frequency.count, 1) !== null;
      return [
        ...on(textProblem(node.eventName, "Choose an event") ?? (frequency ? null : "Enter how many times (1 or more)")),
        ...on(windowProblem(node.time)),
        ...filterProblems(relation.model, node.where),
      ];
    }
    case "sequence": {
      const relation = eventRelation(context, node.relationId);
      if (typeof relation === "string") return on(relation);
      return [
        ...stepProblems(relation.model, node.first, node.id, "Choose the first event"),
        ...stepProblems(relation.model, node.then, node.id, "Choose the event that follows"),
        ...on(span(node.within) === null ? "Enter within how many days, weeks or months (1 or more)" : null),
        ...on(windowProblem(node.time)),
      ];
    }
    case "aggregate": {
      const relation = linkedRelation(context, node.relationId);
      if (typeof relation === "string") return on(relation);
      return [...on(aggregateProblem(node, relation)), ...filterProblems(relation.model, node.where)];
    }
  }
}

function sqlProblem(sql: string): string | null {
  if (sql.trim() === "") return "Write a SQL condition";
  if (sql.includes(";")) return "A SQL condition can't contain “;”";
  return isWritableText(sql) ? null : "The SQL contains a character that can't be used";
}

function filterProblems(model: AudienceModel, filters: readonly PropertyCondition[]): AudienceProblem[] {
  return filters.flatMap((filter) => {
    const message = propertyProblem(model, filter);
    return message === null ? [] : [{ conditionId: filter.id, part: "condition" as const, message }];
  });
}

function stepProblems(model: AudienceModel, step: EventStep, id: string, missing: string): AudienceProblem[] {
  const message = textProblem(step.eventName, missing);
  return [...(message === null ? [] : [{ conditionId: id, part: "condition" as const, message }]), ...filterProblems(model, step.where)];
}

/** The relation, or what is wrong with it (its join columns must still exist). */
function linkedRelation(context: AudienceContext, relationId: string): AudienceRelation | string {
  if (relationId === "") return "Choose a related model";
  const relation = findRelation(context, relationId);
  if (relation === undefined) return `This related model is no longer linked to ${context.parent.name}`;
  const link = `The link between ${context.parent.name} and ${relation.model.name}`;
  if (findColumn(context.parent, relation.parentColumn) === undefined) {
    return `${link} uses the column “${relation.parentColumn}”, which no longer exists in ${context.parent.name}`;
  }
  if (findColumn(relation.model, relation.childColumn) === undefined) {
    return `${link} uses the column “${relation.childColumn}”, which no longer exists in ${relation.model.name}`;
  }
  return relation;
}

/** A linked relation that also names its event and time columns. */
function eventRelation(context: AudienceContext, relationId: string): AudienceRelation | string {
  const relation = linkedRelation(context, relationId);
  if (typeof relation === "string") return relation;
  const { model, eventNameColumn, timestampColumn } = relation;
  if (!eventNameColumn || !timestampColumn) return `${model.name} is not set up as events: choose its event name and time columns`;
  return columnProblem(model, eventNameColumn, ["string"]) ?? columnProblem(model, timestampColumn, ["date", "timestamp"]) ?? relation;
}

function columnProblem(model: AudienceModel, name: string, types: readonly string[]): string | null {
  const column = findColumn(model, name);
  if (column === undefined) return `The column “${name}” no longer exists in ${model.name}`;
  return types.includes(column.type) ? null : `The column “${name}” of ${model.name} doesn't hold ${describe(types)}`;
}

function describe(types: readonly string[]): string {
  if (types.includes("date")) return "dates";
  if (types.includes("number")) return "numbers";
  return "text";
}

const AGGREGATION_VERBS = { count: "count", sum: "add up", avg: "average", min: "take the smallest of", max: "take the largest of" };

function aggregateProblem(node: AggregateCondition, relation: AudienceRelation): string | null {
  if (node.aggregation !== "count") {
    if (node.column === null || node.column === "") return `Choose a column to ${AGGREGATION_VERBS[node.aggregation]}`;
    const problem = columnProblem(relation.model, node.column, ["integer", "number"]);
    if (problem !== null) return problem;
  }
  const value = node.operator === "between" ? numberRangeProblem(node.value) : decimal(node.value) === null ? "Enter a number" : null;
  if (value !== null) return value;
  const window = windowProblem(node.time);
  if (window !== null || node.time.kind === "any") return window;
  const timeColumn = node.timeColumn ?? relation.timestampColumn ?? "";
  if (timeColumn === "") return "Choose the date column the time period applies to";
  return columnProblem(relation.model, timeColumn, ["date", "timestamp"]);
}

function limitProblem(definition: AudienceDefinition, parent: AudienceModel): string | null {
  const { limit } = definition;
  if (limit === null) return null;
  if (limit.column === "") return "Choose a column to order members by";
  const column = findColumn(parent, limit.column);
  if (column === undefined) return `The column “${limit.column}” no longer exists in ${parent.name}`;
  if (column.type === "json" || column.type === "unknown") return `Members can't be ordered by “${column.name}”`;
  return wholeNumber(limit.count, 1) === null ? "Enter how many members to keep (1 or more)" : null;
}

function splitsProblem(definition: AudienceDefinition): string | null {
  const { splits } = definition;
  if (splits === null) return null;
  if (splits.groups.length < 2) return "Split into at least two groups";
  if (!isWritableText(splits.seed)) return "The split seed contains a character that can't be used";
  const names = new Set<string>();
  let total = 0;
  for (const group of splits.groups) {
    const name = group.name.trim();
    if (name === "") return "Name each group";
    if (names.has(name)) return `Two groups are called “${name}”`;
    names.add(name);
    const percent = wholeNumber(group.percent, 1);
    if (percent === null || percent > 100) return `Enter a whole percentage from 1 to 100 for “${name}”`;
    total += percent;
  }
  return total === 100 ? null : `The groups add up to ${total}%; they must add up to 100%`;
}

// ---------------------------------------------------------------------------------------------
// Used audiences: they exist, share the parent model, have no problems, and no cycle.

type Link = { id: string | null; name: string };

function referenceProblems(definition: AudienceDefinition, context: AudienceContext): AudienceProblem[] {
  const self: Link = { id: context.self?.id ?? null, name: context.self?.name ?? "This audience" };
  const problems: AudienceProblem[] = [];
  for (const node of allNodes(definition.root)) {
    if (node.type !== "audience" || node.audienceId === "") continue;
    const message = referenceProblem(context, node.audienceId, [self], "The audience you chose no longer exists");
    if (message !== null) problems.push({ conditionId: node.id, part: "condition", message });
  }
  for (const id of definition.exclusions) {
    const message = referenceProblem(context, id, [self], "An audience to leave out no longer exists");
    if (message !== null) problems.push({ conditionId: null, part: "exclusions", message });
  }
  return problems;
}

function referenceProblem(context: AudienceContext, id: string, trail: readonly Link[], missing: string): string | null {
  const other = context.audience(id);
  if (other === undefined) return missing;
  const start = trail.findIndex((link) => link.id === id);
  if (start >= 0) return cycleMessage([...trail.slice(start).map((link) => link.name), other.name]);
  if (trail.length > MAX_AUDIENCE_DEPTH) return `“${other.name}” is at the end of too long a chain of audiences`;
  if (other.definition.parentModelId !== context.parent.id) {
    return `“${other.name}” is an audience of another model; only audiences of ${context.parent.name} can be used here`;
  }
  const next = [...trail, { id: other.id, name: other.name }];
  for (const usedId of referencedAudienceIds(other.definition)) {
    const problem = referenceProblem(context, usedId, next, `“${other.name}” uses an audience that no longer exists`);
    if (problem !== null) return problem;
  }
  const [own] = ownProblems(other.definition, contextFor(context, other));
  return own === undefined ? null : `“${other.name}” has a problem to fix first: ${own.message}`;
}

function cycleMessage(names: readonly string[]): string {
  const [first = "", ...rest] = names.map((name) => `“${name}”`);
  const chain = rest.map((name, index) => (index === 0 ? ` uses ${name}` : `, which uses ${name}`)).join("");
  return `${first}${chain}: an audience cannot include itself`;
}
