/**
 * Connection settings between the browser and the database: validated by the connector's
 * zod schema, encrypted at rest, and never sent back with secrets in them.
 */
import { InvalidRequestError } from "@/db/errors";
import { decryptJson, encryptJson } from "@/server/security/secrets";
import { SOURCE_CONNECTORS } from "./registry";
import { SOURCE_TYPES, type SourceConnector, type SourceType } from "./types";

export function connectorFor(type: string): SourceConnector<unknown> {
  if (!(SOURCE_TYPES as readonly string[]).includes(type)) {
    throw new InvalidRequestError(`Unknown source type "${type}".`);
  }
  return SOURCE_CONNECTORS[type as SourceType];
}

/** Validates settings typed into the form; the message names the field that is wrong. */
export function parseConfig(connector: SourceConnector<unknown>, input: unknown): unknown {
  const parsed = connector.configSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".");
    throw new InvalidRequestError(`${field ? `${field}: ` : ""}${issue?.message ?? "Invalid settings"}`);
  }
  return parsed.data;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? { ...(value as Record<string, unknown>) } : {};
}

/**
 * Applies an edit to stored settings: a secret left blank keeps its stored value, so people
 * can change a host without retyping the password, and rotate a password by typing a new one.
 */
export function mergeConfig(connector: SourceConnector<unknown>, stored: unknown, input: unknown): unknown {
  const merged = asRecord(input);
  const previous = asRecord(stored);
  for (const field of connector.secretFields) {
    if (merged[field] === undefined || merged[field] === "") merged[field] = previous[field];
  }
  return parseConfig(connector, merged);
}

/** The settings as the browser may see them: secrets removed, with the names of those that are set. */
export function publicConfig(
  connector: SourceConnector<unknown>,
  config: unknown,
): { values: Record<string, unknown>; secretsSet: string[] } {
  const values = asRecord(config);
  const secretsSet: string[] = [];
  for (const field of connector.secretFields) {
    if (values[field] !== undefined && values[field] !== "") secretsSet.push(field);
    delete values[field];
  }
  return { values, secretsSet };
}

export function sealConfig(config: unknown, key: string): string {
  return encryptJson(config, key);
}

export function openConfig(connector: SourceConnector<unknown>, encrypted: string, key: string): unknown {
  return parseConfig(connector, decryptJson(encrypted, key));
}

/**
 * Refuses settings only Sluice may give: the demo warehouse and a workspace's uploaded files
 * are DuckDB databases Sluice manages (their settings would otherwise name another workspace).
 */
export function assertUserConfig(type: SourceType, config: unknown): void {
  if (type === "duckdb" && asRecord(config).database !== "file") {
    throw new InvalidRequestError(
      "The demo warehouse and uploaded files are managed by Sluice. To read a DuckDB database, choose a DuckDB file.",
    );
  }
}
