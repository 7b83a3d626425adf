"use client";

import { useQuery } from "@tanstack/react-query";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { ModelEditor } from "./model-editor";

export function EditModel({ modelId }: { modelId: string }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const model = useQuery(trpc.model.get.queryOptions({ workspaceId: workspace.id, modelId }));
  if (model.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (model.isError) return <Alert tone="error">{model.error.message}</Alert>;
  return (
    <>
      <PageHeader title={`Edit ${model.data.name}`} />
      <ModelEditor model={model.data} />
    </>
  );
}
