/** A failed run's error in words for the sync page; `internal` errors are also logged with their stack. */
import { DestinationContractError } from "../destinations/delivery";
import { DestinationRefusedError } from "../destinations/types";
import { SourceQueryError } from "../sources/types";
import { DuplicateKeyError } from "./snapshot";

export function describeRunError(error: unknown): { text: string; internal: boolean } {
  if (error instanceof SourceQueryError) return { text: `The model's query failed in the warehouse: ${error.message}`, internal: false };
  if (error instanceof DestinationRefusedError) return { text: `The destination refused the sync: ${error.message}`, internal: false };
  if (error instanceof DuplicateKeyError) {
    return { text: `${error.message} Each row needs its own key: fix the model's primary key, then run again.`, internal: false };
  }
  if (error instanceof DestinationContractError) return { text: `The destination connector misbehaved: ${error.message}`, internal: true };
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && ["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH"].includes(code)) {
    return { text: `Could not reach the warehouse (${code}). Check the source's connection, then run again.`, internal: false };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { text: `The run stopped on an unexpected error: ${message}`, internal: true };
}
