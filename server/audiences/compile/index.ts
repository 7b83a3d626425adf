/**
 * The audience compiler: a definition + context + the source's Dialect → plain SELECTs.
 *
 * Promises:
 * - Refuses (AudienceProblemsError, with every problem) a definition `audienceProblems` finds
 *   anything wrong with; otherwise never throws for user input.
 * - Identifiers come only from the context's columns, quoted by the dialect; values are literals
 *   encoded per warehouse (sql-dialect.ts); a SQL condition is only wrapped in parentheses.
 * - Pure and deterministic: the same input gives the same SQL, so splits are stable across compiles.
 */
import type { Dialect } from "@/server/sources/types";
import { contextFor, findColumn, type AudienceContext } from "../context";
import type { AudienceDefinition } from "../definition";
import { audienceProblems, type AudienceProblem } from "../validate";
import { audienceSelect } from "./audience";
import { createCompiler } from "./compiler";
import { type Breakdown, breakdownQuery, type CompiledSplits, countQuery, overlapQuery, previewQuery, splitQueries } from "./queries";

export type { Breakdown, BreakdownColumn, CompiledSplitGroup, CompiledSplits } from "./queries";

export class AudienceProblemsError extends Error {
  override name = "AudienceProblemsError";
  constructor(readonly problems: AudienceProblem[]) {
    super(problems.map((problem) => problem.message).join("; "));
  }
}

export type CompiledAudience = {
  /** `SELECT p.* FROM <parent> AS p WHERE …`: the members, usable as a model's SQL. */
  sql: string;
  /** One row: `members`. */
  countSql: string;
  breakdown: Breakdown;
  /** Null without splits. */
  splits: CompiledSplits | null;
};

function refuseProblems(definition: AudienceDefinition, context: AudienceContext): void {
  const problems = audienceProblems(definition, context);
  if (problems.length > 0) throw new AudienceProblemsError(problems);
}

export function compileAudience(definition: AudienceDefinition, context: AudienceContext, dialect: Dialect): CompiledAudience {
  refuseProblems(definition, context);
  const compiler = createCompiler(dialect, context);
  const sql = audienceSelect(compiler, definition);
  return {
    sql,
    countSql: countQuery(compiler, sql),
    breakdown: breakdownQuery(compiler, definition),
    splits: definition.splits === null ? null : splitQueries(compiler, sql, definition.splits.seed, definition.splits.groups),
  };
}

/** One row: `audience`, `other` (member counts) and `both` (members of both). */
export function compileOverlap(
  definition: AudienceDefinition,
  otherAudienceId: string,
  context: AudienceContext,
  dialect: Dialect,
): string {
  refuseProblems(definition, context);
  const other = context.audience(otherAudienceId);
  if (other === undefined) {
    throw new AudienceProblemsError([{ conditionId: null, part: "audience", message: "The audience to compare with no longer exists" }]);
  }
  const otherContext = contextFor(context, other);
  refuseProblems(other.definition, otherContext);
  if (other.definition.parentModelId !== definition.parentModelId) {
    const message = `“${other.name}” is an audience of another model`;
    throw new AudienceProblemsError([{ conditionId: null, part: "audience", message }]);
  }
  const compiler = createCompiler(dialect, context);
  const otherSql = audienceSelect({ ...compiler, context: otherContext }, other.definition);
  return overlapQuery(compiler, audienceSelect(compiler, definition), otherSql);
}

export type PreviewOptions = {
  /** Columns of the parent model to show; empty: all of them. */
  columns: readonly string[];
  limit: number;
};

export function compileMembersPreview(
  definition: AudienceDefinition,
  context: AudienceContext,
  dialect: Dialect,
  options: PreviewOptions,
): string {
  refuseProblems(definition, context);
  const missing = options.columns.filter((column) => findColumn(context.parent, column) === undefined);
  if (missing.length > 0) {
    throw new AudienceProblemsError(
      missing.map((column) => ({
        conditionId: null,
        part: "audience" as const,
        message: `The column “${column}” no longer exists in ${context.parent.name}`,
      })),
    );
  }
  const compiler = createCompiler(dialect, context);
  return previewQuery(compiler, definition, audienceSelect(compiler, definition), options.columns, options.limit);
}
