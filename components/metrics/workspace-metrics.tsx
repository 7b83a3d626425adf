"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Activity } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { DailyChart } from "./daily-chart";
import { formatCompact, formatCompute, formatDuration, formatPercent, formatThroughput } from "./format";
import { StatGrid, StatTile } from "./stat-tile";
import { SyncHealthTable } from "./sync-health-table";
import { WindowPicker } from "./window-picker";

/** The workspace's sync health: headline numbers, a day-by-day chart and a line per sync. */
export function WorkspaceMetrics({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const { slug } = useWorkspace();
  const [days, setDays] = useState(7);
  const metrics = useQuery({
    ...trpc.metric.workspace.queryOptions({ workspaceId, days }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  if (metrics.isPending) return <p className="text-sm text-slate-500">Loading sync health…</p>;
  if (metrics.isError) return <Alert tone="error">{metrics.error.message}</Alert>;
  const { summary, daily, syncs } = metrics.data;
  if (syncs.length === 0) {
    return (
      <EmptyState
        icon={Activity}
        title="No syncs yet"
        action={
          <Link href={`/w/${slug}/syncs`} className="text-sm font-medium text-brand-700 hover:underline">
            Go to syncs
          </Link>
        }
      >
        Once a sync sends your data to a tool, this shows how fresh, complete and reliable that data is.
      </EmptyState>
    );
  }
  const finished = summary.succeeded + summary.failed + summary.cancelled;
  return (
    <section aria-labelledby="workspace-health" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="workspace-health" className="text-lg font-semibold text-slate-900">
          Sync health
        </h2>
        <WindowPicker days={days} onChange={setDays} />
      </div>
      <StatGrid wide label={`Sync health of the workspace over the last ${days} days`}>
        <StatTile label="Success rate" value={formatPercent(summary.successRate)} hint={`${summary.succeeded} of ${finished} finished runs`} />
        <StatTile label="Freshness SLA" value={formatPercent(summary.slaAttainment)} hint={`${summary.scheduledRuns} scheduled runs`} />
        <StatTile label="Median latency" value={formatDuration(summary.latencyP50Ms)} hint={`Slowest 5%: ${formatDuration(summary.latencyP95Ms)}`} />
        <StatTile label="Records delivered" value={formatCompact(summary.recordsDelivered)} hint={`of ${formatCompact(summary.rowsRead)} rows read`} />
        <StatTile label="Runs" value={formatCompact(summary.runs)} hint={`${summary.failed} failed · ${summary.skipped} skipped`} />
        <StatTile label="Row coverage" value={formatPercent(summary.coverage)} hint="Rows the destinations hold up to date" />
        <StatTile label="Change efficiency" value={formatPercent(summary.efficiency)} hint="Changed rows the destinations accepted" />
        <StatTile label="Error rate" value={formatPercent(summary.errorRate)} hint="Records sent that were refused" />
        <StatTile label="Throughput" value={formatThroughput(summary.throughput)} hint="Rows read per second of run time" />
        <StatTile label="Compute" value={formatCompute(summary.computePerMillionRows)} hint="CPU seconds per million rows" />
      </StatGrid>
      <DailyChart days={daily} />
      <SyncHealthTable slug={slug} syncs={syncs} days={days} />
    </section>
  );
}
