"use client";

import { useQuery } from "@tanstack/react-query";
import { Send } from "lucide-react";
import Link from "next/link";
import { EditorLink } from "@/components/shell/editor-link";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";

export function DestinationList() {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const destinations = useQuery(trpc.destination.list.queryOptions({ workspaceId: workspace.id }));
  if (destinations.isPending) return <p className="text-sm text-slate-500">Loading destinations…</p>;
  if (destinations.isError) return <Alert tone="error">{destinations.error.message}</Alert>;
  if (destinations.data.length === 0) {
    return (
      <EmptyState icon={Send} title="No destinations yet" action={<EditorLink to="destinations/new">Add destination</EditorLink>}>
        A destination is an account in a tool your teams use — a webhook of your own or a Postgres or MySQL table today;
        HubSpot, Salesforce, Braze and others next. Its credentials are stored encrypted and are never shown again after you save them.
      </EmptyState>
    );
  }
  return (
    <Card>
      <div className="px-5 py-2">
        <Table columns={[{ label: "Destination" }, { label: "Type" }, { label: "Connection" }]}>
          {destinations.data.map((destination) => (
            <tr key={destination.id}>
              <td className="py-2.5">
                <Link href={`/w/${workspace.slug}/destinations/${destination.id}`} className="font-medium text-brand-700 hover:underline">
                  {destination.name}
                </Link>
              </td>
              <td className="py-2.5 text-slate-700">{destination.type}</td>
              <td className="py-2.5">
                {destination.lastCheckError ? (
                  <Badge tone="danger">Failing</Badge>
                ) : destination.lastCheckedAt ? (
                  <Badge tone="success">Connected</Badge>
                ) : (
                  <Badge>Not tested yet</Badge>
                )}
              </td>
            </tr>
          ))}
        </Table>
      </div>
    </Card>
  );
}
