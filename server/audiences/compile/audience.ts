/**
 * The audience as one SELECT over the parent model:
 *
 *   SELECT p.*
 *   FROM <parent relation> AS p
 *   WHERE <each condition of an AND root, or the OR root>
 *     AND p.<key> NOT IN (<each excluded audience's keys>)
 *   [ORDER BY <limit column> NULLS LAST, p.<key> LIMIT n]
 *
 * Used audiences are compiled from their own definitions and nested as derived tables; IN /
 * NOT IN read their keys with NULL keys removed, so a NULL never turns NOT IN into "nobody".
 */
import { contextFor } from "../context";
import type { AudienceDefinition, AudienceNode, ConditionGroup } from "../definition";
import { accepted, all, columnRef, type Compiler, fromModel, PARENT_ALIAS } from "./compiler";
import { propertyPredicate } from "./property";
import { aggregatePredicate, eventPredicate, sequencePredicate } from "./related";

/** The node as a predicate on `p`; null for an empty group (no constraint). */
export function nodePredicate(compiler: Compiler, node: AudienceNode): string | null {
  switch (node.type) {
    case "group":
      return groupPredicate(compiler, node);
    case "property":
      return propertyPredicate(compiler, PARENT_ALIAS, compiler.context.parent, node);
    case "event":
      return eventPredicate(compiler, node);
    case "sequence":
      return sequencePredicate(compiler, node);
    case "aggregate":
      return aggregatePredicate(compiler, node);
    case "audience":
      return membershipPredicate(compiler, node.audienceId, node.operator === "in");
    case "sql":
      // On a line of its own, so a trailing -- comment cannot swallow the closing parenthesis.
      return `(${node.sql.trim()}\n)`;
  }
}

function groupPredicate(compiler: Compiler, group: ConditionGroup): string | null {
  const predicates = group.conditions
    .map((child) => nodePredicate(compiler, child))
    .filter((predicate): predicate is string => predicate !== null);
  return predicates.length === 0 ? null : all(predicates, group.combinator === "and" ? "AND" : "OR");
}

/** `p.<key> [NOT] IN (SELECT m.<key> FROM (<the audience>) AS m WHERE m.<key> IS NOT NULL)`. */
export function membershipPredicate(compiler: Compiler, audienceId: string, member: boolean): string {
  const other = accepted(compiler.context.audience(audienceId) ?? null);
  const sql = audienceSelect({ ...compiler, context: contextFor(compiler.context, other) }, other.definition);
  const key = compiler.context.parent.primaryKey;
  const keys = `SELECT ${columnRef(compiler, "m", key)} FROM (\n${sql}\n) AS m WHERE ${columnRef(compiler, "m", key)} IS NOT NULL`;
  return `${columnRef(compiler, PARENT_ALIAS, key)} ${member ? "IN" : "NOT IN"} (${keys})`;
}

/** The WHERE predicates of the audience: the root's conditions, then the exclusions. */
export function audiencePredicates(compiler: Compiler, definition: AudienceDefinition): string[] {
  const { root } = definition;
  const conditions =
    root.combinator === "and"
      ? root.conditions.map((node) => nodePredicate(compiler, node))
      : [nodePredicate(compiler, root)];
  return [
    ...conditions.filter((predicate): predicate is string => predicate !== null),
    ...definition.exclusions.map((id) => membershipPredicate(compiler, id, false)),
  ];
}

export function whereClause(predicates: readonly string[]): string {
  return predicates.length === 0 ? "" : `\nWHERE ${predicates.join("\n  AND ")}`;
}

/** ORDER BY of the limit (NULLs last, ties by key), or by key alone; over rows named `alias`. */
export function memberOrder(compiler: Compiler, definition: AudienceDefinition, alias: string): string {
  const key = columnRef(compiler, alias, compiler.context.parent.primaryKey);
  const { limit } = definition;
  if (limit === null) return key;
  return `${compiler.sql.orderBy(columnRef(compiler, alias, limit.column), limit.direction)}, ${key}`;
}

/** The members: every column of the parent model, usable as a model's SQL. */
export function audienceSelect(compiler: Compiler, definition: AudienceDefinition): string {
  const select = `SELECT ${PARENT_ALIAS}.*\nFROM ${fromModel(compiler, compiler.context.parent, PARENT_ALIAS)}${whereClause(audiencePredicates(compiler, definition))}`;
  const { limit } = definition;
  if (limit === null) return select;
  return compiler.dialect.limit(`${select}\nORDER BY ${memberOrder(compiler, definition, PARENT_ALIAS)}`, accepted(limit.count));
}
