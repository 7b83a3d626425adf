import type { ChangeKind, ChangeStatus } from "@/db/schema";

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = { added: "Added", changed: "Changed", removed: "Removed" };

export const CHANGE_STATUS_LABELS: Record<ChangeStatus, string> = { accepted: "Accepted", rejected: "Rejected", parked: "Parked" };
