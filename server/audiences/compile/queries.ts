/**
 * The queries built around an audience's SELECT: its count, the per-condition breakdown, the
 * overlap with another audience, a members preview and the split groups. Each is one plain
 * SELECT; counts come back as one row with the column names given here (quoted, so they keep
 * their case on Snowflake).
 */
import type { AudienceDefinition, SplitGroup } from "../definition";
import { accepted, columnRef, type Compiler, fromModel, PARENT_ALIAS } from "./compiler";
import { memberOrder, nodePredicate } from "./audience";

function as(compiler: Compiler, name: string): string {
  return `AS ${compiler.dialect.quoteIdentifier(name)}`;
}

/** One row: `members`. */
export function countQuery(compiler: Compiler, audienceSql: string): string {
  return `SELECT count(*) ${as(compiler, "members")}\nFROM (\n${audienceSql}\n) AS a`;
}

export type BreakdownColumn = { conditionId: string; column: string };
export type Breakdown = {
  /** One row: `total` (every row of the parent model), then one column per top-level condition. */
  sql: string;
  columns: BreakdownColumn[];
};

/** How many parent rows pass each top-level condition on its own (exclusions and limit aside). */
export function breakdownQuery(compiler: Compiler, definition: AudienceDefinition): Breakdown {
  const conditions = definition.root.conditions.map((node, index) => ({
    conditionId: node.id,
    column: `condition_${index + 1}`,
    predicate: accepted(nodePredicate(compiler, node)),
  }));
  const from = fromModel(compiler, compiler.context.parent, PARENT_ALIAS);
  const columns = conditions.map(({ conditionId, column }) => ({ conditionId, column }));
  const strategy = compiler.sql.breakdown;
  if (strategy === "subqueries") {
    const items = [
      `(SELECT count(*) FROM ${from}) ${as(compiler, "total")}`,
      ...conditions.map(({ column, predicate }) => `(SELECT count(*) FROM ${from} WHERE ${predicate}) ${as(compiler, column)}`),
    ];
    return { sql: `SELECT\n  ${items.join(",\n  ")}`, columns };
  }
  const counted = (predicate: string) =>
    strategy === "filter" ? `count(*) FILTER (WHERE ${predicate})` : `count(CASE WHEN ${predicate} THEN 1 END)`;
  const items = [`count(*) ${as(compiler, "total")}`, ...conditions.map(({ column, predicate }) => `${counted(predicate)} ${as(compiler, column)}`)];
  return { sql: `SELECT\n  ${items.join(",\n  ")}\nFROM ${from}`, columns };
}

/** One row: `audience` (members of the first), `other` (of the second) and `both`. */
export function overlapQuery(compiler: Compiler, audienceSql: string, otherSql: string): string {
  const key = compiler.context.parent.primaryKey;
  const keys = `SELECT ${columnRef(compiler, "b", key)} FROM (\n${otherSql}\n) AS b WHERE ${columnRef(compiler, "b", key)} IS NOT NULL`;
  return [
    "SELECT",
    `  (SELECT count(*) FROM (\n${audienceSql}\n) AS a) ${as(compiler, "audience")},`,
    `  (SELECT count(*) FROM (\n${otherSql}\n) AS b) ${as(compiler, "other")},`,
    `  (SELECT count(*) FROM (\n${audienceSql}\n) AS a WHERE ${columnRef(compiler, "a", key)} IN (${keys})) ${as(compiler, "both")}`,
  ].join("\n");
}

/** The first `limit` members (top first when the audience has a limit, else by key), with `columns` (all when empty). */
export function previewQuery(
  compiler: Compiler,
  definition: AudienceDefinition,
  audienceSql: string,
  columns: readonly string[],
  limit: number,
): string {
  const list = columns.length === 0 ? "m.*" : columns.map((column) => columnRef(compiler, "m", column)).join(", ");
  const select = `SELECT ${list}\nFROM (\n${audienceSql}\n) AS m\nORDER BY ${memberOrder(compiler, definition, "m")}`;
  return compiler.dialect.limit(select, limit);
}

export type CompiledSplitGroup = {
  groupId: string;
  name: string;
  holdout: boolean;
  /** The buckets (0–99) of the group, both included. */
  buckets: { from: number; to: number };
  /** The group's members, usable as a model's SQL. */
  sql: string;
  countSql: string;
};

export type CompiledSplits = {
  groups: CompiledSplitGroup[];
  /** One row, one column per group (`group_1`, … in the order of `groups`): its member count. */
  countsSql: string;
};

export function splitQueries(compiler: Compiler, audienceSql: string, seed: string, groups: readonly SplitGroup[]): CompiledSplits {
  const bucket = (alias: string) =>
    compiler.sql.bucket(columnRef(compiler, alias, compiler.context.parent.primaryKey), compiler.sql.string(`${seed}:`));
  let next = 0;
  const compiled = groups.map((group) => {
    const buckets = { from: next, to: next + accepted(group.percent) - 1 };
    next = buckets.to + 1;
    const sql = `SELECT s.*\nFROM (\n${audienceSql}\n) AS s\nWHERE ${bucket("s")} BETWEEN ${buckets.from} AND ${buckets.to}`;
    return { groupId: group.id, name: group.name, holdout: group.holdout, buckets, sql, countSql: countQuery(compiler, sql) };
  });
  const counts = compiled.map(
    (group, index) =>
      `count(CASE WHEN t.split_bucket BETWEEN ${group.buckets.from} AND ${group.buckets.to} THEN 1 END) ${as(compiler, `group_${index + 1}`)}`,
  );
  const countsSql = `SELECT\n  ${counts.join(",\n  ")}\nFROM (SELECT ${bucket("s")} AS split_bucket FROM (\n${audienceSql}\n) AS s) AS t`;
  return { groups: compiled, countsSql };
}
