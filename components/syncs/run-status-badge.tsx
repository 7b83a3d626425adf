import type { RunStatus } from "@/db/schema";
import { Badge } from "@/components/ui/badge";
import { RUN_STATUS_LABELS } from "./run-words";

const TONES: Record<RunStatus, "neutral" | "success" | "warning" | "danger" | "brand"> = {
  queued: "brand",
  reading: "brand",
  diffing: "brand",
  delivering: "brand",
  succeeded: "success",
  failed: "danger",
  cancelled: "neutral",
  skipped: "warning",
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <Badge tone={TONES[status]}>{RUN_STATUS_LABELS[status]}</Badge>;
}
