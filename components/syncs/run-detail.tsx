"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ActiveRunCard } from "./active-run-card";
import { RunChanges } from "./run-changes";
import { RunStatusBadge } from "./run-status-badge";
import { formatCount, formatDuration, isRunActive, TRIGGER_LABELS } from "./run-words";
import { StatGrid } from "./stat-grid";
import { useRefreshWhen } from "./use-refresh-when";

const time = (date: Date | null) => (date ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }) : "—");
const duration = (ms: number | null) => (ms === null ? "—" : formatDuration(ms));

/** One run: how it ended, how long each part took, what it counted, and every change it sent. */
export function RunDetail({ syncId, runId }: { syncId: string; runId: string }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const sync = useQuery(trpc.sync.get.queryOptions({ workspaceId: workspace.id, syncId }));
  const run = useQuery(
    trpc.syncRun.get.queryOptions(
      { workspaceId: workspace.id, runId },
      { refetchInterval: (query) => (query.state.data && isRunActive(query.state.data.status) ? 1500 : false) },
    ),
  );
  const active = run.data ? isRunActive(run.data.status) : false;
  useRefreshWhen(!run.data ? null : active ? "running" : "finished");
  if (run.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (run.isError) return <Alert tone="error" title="This run could not be loaded">{run.error.message}</Alert>;
  const { data } = run;
  const counters = data.counters;
  const total = data.startedAt && data.finishedAt ? data.finishedAt.getTime() - data.startedAt.getTime() : null;
  return (
    <>
      <Link href={`/w/${workspace.slug}/syncs/${syncId}`} className="mb-3 inline-flex items-center gap-1.5 text-sm font-medium text-slate-600 hover:text-slate-900">
        <ArrowLeft aria-hidden className="size-4" />
        {sync.data?.name ?? "Back to the sync"}
      </Link>
      <PageHeader
        title={`Run of ${time(data.queuedAt)}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <RunStatusBadge status={data.status} />
            <span>
              {TRIGGER_LABELS[data.trigger]}
              {data.attempt > 1 ? ` · attempt ${data.attempt}` : ""}
            </span>
          </span>
        }
      />
      <div className="grid gap-6">
        {data.status === "failed" ? (
          <Alert tone="error" title="This run failed">
            {data.error ?? "It stopped without saying why."} What the destination accepted before that is kept; the next run sends the rest.
          </Alert>
        ) : data.status === "cancelled" || data.status === "skipped" ? (
          <Alert tone="info" title={data.status === "cancelled" ? "This run was cancelled" : "This run was skipped"}>
            {data.error}
          </Alert>
        ) : null}
        {active ? <ActiveRunCard run={data} /> : null}
        <Card>
          <CardHeader title="Timings" />
          <div className="px-5 py-4">
            <StatGrid
              stats={[
                { label: "Queued", value: <span className="text-sm">{time(data.queuedAt)}</span> },
                { label: "Started", value: <span className="text-sm">{time(data.startedAt)}</span> },
                { label: "Finished", value: <span className="text-sm">{time(data.finishedAt)}</span> },
                { label: "Total", value: duration(total) },
                { label: "Reading", value: duration(data.readMs), hint: "Time spent reading the model from the warehouse" },
                { label: "Sending", value: duration(data.deliverMs), hint: "Time spent sending changes to the destination" },
              ]}
            />
          </div>
        </Card>
        {counters ? (
          <Card>
            <CardHeader title="What it counted" />
            <div className="px-5 py-4">
              <StatGrid
                stats={[
                  { label: "Rows read", value: formatCount(counters.rowsRead) },
                  { label: "Added", value: formatCount(counters.added), hint: "Rows the destination did not have yet" },
                  { label: "Changed", value: formatCount(counters.changed), hint: "Rows whose mapped values changed since the last run" },
                  { label: "Removed", value: formatCount(counters.removed), hint: "Rows no longer in the model" },
                  { label: "Unchanged", value: formatCount(counters.unchanged), hint: "Rows already up to date: not sent" },
                  { label: "Not sent by this mode", value: formatCount(counters.skipped), hint: "Changes the sync's mode does not send" },
                  { label: "Parked", value: formatCount(counters.parked), hint: "Not sent: refused too often before" },
                  { label: "Sent", value: formatCount(counters.sent) },
                  { label: "Accepted", value: formatCount(counters.accepted) },
                  { label: "Rejected", value: formatCount(counters.rejected) },
                  { label: "Requests", value: formatCount(counters.requests), hint: "Calls made to the destination" },
                  { label: "Retries", value: formatCount(counters.retries), hint: "Calls repeated after a timeout or a rate limit" },
                ]}
              />
            </div>
          </Card>
        ) : null}
        <RunChanges runId={runId} active={active} loggedAll={!counters || counters.sent < data.logLimit} logLimit={data.logLimit} />
      </div>
    </>
  );
}
