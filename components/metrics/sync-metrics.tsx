"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Activity } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCompute, formatDuration, formatPercent, formatThroughput } from "./format";
import { StatGrid, StatTile } from "./stat-tile";
import { ChangesChart, QualityChart, TimingChart } from "./sync-charts";
import { WindowPicker } from "./window-picker";

/** Health of one sync: headline numbers over a period, and charts over its latest runs. */
export function SyncMetrics({ workspaceId, syncId }: { workspaceId: string; syncId: string }) {
  const trpc = useTRPC();
  const [days, setDays] = useState(7);
  const metrics = useQuery({
    ...trpc.metric.sync.queryOptions({ workspaceId, syncId, days }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  if (metrics.isPending) return <p className="text-sm text-slate-500">Loading sync health…</p>;
  if (metrics.isError) return <Alert tone="error">{metrics.error.message}</Alert>;
  const { summary, runs, slaMinutes, scheduled } = metrics.data;
  if (runs.length === 0 && summary.runs === 0) {
    return (
      <EmptyState icon={Activity} title="No runs yet — press Run now to see how this sync performs">
        Once it has run, this shows how fresh, complete and reliable the data in the destination is.
      </EmptyState>
    );
  }
  const finished = summary.succeeded + summary.failed + summary.cancelled;
  return (
    <section aria-labelledby="sync-health" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="sync-health" className="text-base font-semibold text-slate-900">
          Sync health
        </h2>
        <WindowPicker days={days} onChange={setDays} />
      </div>
      <StatGrid label={`Sync health over the last ${days} days`}>
        <StatTile label="Success rate" value={formatPercent(summary.successRate)} hint={`${summary.succeeded} of ${finished} finished runs`} />
        <StatTile
          label="Freshness SLA"
          value={formatPercent(summary.slaAttainment)}
          hint={summary.scheduledRuns > 0 || scheduled ? `On time: within ${slaMinutes} min of schedule` : "Runs only when started by hand"}
        />
        <StatTile label="Median latency" value={formatDuration(summary.latencyP50Ms)} hint={`Slowest 5%: ${formatDuration(summary.latencyP95Ms)}`} />
        <StatTile label="Row coverage" value={formatPercent(summary.coverage)} hint="Rows the destination holds up to date" />
        <StatTile label="Change efficiency" value={formatPercent(summary.efficiency)} hint="Changed rows the destination accepted" />
        <StatTile label="Error rate" value={formatPercent(summary.errorRate)} hint="Records sent that were refused" />
        <StatTile label="Throughput" value={formatThroughput(summary.throughput)} hint="Rows read per second of run time" />
        <StatTile label="Compute" value={formatCompute(summary.computePerMillionRows)} hint="CPU seconds per million rows" />
      </StatGrid>
      {runs.length > 0 ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="lg:col-span-2">
            <TimingChart runs={runs} />
          </div>
          <ChangesChart runs={runs} />
          <QualityChart runs={runs} />
        </div>
      ) : null}
    </section>
  );
}
