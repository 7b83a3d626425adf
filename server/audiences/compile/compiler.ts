/**
 * What every compile step shares: the connector's Dialect (identifier quoting, relations), the
 * warehouse's SQL pieces, the context, and how columns and models are written. Internal to
 * compile/; the steps assume the definition has no problems (index.ts checks first).
 */
import type { Dialect } from "@/server/sources/types";
import { findColumn, type AudienceColumn, type AudienceContext, type AudienceModel } from "../context";
import { SQL_PIECES, type SqlPieces } from "./sql-dialect";

/** The parent model's alias in every audience SELECT (a SQL condition may use it). */
export const PARENT_ALIAS = "p";

export type Compiler = {
  dialect: Dialect;
  sql: SqlPieces;
  context: AudienceContext;
};

export function createCompiler(dialect: Dialect, context: AudienceContext): Compiler {
  return { dialect, sql: SQL_PIECES[dialect.name], context };
}

/** `alias."column"`. */
export function columnRef(compiler: Compiler, alias: string, column: string): string {
  return `${alias}.${compiler.dialect.quoteIdentifier(column)}`;
}

/** The model as a FROM item named `alias` (a model's SQL is wrapped once more, as it already has an alias). */
export function fromModel(compiler: Compiler, model: AudienceModel, alias: string): string {
  const relation = compiler.dialect.relation(model.query);
  return model.query.kind === "table" ? `${relation} AS ${alias}` : `(SELECT * FROM ${relation}) AS ${alias}`;
}

/** A column the validator has seen in `model` (a failure here is a bug, never user input). */
export function knownColumn(model: AudienceModel, name: string): AudienceColumn {
  const column = findColumn(model, name);
  if (column === undefined) throw new Error(`Column ${name} is not in ${model.name}: validate before compiling.`);
  return column;
}

/** Joins predicates; more than one is parenthesised so it can sit inside any other predicate. */
export function all(predicates: readonly string[], combinator: "AND" | "OR" = "AND"): string {
  if (predicates.length === 1) return predicates[0] ?? "";
  return `(${predicates.join(` ${combinator} `)})`;
}

/** A value the validator accepted; null here is a bug. */
export function accepted<T>(value: T | null): T {
  if (value === null) throw new Error("A value the validator should have refused reached the compiler.");
  return value;
}
