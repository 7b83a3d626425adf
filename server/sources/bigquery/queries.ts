/**
 * Every statement the BigQuery connector sends, built as pure strings, plus the job settings they
 * run with. Identifiers are quoted by the dialect; no value is written into SQL (the only numbers
 * are validated row limits). The model relation always starts on the first line.
 */
import { createModelStatements, type ModelStatements } from "../shared/statements";
import { bigqueryDialectIn, quoteIdentifier } from "./dialect";

/** `region-us`, `region-europe-west2`: the qualifier of region-wide INFORMATION_SCHEMA views. */
export function regionQualifier(location: string): string {
  return `region-${location.toLowerCase()}`;
}

/**
 * Validated with a dry run by `check` (free): a query on the default dataset's tables proves the
 * dataset exists in the location and may be read; without one, that jobs may be created.
 */
export function checkSql(project: string, defaultDataset: string | undefined): string {
  if (!defaultDataset) return "SELECT 1";
  return `SELECT table_name FROM ${quoteIdentifier(project)}.${quoteIdentifier(defaultDataset)}.INFORMATION_SCHEMA.TABLES LIMIT 1`;
}

/** Columns of every table and view in the project's datasets of this location (pseudo-columns left out). */
export function discoverSql(project: string, location: string): string {
  const schema = `${quoteIdentifier(project)}.${quoteIdentifier(regionQualifier(location))}.INFORMATION_SCHEMA`;
  return [
    "SELECT c.table_schema, c.table_name, t.table_type, c.column_name, c.data_type",
    `FROM ${schema}.COLUMNS AS c`,
    `JOIN ${schema}.TABLES AS t`,
    "ON t.table_schema = c.table_schema AND t.table_name = c.table_name",
    "WHERE c.is_hidden = 'NO'",
    "ORDER BY c.table_schema, c.table_name, c.ordinal_position",
  ].join(" ");
}

/**
 * The model statements with tables qualified by `project`. The key check is GoogleSQL's own
 * (IF, COUNTIF); one row: (rows, null keys, duplicate keys).
 */
export function bigqueryStatements(project: string): ModelStatements {
  const dialect = bigqueryDialectIn(project);
  return {
    ...createModelStatements(dialect, "positional"),
    keyCheck: (query, keyColumn) => {
      const key = quoteIdentifier(keyColumn);
      return (
        "SELECT COALESCE(SUM(n), 0), COALESCE(SUM(IF(k IS NULL, n, 0)), 0), COUNTIF(k IS NOT NULL AND n > 1) " +
        `FROM (SELECT ${key} AS k, COUNT(*) AS n FROM ${dialect.relation(query)} GROUP BY k) AS key_groups`
      );
    },
  };
}
