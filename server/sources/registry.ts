/** Every source connector, keyed by its type. */
import { bigquerySource } from "./bigquery";
import { databricksSource } from "./databricks";
import { duckdbSource } from "./duckdb";
import { mysqlSource } from "./mysql";
import { postgresSource } from "./postgres";
import { snowflakeSource } from "./snowflake";
import type { SourceConnector, SourceType } from "./types";

/**
 * Seen from here a connector's config is `unknown`: callers always pass a config that came out
 * of that same connector's `configSchema` (server/sources/config.ts), so the erasure is safe.
 */
function erased<Config>(connector: SourceConnector<Config>): SourceConnector<unknown> {
  return connector as SourceConnector<unknown>;
}

export const SOURCE_CONNECTORS: Record<SourceType, SourceConnector<unknown>> = {
  postgres: erased(postgresSource),
  mysql: erased(mysqlSource),
  duckdb: erased(duckdbSource),
  snowflake: erased(snowflakeSource),
  bigquery: erased(bigquerySource),
  databricks: erased(databricksSource),
};

/** Ends every pool of every connector (shutdown, tests). */
export async function closeAllSources(): Promise<void> {
  await Promise.allSettled(Object.values(SOURCE_CONNECTORS).map((connector) => connector.close()));
}
