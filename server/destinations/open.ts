/** Finding a destination's connector and opening its stored settings, for routes and the engine. */
import type { Db } from "@/db/client";
import { InvalidRequestError } from "@/db/errors";
import { getDestinationRecord } from "@/db/queries/destinations";
import { getEnv } from "@/env";
import { openConfig } from "../security/connection-config";
import { DESTINATION_CONNECTORS } from "./registry";
import { DESTINATION_TYPES, type DestinationConnector, type DestinationType } from "./types";

export function destinationConnector(type: string): DestinationConnector<unknown> {
  if (!(DESTINATION_TYPES as readonly string[]).includes(type)) throw new InvalidRequestError(`Unknown destination type "${type}".`);
  return DESTINATION_CONNECTORS[type as DestinationType];
}

export async function openDestination(db: Db, scope: { workspaceId: string; destinationId: string }) {
  const destination = await getDestinationRecord(db, scope);
  const connector = destinationConnector(destination.type);
  return { destination, connector, config: openConfig(connector, destination.encryptedConfig, getEnv().SLUICE_ENCRYPTION_KEY) };
}
