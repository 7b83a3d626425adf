import Link from "next/link";
import type { RunStatus } from "@/db/schema/syncs";
import type { RouterOutputs } from "@/server/api/types";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { formatAgo, formatCount, formatPercent } from "./format";

type SyncHealth = RouterOutputs["metric"]["workspace"]["syncs"][number];

const STATUS: Record<RunStatus, { label: string; tone: "success" | "danger" | "warning" | "neutral" | "brand" }> = {
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  cancelled: { label: "Cancelled", tone: "neutral" },
  skipped: { label: "Skipped", tone: "warning" },
  queued: { label: "Queued", tone: "brand" },
  reading: { label: "Running", tone: "brand" },
  diffing: { label: "Running", tone: "brand" },
  delivering: { label: "Running", tone: "brand" },
};

function LastRun({ run }: { run: SyncHealth["lastRun"] }) {
  if (!run) return <span className="text-slate-400">Never run</span>;
  const status = STATUS[run.status];
  return (
    <span className="inline-flex items-center gap-2">
      <Badge tone={status.tone}>{status.label}</Badge>
      <span className="text-slate-500">{formatAgo(run.finishedAt ?? run.queuedAt)}</span>
    </span>
  );
}

/** One line per sync: how reliable and how fresh it has been over the period. */
export function SyncHealthTable({ slug, syncs, days }: { slug: string; syncs: SyncHealth[]; days: number }) {
  return (
    <Card>
      <CardHeader title="Health by sync" description={`Each sync over the last ${days} days.`} />
      <div className="overflow-x-auto px-5 py-2 [&_th]:pr-4">
        <Table
          caption={`Health of each sync over the last ${days} days`}
          columns={[
            { label: "Sync" },
            { label: "Success rate", align: "right" },
            { label: "Freshness SLA", align: "right" },
            { label: "Records delivered", align: "right" },
            { label: "Last run" },
          ]}
        >
          {syncs.map((sync) => (
            <tr key={sync.id}>
              <td className="py-2.5 pr-4">
                <Link href={`/w/${slug}/syncs/${sync.id}`} className="font-medium text-brand-700 hover:underline">
                  {sync.name}
                </Link>
                <span className="block text-xs text-slate-500">
                  to {sync.destinationName}
                  {sync.paused ? " · paused" : ""}
                </span>
              </td>
              <td className="py-2.5 pr-4 text-right tabular-nums">{formatPercent(sync.successRate)}</td>
              <td className="py-2.5 pr-4 text-right tabular-nums">
                {sync.slaAttainment === null && !sync.scheduled ? <span className="text-slate-400">Manual</span> : formatPercent(sync.slaAttainment)}
              </td>
              <td className="py-2.5 pr-4 text-right tabular-nums">{formatCount(sync.recordsDelivered)}</td>
              <td className="py-2.5 whitespace-nowrap">
                <LastRun run={sync.lastRun} />
              </td>
            </tr>
          ))}
        </Table>
      </div>
    </Card>
  );
}
