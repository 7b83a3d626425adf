/** Quoting and SQL shapes of MySQL and MariaDB. Pure. */
import { createDialect, inlineModelPosition } from "../shared/dialect";
import { createModelStatements } from "../shared/statements";
import type { ModelQuery } from "../types";

/** Model SQL sits inline, `(<sql>\n) AS sluice_model`, so syntax errors can be found in it. */
export const mysqlDialect = createDialect({ name: "mysql", quote: "`", modelLayout: "inline" });

/** Rows come back as objects keyed by column name, so computed columns are named. */
export const mysqlStatements = createModelStatements(mysqlDialect, "named");

/**
 * The statement-level time limit: MariaDB's `SET STATEMENT max_statement_time=<s> FOR`, MySQL's
 * `MAX_EXECUTION_TIME(<ms>)` optimizer hint (which MariaDB would read as a comment). `select`
 * must start with "SELECT ". Neither prefix adds a line, so line numbers in errors still match.
 */
export function withTimeLimit(select: string, flavor: "mariadb" | "mysql", timeoutMs: number | undefined): string {
  if (timeoutMs === undefined) return select;
  const ms = Math.max(1, Math.round(timeoutMs));
  return flavor === "mariadb"
    ? `SET STATEMENT max_statement_time=${ms / 1000} FOR ${select}`
    : select.replace(/^SELECT /, `SELECT /*+ MAX_EXECUTION_TIME(${ms}) */ `);
}

/**
 * The 1-based position in the model's SQL of a MySQL syntax error ("… near '<text>' at line
 * <n>"), found by locating that text on that line of `statement`; undefined when the text is
 * outside the model's SQL or the message has no such part.
 */
export function syntaxErrorPosition(message: string, statement: string, query: ModelQuery): number | undefined {
  const match = /near '([\s\S]*)' at line (\d+)$/.exec(message);
  if (match === null) return undefined;
  const [, near = "", line = "1"] = match;
  if (near === "") return undefined;
  const lines = statement.split("\n");
  const lineStart = lines.slice(0, Number(line) - 1).reduce((sum, text) => sum + text.length + 1, 0);
  const at = statement.indexOf(near, lineStart);
  return at < 0 ? undefined : inlineModelPosition(statement, query, at);
}
