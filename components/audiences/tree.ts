/**
 * Pure edits of an audience's condition tree. Every edit returns a new tree (the builder's
 * state is immutable) and keeps every node's id, so problems stay pinned to their condition.
 */
import type { AudienceNode, ConditionGroup, Condition } from "@/server/audiences/definition";

/** A fresh node id: unique within a definition, which is all the schema asks. */
export function newId(prefix = "c"): string {
  return `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
}

export type ConditionKind = Condition["type"];

/** A new, still incomplete condition of a kind (the validator says what is missing). */
export function newCondition(kind: ConditionKind): Condition {
  const id = newId();
  switch (kind) {
    case "property":
      return { id, type: "property", column: "", operator: "is", value: "" };
    case "event":
      return { id, type: "event", relationId: "", eventName: "", operator: "performed", time: { kind: "any" }, where: [] };
    case "aggregate":
      return {
        id,
        type: "aggregate",
        relationId: "",
        aggregation: "count",
        column: null,
        operator: "at_least",
        value: 1,
        time: { kind: "any" },
        timeColumn: null,
        where: [],
      };
    case "audience":
      return { id, type: "audience", operator: "in", audienceId: "" };
    case "sql":
      return { id, type: "sql", sql: "" };
    case "sequence":
      return {
        id,
        type: "sequence",
        relationId: "",
        operator: "performed",
        first: { eventName: "", where: [] },
        then: { eventName: "", where: [] },
        within: { amount: 7, unit: "days" },
        time: { kind: "any" },
      };
  }
}

export function newGroup(combinator: "and" | "or" = "or"): ConditionGroup {
  return { id: newId("g"), type: "group", combinator, conditions: [newCondition("property")] };
}

/** A copy of a node with new ids throughout (filters inside conditions too). */
export function copyWithNewIds(node: AudienceNode): AudienceNode {
  if (node.type === "group") return { ...node, id: newId("g"), conditions: node.conditions.map(copyWithNewIds) };
  const renamed = { ...node, id: newId() };
  if (renamed.type === "event" || renamed.type === "aggregate") {
    return { ...renamed, where: renamed.where.map((filter) => ({ ...filter, id: newId() })) };
  }
  if (renamed.type === "sequence") {
    return {
      ...renamed,
      first: { ...renamed.first, where: renamed.first.where.map((filter) => ({ ...filter, id: newId() })) },
      then: { ...renamed.then, where: renamed.then.where.map((filter) => ({ ...filter, id: newId() })) },
    };
  }
  return renamed;
}

export function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((candidate, at) => (at === index ? item : candidate));
}

export function removeAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, at) => at !== index);
}

/** `items` with the item at `index` moved by `delta` places; unchanged past either end. */
export function moveBy<T>(items: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (target < 0 || target >= items.length) return [...items];
  const next = [...items];
  const [moved] = next.splice(index, 1);
  if (moved !== undefined) next.splice(target, 0, moved);
  return next;
}

/** `items` with a copy (new ids) of the item at `index` right after it. */
export function duplicateAt(items: readonly AudienceNode[], index: number): AudienceNode[] {
  const original = items[index];
  if (original === undefined) return [...items];
  const next = [...items];
  next.splice(index + 1, 0, copyWithNewIds(original));
  return next;
}
