"use client";

import { useQuery } from "@tanstack/react-query";
import { Table2 } from "lucide-react";
import Link from "next/link";
import { EditorLink } from "@/components/shell/editor-link";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";

export function ModelList() {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const models = useQuery(trpc.model.list.queryOptions({ workspaceId: workspace.id }));
  if (models.isPending) return <p className="text-sm text-slate-500">Loading models…</p>;
  if (models.isError) return <Alert tone="error">{models.error.message}</Alert>;
  if (models.data.length === 0) {
    return (
      <EmptyState icon={Table2} title="No models yet" action={<EditorLink to="models/new">New model</EditorLink>}>
        A model says which rows Sluice reads: a table such as customers, or a SQL query, with a primary key so Sluice
        can tell which rows changed. Start from the Demo warehouse, or upload a CSV file.
      </EmptyState>
    );
  }
  return (
    <Card>
      <div className="px-5 py-2">
        <Table columns={[{ label: "Model" }, { label: "Source" }, { label: "Primary key" }, { label: "Columns", align: "right" }]}>
          {models.data.map((model) => (
            <tr key={model.id}>
              <td className="py-2.5">
                <Link href={`/w/${workspace.slug}/models/${model.id}`} className="font-medium text-brand-700 hover:underline">
                  {model.name}
                </Link>
                <p className="text-xs text-slate-500">{model.query.kind === "sql" ? "SQL query" : `Table ${model.query.table}`}</p>
              </td>
              <td className="py-2.5 text-slate-700">{model.sourceName}</td>
              <td className="py-2.5 font-mono text-slate-700">{model.primaryKey}</td>
              <td className="py-2.5 text-right tabular-nums">{model.columns.length}</td>
            </tr>
          ))}
        </Table>
      </div>
    </Card>
  );
}
