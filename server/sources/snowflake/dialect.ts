/**
 * Snowflake quoting. Unquoted identifiers are upper-cased by Snowflake (`orders` means ORDERS),
 * quoted ones are exact: names found by `discover` or returned as result columns are always
 * quoted exactly as Snowflake returned them, so `Orders` and `ORDERS` stay different tables.
 * Tables are `"SCHEMA"."TABLE"` inside the session's database (the configured one); model SQL
 * sits on lines of its own, so a position Snowflake reports is one line below the user's.
 */
import { createDialect } from "../shared/dialect";

export const snowflakeDialect = createDialect({ name: "snowflake", quote: '"', modelLayout: "own-lines" });
