"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowRightLeft } from "lucide-react";
import Link from "next/link";
import { EditorLink } from "@/components/shell/editor-link";
import { NextStepLink } from "@/components/shell/next-step-link";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import { MODE_TITLES } from "./mode-words";
import { RunStatusBadge } from "./run-status-badge";
import { formatRelative } from "./run-words";
import { useNow } from "./use-now";

/** What to do before the first sync: a model and a destination must exist. */
function NoSyncs() {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const models = useQuery(trpc.model.list.queryOptions({ workspaceId: workspace.id }));
  const destinations = useQuery(trpc.destination.list.queryOptions({ workspaceId: workspace.id }));
  if (models.isPending || destinations.isPending) return <p className="text-sm text-slate-500">Loading syncs…</p>;
  const noModels = models.data?.length === 0;
  const noDestinations = destinations.data?.length === 0;
  const action = noModels ? (
    <NextStepLink to="models/new">Create a model</NextStepLink>
  ) : noDestinations ? (
    <NextStepLink to="destinations/new">Add a destination</NextStepLink>
  ) : (
    <EditorLink to="syncs/new">New sync</EditorLink>
  );
  return (
    <EmptyState icon={ArrowRightLeft} title="No syncs yet" action={action}>
      <p>
        A sync keeps a destination up to date with a model: on each run it sends only what changed since the last one,
        and shows how fresh, complete and successful every run was.
      </p>
      {noModels && noDestinations ? (
        <p className="mt-2">
          First, create a model (the rows to send), then{" "}
          <Link href={`/w/${workspace.slug}/destinations/new`} className="font-medium text-brand-700 hover:underline">
            add a destination
          </Link>{" "}
          (the tool to send them to).
        </p>
      ) : noModels ? (
        <p className="mt-2">First, create a model: the rows to send.</p>
      ) : noDestinations ? (
        <p className="mt-2">First, add a destination: the tool to send your rows to.</p>
      ) : null}
    </EmptyState>
  );
}

export function SyncList() {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const now = useNow();
  const syncs = useQuery(trpc.sync.list.queryOptions({ workspaceId: workspace.id }));
  if (syncs.isPending) return <p className="text-sm text-slate-500">Loading syncs…</p>;
  if (syncs.isError) return <Alert tone="error">{syncs.error.message}</Alert>;
  if (syncs.data.length === 0) return <NoSyncs />;
  return (
    <Card>
      <div className="overflow-x-auto px-5 py-2">
        <Table caption="Syncs" columns={[{ label: "Sync" }, { label: "Mode" }, { label: "Schedule" }, { label: "Last run" }]}>
          {syncs.data.map((sync) => (
            <tr key={sync.id}>
              <td className="py-2.5 pr-4">
                <Link href={`/w/${workspace.slug}/syncs/${sync.id}`} className="font-medium text-brand-700 hover:underline">
                  {sync.name}
                </Link>
                <p className="text-xs text-slate-500">
                  {sync.modelName} → {sync.destinationName}
                </p>
              </td>
              <td className="py-2.5 pr-4 text-slate-700">{MODE_TITLES[sync.mode]}</td>
              <td className="py-2.5 pr-4 text-slate-700">
                <span className="inline-flex flex-wrap items-center gap-2">
                  {sync.scheduleText}
                  {sync.paused ? <Badge tone="warning">Paused</Badge> : null}
                </span>
              </td>
              <td className="py-2.5">
                {sync.lastRun ? (
                  <span className="inline-flex flex-wrap items-center gap-2">
                    <RunStatusBadge status={sync.lastRun.status} />
                    <span className="text-slate-500" title={(sync.lastRun.finishedAt ?? sync.lastRun.queuedAt).toLocaleString()}>
                      {formatRelative(sync.lastRun.finishedAt ?? sync.lastRun.queuedAt, now)}
                    </span>
                  </span>
                ) : (
                  <span className="text-slate-500">Never run</span>
                )}
              </td>
            </tr>
          ))}
        </Table>
      </div>
    </Card>
  );
}
