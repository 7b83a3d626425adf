"use client";

import { useQuery } from "@tanstack/react-query";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { SyncForm } from "./sync-form";

export function EditSync({ syncId }: { syncId: string }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const sync = useQuery(trpc.sync.get.queryOptions({ workspaceId: workspace.id, syncId }));
  if (sync.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (sync.isError) return <Alert tone="error" title="This sync could not be loaded">{sync.error.message}</Alert>;
  return (
    <>
      <PageHeader title={`Edit ${sync.data.name}`} description="Changes apply from the next run." />
      <SyncForm sync={sync.data} />
    </>
  );
}
