"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { RunStatusBadge } from "./run-status-badge";
import { formatCount, formatDuration, formatRelative, isRunActive, TRIGGER_LABELS } from "./run-words";
import { useNow } from "./use-now";

const SHOWN = 25;

/** The latest runs, newest first; polled while one of them is still going. */
export function RunsTable({ syncId }: { syncId: string }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const now = useNow(5000);
  const runs = useQuery(
    trpc.syncRun.list.queryOptions(
      { workspaceId: workspace.id, syncId, limit: SHOWN },
      { refetchInterval: (query) => (query.state.data?.some((run) => isRunActive(run.status)) ? 2000 : false) },
    ),
  );
  return (
    <Card>
      <CardHeader title="Runs" description={`The last ${SHOWN} runs. Open one to see every record it sent.`} />
      <div className="overflow-x-auto px-5 py-2">
        {runs.isError ? <Alert tone="error">{runs.error.message}</Alert> : null}
        {runs.data?.length === 0 ? (
          <p className="py-3 text-sm text-slate-500">No runs yet. Press Run now to send the model&apos;s rows for the first time.</p>
        ) : runs.data ? (
          <Table
            caption="Runs"
            columns={[
              { label: "Started" },
              { label: "Status" },
              { label: "Trigger" },
              { label: "Duration", align: "right" },
              { label: "Rows read", align: "right" },
              { label: "Added / changed / removed", align: "right" },
              { label: "Sent", align: "right" },
              { label: "Rejected", align: "right" },
            ]}
          >
            {runs.data.map((run) => {
              const started = run.startedAt ?? run.queuedAt;
              const ended = run.finishedAt?.getTime() ?? (isRunActive(run.status) ? now : null);
              const counters = run.counters;
              return (
                <tr key={run.id}>
                  <td className="py-2.5 pr-4 whitespace-nowrap">
                    <Link href={`/w/${workspace.slug}/syncs/${syncId}/runs/${run.id}`} className="font-medium text-brand-700 hover:underline" title={started.toLocaleString()}>
                      {formatRelative(started, now)}
                    </Link>
                  </td>
                  <td className="py-2.5 pr-4">
                    <RunStatusBadge status={run.status} />
                  </td>
                  <td className="py-2.5 pr-4 whitespace-nowrap text-slate-700">{TRIGGER_LABELS[run.trigger]}</td>
                  <td className="py-2.5 pl-4 text-right whitespace-nowrap text-slate-700 tabular-nums">
                    {run.startedAt && ended !== null ? formatDuration(Math.max(0, ended - run.startedAt.getTime())) : "—"}
                  </td>
                  <td className="py-2.5 pl-4 text-right text-slate-700 tabular-nums">{counters ? formatCount(counters.rowsRead) : "—"}</td>
                  <td className="py-2.5 pl-4 text-right whitespace-nowrap text-slate-700 tabular-nums">
                    {counters ? `${formatCount(counters.added)} / ${formatCount(counters.changed)} / ${formatCount(counters.removed)}` : "—"}
                  </td>
                  <td className="py-2.5 pl-4 text-right text-slate-700 tabular-nums">{counters ? formatCount(counters.sent) : "—"}</td>
                  <td className="py-2.5 pl-4 text-right tabular-nums">
                    {counters ? <span className={counters.rejected > 0 ? "font-medium text-red-700" : "text-slate-700"}>{formatCount(counters.rejected)}</span> : "—"}
                  </td>
                </tr>
              );
            })}
          </Table>
        ) : (
          <p className="py-3 text-sm text-slate-500">Loading runs…</p>
        )}
      </div>
    </Card>
  );
}
