/** Sync modes in words: MODE_LABELS ("Upsert: create new records, …") split into a title and what it does. */
import type { SyncMode } from "@/db/schema";
import { MODE_LABELS } from "@/server/engine/plan";

export const SYNC_MODE_LIST = Object.keys(MODE_LABELS) as SyncMode[];

function split(label: string): [string, string] {
  const at = label.indexOf(": ");
  if (at < 0) return [label, ""];
  const description = label.slice(at + 2);
  return [label.slice(0, at), `${description.charAt(0).toUpperCase()}${description.slice(1)}.`];
}

export const MODE_TITLES = Object.fromEntries(SYNC_MODE_LIST.map((mode) => [mode, split(MODE_LABELS[mode])[0]])) as Record<SyncMode, string>;

export const MODE_DESCRIPTIONS = Object.fromEntries(SYNC_MODE_LIST.map((mode) => [mode, split(MODE_LABELS[mode])[1]])) as Record<
  SyncMode,
  string
>;
