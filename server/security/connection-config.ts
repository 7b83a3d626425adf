/**
 * Connection settings (of sources and destinations) between the browser and the database:
 * validated by the connector's zod schema, encrypted at rest (AES-256-GCM), and never sent back
 * with secrets in them.
 */
import type { z } from "zod";
import { InvalidRequestError } from "@/db/errors";
import { decryptJson, encryptJson } from "./secrets";

/** What these helpers need of a connector. */
export type Configurable = { configSchema: z.ZodType<unknown>; secretFields: readonly string[] };

/** Validates settings typed into the form; the message names the field that is wrong. */
export function parseConfig(connector: Configurable, input: unknown): unknown {
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
 * Applies an edit to stored settings: a secret left blank (or an empty list) keeps its stored value, so people
 * can change a host without retyping the password, and rotate a password by typing a new one.
 */
export function mergeConfig(connector: Configurable, stored: unknown, input: unknown): unknown {
  const merged = asRecord(input);
  const previous = asRecord(stored);
  for (const field of connector.secretFields) {
    const value = merged[field];
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) merged[field] = previous[field];
  }
  return parseConfig(connector, merged);
}

/** The settings as the browser may see them: secrets removed, with the names of those that are set. */
export function publicConfig(
  connector: Configurable,
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

export function openConfig(connector: Configurable, encrypted: string, key: string): unknown {
  return parseConfig(connector, decryptJson(encrypted, key));
}
