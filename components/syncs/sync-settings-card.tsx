"use client";

import { useQuery } from "@tanstack/react-query";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import type { RouterOutputs } from "@/server/api/types";
import { formatRelative } from "./run-words";
import { StatGrid } from "./stat-grid";
import { useNow } from "./use-now";

type Sync = RouterOutputs["sync"]["get"];

/** What the sync does, at a glance: where it writes, how it matches records, when it runs, and its fields. */
export function SyncSettingsCard({ sync }: { sync: Sync }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const now = useNow();
  const transforms = useQuery(trpc.sync.transforms.queryOptions({ workspaceId: workspace.id }));
  const labels = new Map(transforms.data?.map((transform) => [transform.name, transform.label]));
  return (
    <Card>
      <CardHeader title="Settings" />
      <div className="space-y-5 px-5 py-4">
        <StatGrid
          compact
          stats={[
            { label: "Destination object", value: <span className="font-mono">{sync.destinationObject}</span> },
            { label: "Identifier", value: <span className="font-mono">{sync.mapping.identifier}</span>, hint: "How Sluice matches records in the destination" },
            {
              label: "Next run",
              value: sync.paused ? "Paused" : sync.nextRunAt ? formatRelative(sync.nextRunAt, now) : "When someone presses Run now",
            },
            { label: "Freshness target (SLA)", value: `${sync.slaMinutes} minutes` },
          ]}
        />
        <Table caption="Fields sent" columns={[{ label: "Model column" }, { label: "Destination field" }, { label: "Transform" }]}>
          {sync.mapping.fields.map((field) => (
            <tr key={field.destination}>
              <td className="py-2 pr-4 font-mono text-slate-800">{field.source}</td>
              <td className="py-2 pr-4 font-mono text-slate-800">{field.destination}</td>
              <td className="py-2 text-slate-600">{labels.get(field.transform) ?? field.transform}</td>
            </tr>
          ))}
        </Table>
      </div>
    </Card>
  );
}
