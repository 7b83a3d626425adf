/**
 * Conditions on related models, as correlated subqueries on the parent row `p`:
 * - event: EXISTS (… at least once) or `(SELECT count(*) …) <op> N`; "did not perform" is NOT ….
 * - sequence: EXISTS over the event model joined to itself (A, then B strictly later and at most
 *   `within` after A), correlated only on the outer level so every warehouse can run it.
 * - aggregate: `(SELECT coalesce(sum(r.x), 0) …) > 500`; count and sum of no rows are 0.
 * Related rows are `r` (`a`, `b` in a sequence); the relation's child column equals `p`'s parent column.
 */
import { findRelation, type AudienceRelation } from "../context";
import type { AggregateCondition, EventCondition, EventStep, PropertyCondition, SequenceCondition } from "../definition";
import { span } from "../values";
import { accepted, columnRef, type Compiler, fromModel, knownColumn, PARENT_ALIAS } from "./compiler";
import { numberComparison, propertyPredicate } from "./property";
import { temporalKind, windowPredicate } from "./temporal";

function relation(compiler: Compiler, id: string): AudienceRelation {
  const found = findRelation(compiler.context, id);
  if (found === undefined) throw new Error(`Relation ${id} is not in the context: validate before compiling.`);
  return found;
}

function linkPredicate(compiler: Compiler, link: AudienceRelation, alias: string): string {
  return `${columnRef(compiler, alias, link.childColumn)} = ${columnRef(compiler, PARENT_ALIAS, link.parentColumn)}`;
}

function filterPredicates(compiler: Compiler, link: AudienceRelation, alias: string, where: readonly PropertyCondition[]): string[] {
  return where.map((filter) => propertyPredicate(compiler, alias, link.model, filter));
}

/** The event column = name, the filters and the time window, on the event model row `alias`. */
function stepPredicates(compiler: Compiler, link: AudienceRelation, alias: string, step: EventStep): string[] {
  const name = `${columnRef(compiler, alias, accepted(link.eventNameColumn ?? null))} = ${compiler.sql.string(step.eventName)}`;
  return [name, ...filterPredicates(compiler, link, alias, step.where)];
}

function timePredicate(compiler: Compiler, link: AudienceRelation, alias: string, timeColumn: string, window: EventCondition["time"]) {
  const column = knownColumn(link.model, timeColumn);
  return windowPredicate(compiler, columnRef(compiler, alias, column.name), temporalKind(column.type), window);
}

function where(predicates: readonly (string | null)[]): string {
  return predicates.filter((predicate): predicate is string => predicate !== null).join(" AND ");
}

export function eventPredicate(compiler: Compiler, condition: EventCondition): string {
  const link = relation(compiler, condition.relationId);
  const conditions = where([
    linkPredicate(compiler, link, "r"),
    ...stepPredicates(compiler, link, "r", condition),
    timePredicate(compiler, link, "r", accepted(link.timestampColumn ?? null), condition.time),
  ]);
  const from = fromModel(compiler, link.model, "r");
  const frequency = condition.frequency ?? { operator: "at_least", count: 1 };
  const negate = condition.operator === "did_not_perform";
  if (frequency.operator === "at_least" && frequency.count === 1) {
    return `${negate ? "NOT " : ""}EXISTS (SELECT 1 FROM ${from} WHERE ${conditions})`;
  }
  const count = `(SELECT count(*) FROM ${from} WHERE ${conditions})`;
  const n = accepted(frequency.count);
  const compared =
    frequency.operator === "at_least" ? `${count} >= ${n}` : frequency.operator === "exactly" ? `${count} = ${n}` : `${count} BETWEEN 1 AND ${n}`;
  return negate ? `NOT (${compared})` : compared;
}

export function sequencePredicate(compiler: Compiler, condition: SequenceCondition): string {
  const link = relation(compiler, condition.relationId);
  const time = knownColumn(link.model, accepted(link.timestampColumn ?? null));
  const kind = temporalKind(time.type);
  const at = (alias: string) => columnRef(compiler, alias, time.name);
  const within = accepted(span(condition.within));
  const join = [
    `${columnRef(compiler, "b", link.childColumn)} = ${columnRef(compiler, "a", link.childColumn)}`,
    `${at("b")} > ${at("a")}`,
    `${at("b")} <= ${compiler.sql.shift(at("a"), within.amount, within.unit, kind)}`,
  ].join(" AND ");
  const conditions = where([
    linkPredicate(compiler, link, "a"),
    ...stepPredicates(compiler, link, "a", condition.first),
    windowPredicate(compiler, at("a"), kind, condition.time),
    ...stepPredicates(compiler, link, "b", condition.then),
  ]);
  const exists = `EXISTS (SELECT 1 FROM ${fromModel(compiler, link.model, "a")} INNER JOIN ${fromModel(compiler, link.model, "b")} ON ${join} WHERE ${conditions})`;
  return condition.operator === "did_not_perform" ? `NOT ${exists}` : exists;
}

export function aggregatePredicate(compiler: Compiler, condition: AggregateCondition): string {
  const link = relation(compiler, condition.relationId);
  const conditions = where([
    linkPredicate(compiler, link, "r"),
    ...filterPredicates(compiler, link, "r", condition.where),
    condition.time.kind === "any"
      ? null
      : timePredicate(compiler, link, "r", accepted(condition.timeColumn ?? link.timestampColumn ?? null), condition.time),
  ]);
  const value = (() => {
    if (condition.aggregation === "count") return "count(*)";
    const column = columnRef(compiler, "r", knownColumn(link.model, accepted(condition.column)).name);
    return condition.aggregation === "sum" ? `coalesce(sum(${column}), 0)` : `${condition.aggregation}(${column})`;
  })();
  const subquery = `(SELECT ${value} FROM ${fromModel(compiler, link.model, "r")} WHERE ${conditions})`;
  return numberComparison(subquery, condition.operator, condition.value);
}
