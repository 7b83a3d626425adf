/** Quoting and SQL shapes of PostgreSQL (and Redshift). Pure. */
import { createDialect, inlineModelPosition } from "../shared/dialect";
import { createModelStatements } from "../shared/statements";
import type { ModelQuery } from "../types";

/**
 * Model SQL sits inline, `(<sql>\n) AS sluice_model`: Postgres reports a character position,
 * which `modelPosition` maps back to the SQL as typed.
 */
export const postgresDialect = createDialect({ name: "postgres", quote: '"', modelLayout: "inline" });

/** Rows come back as objects keyed by column name, so computed columns are named. */
export const postgresStatements = createModelStatements(postgresDialect, "named");

/**
 * Maps a 1-based character position in `statement` (as Postgres reports it) to the position in
 * the model's SQL as the user typed it, or undefined when the position lies outside that SQL
 * (e.g. an unknown key column in the wrapper Sluice wrote).
 */
export function modelPosition(statement: string, query: ModelQuery, position: number): number | undefined {
  return inlineModelPosition(statement, query, position - 1);
}
