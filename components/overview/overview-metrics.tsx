"use client";

import { WorkspaceMetrics } from "@/components/metrics/workspace-metrics";
import { useWorkspace } from "@/components/shell/workspace-context";

/** The Overview's sync health section, for the workspace being viewed. */
export function OverviewMetrics() {
  const { id } = useWorkspace();
  return <WorkspaceMetrics workspaceId={id} />;
}
