/** Which connector handles a source type, and which settings only Sluice may give. */
import { InvalidRequestError } from "@/db/errors";
import { SOURCE_CONNECTORS } from "./registry";
import { SOURCE_TYPES, type SourceConnector, type SourceType } from "./types";

export function connectorFor(type: string): SourceConnector<unknown> {
  if (!(SOURCE_TYPES as readonly string[]).includes(type)) {
    throw new InvalidRequestError(`Unknown source type "${type}".`);
  }
  return SOURCE_CONNECTORS[type as SourceType];
}

/**
 * Refuses settings only Sluice may give: the demo warehouse and a workspace's uploaded files
 * are DuckDB databases Sluice manages (their settings would otherwise name another workspace).
 */
export function assertUserConfig(type: SourceType, config: unknown): void {
  const database = typeof config === "object" && config !== null && "database" in config ? config.database : undefined;
  if (type === "duckdb" && database !== "file") {
    throw new InvalidRequestError(
      "The demo warehouse and uploaded files are managed by Sluice. To read a DuckDB database, choose a DuckDB file.",
    );
  }
}
