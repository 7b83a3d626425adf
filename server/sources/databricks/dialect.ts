/**
 * Databricks SQL (Spark) quoting: identifiers in backticks, a backtick inside doubled. Tables are
 * `schema`.`table` in the session's catalog (the configured one); model SQL sits on lines of its
 * own, so a `line 2, pos 7` is one line below the same place in the user's SQL.
 */
import { createDialect } from "../shared/dialect";

export const databricksDialect = createDialect({ name: "databricks", quote: "`", modelLayout: "own-lines" });
