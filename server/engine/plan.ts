/**
 * Plan: what each kind of change becomes in the destination, by sync mode. `null` means the
 * change is not sent; the state still moves forward so it is not found again next run.
 *
 *   mode       added     changed   removed
 *   upsert     upsert    upsert    —
 *   update     update    update    —
 *   insert     insert    —         —
 *   mirror     upsert    upsert    delete (only records Sluice created)
 *   audience   add       add       remove
 */
import type { ChangeKind, SyncMode } from "@/db/schema";
import type { Operation } from "../destinations/types";

const PLANS: Record<SyncMode, Record<ChangeKind, Operation | null>> = {
  upsert: { added: "upsert", changed: "upsert", removed: null },
  update: { added: "update", changed: "update", removed: null },
  insert: { added: "insert", changed: null, removed: null },
  mirror: { added: "upsert", changed: "upsert", removed: "delete" },
  audience: { added: "add", changed: "add", removed: "remove" },
};

export const MODE_LABELS: Record<SyncMode, string> = {
  upsert: "Upsert: create new records, update changed ones",
  update: "Update only: change records that already exist",
  insert: "Insert only: create new records, never change them",
  mirror: "Mirror: create, update and delete what Sluice created",
  audience: "Audience: add members, remove those who leave",
};

export function operationFor(mode: SyncMode, kind: ChangeKind, owned: boolean): Operation | null {
  if (mode === "mirror" && kind === "removed" && !owned) return null;
  return PLANS[mode][kind];
}

/** Operations a destination object must support for a mode. */
export function operationsOf(mode: SyncMode): Operation[] {
  return [...new Set(Object.values(PLANS[mode]).filter((operation): operation is Operation => operation !== null))];
}
