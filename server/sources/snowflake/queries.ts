/**
 * Every statement the Snowflake connector sends, built as pure strings. Identifiers are quoted by
 * the dialect; no value is ever written into SQL (the only numbers are validated row limits).
 * The model relation always starts on the first line, so user SQL begins on line 2.
 */
import { timeoutSeconds } from "../shared/time-limits";
import { createModelStatements } from "../shared/statements";
import { snowflakeDialect } from "./dialect";

/** What the session really got: unknown or ungranted names come back NULL instead of failing. */
export const CHECK_SQL = "SELECT CURRENT_DATABASE(), CURRENT_SCHEMA(), CURRENT_WAREHOUSE(), CURRENT_ROLE()";

/** Columns of every table and view of the session's database that the role can see. */
export const DISCOVER_SQL = [
  "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, t.TABLE_TYPE, c.COLUMN_NAME, c.DATA_TYPE, c.NUMERIC_PRECISION, c.NUMERIC_SCALE",
  "FROM INFORMATION_SCHEMA.COLUMNS AS c",
  "JOIN INFORMATION_SCHEMA.TABLES AS t",
  "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME",
  "WHERE c.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'",
  "ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION",
].join(" ");

/** Preview, count, key check and read of a model; results are read by column position. */
export const snowflakeStatements = createModelStatements(snowflakeDialect, "positional");

/**
 * Session parameters sent with each statement: a server-side time limit, one statement only,
 * and UTC so TIMESTAMP_LTZ values do not depend on the user's default time zone.
 */
export function statementParameters(timeoutMs: number | undefined): Record<string, string | number> {
  const parameters: Record<string, string | number> = { MULTI_STATEMENT_COUNT: 1, TIMEZONE: "UTC" };
  if (timeoutMs !== undefined) parameters.STATEMENT_TIMEOUT_IN_SECONDS = timeoutSeconds(timeoutMs);
  return parameters;
}
