"use client";

import { useQuery } from "@tanstack/react-query";
import { Table2, Users } from "lucide-react";
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
import { timeAgo } from "./time-ago";

export function AudienceList() {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const audiences = useQuery(trpc.audience.list.queryOptions({ workspaceId: workspace.id }));
  const models = useQuery(trpc.model.list.queryOptions({ workspaceId: workspace.id }));
  if (audiences.isPending || models.isPending) return <p className="text-sm text-slate-500">Loading audiences…</p>;
  if (audiences.isError) return <Alert tone="error">{audiences.error.message}</Alert>;
  if (models.isError) return <Alert tone="error">{models.error.message}</Alert>;
  if (audiences.data.length === 0 && models.data.length === 0) {
    return (
      <EmptyState icon={Table2} title="First, create a model" action={<NextStepLink to="models/new">Create a model</NextStepLink>}>
        An audience picks rows of a model, such as your customers, by who they are and what they did. Create a model of
        your customers first (the Demo warehouse has one), and relate their orders and events to it.
      </EmptyState>
    );
  }
  if (audiences.data.length === 0) {
    return (
      <EmptyState icon={Users} title="No audiences yet" action={<EditorLink to="audiences/new">New audience</EditorLink>}>
        An audience is built by clicking, not by writing SQL: for example, customers in the US who ordered twice in the
        last 90 days. Sluice counts it as you build it, and keeps it up to date in every sync.
      </EmptyState>
    );
  }
  const now = new Date();
  return (
    <Card>
      <div className="px-5 py-2">
        <Table caption="Audiences" columns={[{ label: "Audience" }, { label: "Built on" }, { label: "Size", align: "right" }, { label: "Updated", align: "right" }]}>
          {audiences.data.map((audience) => (
            <tr key={audience.id}>
              <td className="py-2.5">
                <Link href={`/w/${workspace.slug}/audiences/${audience.id}`} className="font-medium text-brand-700 hover:underline">
                  {audience.name}
                </Link>
                {audience.description ? <p className="text-xs text-slate-500">{audience.description}</p> : null}
                {audience.problem ? (
                  <p className="mt-1 flex items-center gap-2 text-xs text-red-700">
                    <Badge tone="danger">Needs attention</Badge>
                    {audience.problem}
                  </p>
                ) : null}
              </td>
              <td className="py-2.5 text-slate-700">{audience.parentModelName}</td>
              <td className="py-2.5 text-right tabular-nums">{audience.lastCount === null ? "—" : audience.lastCount.toLocaleString("en-US")}</td>
              <td className="py-2.5 text-right text-slate-500" title={audience.updatedAt.toLocaleString()}>
                {timeAgo(audience.updatedAt, now)}
              </td>
            </tr>
          ))}
        </Table>
      </div>
    </Card>
  );
}
