"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { displayValue } from "@/components/ui/display-value";
import { Table } from "@/components/ui/table";
import { RelationsPanel } from "./relations-panel";

export function ModelDetail({ modelId }: { modelId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const workspace = useWorkspace();
  const model = useQuery(trpc.model.get.queryOptions({ workspaceId: workspace.id, modelId }));
  const refresh = useMutation(trpc.model.refresh.mutationOptions());
  const remove = useMutation(trpc.model.delete.mutationOptions({ onSuccess: () => router.push(`/w/${workspace.slug}/models`) }));
  if (model.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (model.isError) return <Alert tone="error" title="This model could not be loaded">{model.error.message}</Alert>;
  const { data } = model;
  return (
    <>
      <PageHeader
        title={data.name}
        description={data.query.kind === "sql" ? "A SQL model." : `The ${data.query.table} table.`}
        actions={
          workspace.can("editor") ? (
            <div className="flex gap-3">
              <Button variant="secondary" pending={refresh.isPending} onClick={() => refresh.mutate({ workspaceId: workspace.id, modelId })}>
                Refresh columns
              </Button>
              <Link
                href={`/w/${workspace.slug}/models/${modelId}/edit`}
                className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
              >
                Edit
              </Link>
              <Button
                variant="danger"
                onClick={() => window.confirm(`Delete the ${data.name} model?`) && remove.mutate({ workspaceId: workspace.id, modelId })}
              >
                Delete
              </Button>
            </div>
          ) : null
        }
      />
      <div className="grid gap-6">
        {refresh.error ? <Alert tone="error" title="Refreshing failed">{refresh.error.message}</Alert> : null}
        <Card>
          <CardHeader
            title="Columns"
            description={data.columnsRefreshedAt ? `As of ${data.columnsRefreshedAt.toLocaleString()}.` : undefined}
          />
          <div className="px-5 py-2">
            <Table columns={[{ label: "Column" }, { label: "Type" }, { label: "Sample values" }]}>
              {data.columns.map((column) => (
                <tr key={column.name}>
                  <td className="py-2 font-mono text-slate-800">
                    {column.name}
                    {column.name === data.primaryKey ? (
                      <span className="ml-2">
                        <Badge tone="brand">primary key</Badge>
                      </span>
                    ) : null}
                  </td>
                  <td className="py-2 text-slate-600">
                    {column.type} <span className="text-xs text-slate-400">({column.nativeType})</span>
                  </td>
                  <td className="max-w-md truncate py-2 text-slate-600">{column.samples.map(displayValue).join(", ")}</td>
                </tr>
              ))}
            </Table>
          </div>
        </Card>
        <RelationsPanel model={data} />
      </div>
    </>
  );
}
