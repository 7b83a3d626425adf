"use client";

import { useQuery } from "@tanstack/react-query";
import { SyncMetrics } from "@/components/metrics/sync-metrics";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { ActiveRunCard } from "./active-run-card";
import { MODE_TITLES } from "./mode-words";
import { RejectionsPanel } from "./rejections-panel";
import { RunStatusBadge } from "./run-status-badge";
import { formatRelative } from "./run-words";
import { RunsTable } from "./runs-table";
import { SyncActions } from "./sync-actions";
import { SyncSettingsCard } from "./sync-settings-card";
import { useNow } from "./use-now";
import { useRefreshWhen } from "./use-refresh-when";

/** A sync's page: its state and actions, the run going on now (polled), its health, history and refused records. */
export function SyncDetail({ syncId }: { syncId: string }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const now = useNow();
  const sync = useQuery(
    trpc.sync.get.queryOptions(
      { workspaceId: workspace.id, syncId },
      { refetchInterval: (query) => (query.state.data?.activeRun ? 1500 : false) },
    ),
  );
  const loaded = sync.data;
  useRefreshWhen(!loaded ? null : loaded.activeRun ? `running ${loaded.activeRun.id}` : `idle ${loaded.lastRun?.id} ${loaded.lastRun?.status}`);
  if (sync.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (sync.isError) return <Alert tone="error" title="This sync could not be loaded">{sync.error.message}</Alert>;
  const { data } = sync;
  return (
    <>
      <PageHeader
        title={data.name}
        description={
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span>
              {data.modelName} → {data.destinationName} · {MODE_TITLES[data.mode]} · {data.scheduleText}
            </span>
            {data.paused ? <Badge tone="warning">Paused</Badge> : null}
            {data.activeRun ? (
              <RunStatusBadge status={data.activeRun.status} />
            ) : data.lastRun ? (
              <span className="inline-flex items-center gap-1.5">
                <span className="sr-only">Last run:</span>
                <RunStatusBadge status={data.lastRun.status} />
                <span className="text-slate-500">{formatRelative(data.lastRun.finishedAt ?? data.lastRun.queuedAt, now)}</span>
              </span>
            ) : (
              <Badge>Never run</Badge>
            )}
          </span>
        }
        actions={<SyncActions sync={data} />}
      />
      <div className="grid gap-6">
        {data.activeRun ? <ActiveRunCard run={data.activeRun} /> : null}
        <SyncMetrics workspaceId={workspace.id} syncId={syncId} />
        <RunsTable syncId={syncId} />
        <RejectionsPanel syncId={syncId} />
        <SyncSettingsCard sync={data} />
      </div>
    </>
  );
}
