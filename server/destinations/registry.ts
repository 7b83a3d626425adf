/** Every destination connector, keyed by its type. */
import { mysqlTableDestination } from "./mysql";
import { postgresTableDestination } from "./postgres";
import type { DestinationConnector, DestinationType } from "./types";
import { webhookDestination } from "./webhook";

/**
 * Seen from here a connector's config is `unknown`: callers always pass a config that came out
 * of that same connector's `configSchema`, so the erasure is safe (as in server/sources/registry.ts).
 */
function erased<Config>(connector: DestinationConnector<Config>): DestinationConnector<unknown> {
  return connector as DestinationConnector<unknown>;
}

export const DESTINATION_CONNECTORS: Record<DestinationType, DestinationConnector<unknown>> = {
  webhook: erased(webhookDestination),
  postgres: erased(postgresTableDestination),
  mysql: erased(mysqlTableDestination),
};

/** Releases whatever every connector keeps open (shutdown, tests). */
export async function closeAllDestinations(): Promise<void> {
  await Promise.allSettled(Object.values(DESTINATION_CONNECTORS).map((connector) => connector.close()));
}
