"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { AudienceBuilder } from "./audience-builder";
import { AudienceExtras } from "./audience-extras";
import { SyncLink } from "./sync-link";

/** An existing audience: its builder, and where to sync it. */
export function AudienceDetail({ audienceId }: { audienceId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const workspace = useWorkspace();
  const audience = useQuery(trpc.audience.get.queryOptions({ workspaceId: workspace.id, audienceId }));
  const parentModelId = audience.data?.parentModelId ?? "";
  const context = useQuery({
    ...trpc.audience.builderContext.queryOptions({ workspaceId: workspace.id, parentModelId, audienceId }),
    enabled: parentModelId !== "",
  });
  const remove = useMutation(trpc.audience.delete.mutationOptions({ onSuccess: () => router.push(`/w/${workspace.slug}/audiences`) }));
  if (audience.isError) return <Alert tone="error" title="This audience could not be loaded">{audience.error.message}</Alert>;
  if (context.isError) return <Alert tone="error">{context.error.message}</Alert>;
  if (audience.isPending || context.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  const { data } = audience;
  return (
    <>
      <PageHeader
        title={data.name}
        description={data.description ?? `An audience of ${context.data.parent.name}.`}
        actions={
          <div className="flex gap-3">
            {data.modelId ? <SyncLink modelId={data.modelId}>Sync this audience</SyncLink> : null}
            {workspace.can("editor") ? (
              <Button
                variant="danger"
                pending={remove.isPending}
                onClick={() => window.confirm(`Delete the ${data.name} audience?`) && remove.mutate({ workspaceId: workspace.id, audienceId })}
              >
                Delete
              </Button>
            ) : null}
          </div>
        }
      />
      {remove.error ? <Alert tone="error" title="The audience was not deleted">{remove.error.message}</Alert> : null}
      <AudienceBuilder
        key={data.id}
        data={context.data}
        audience={data}
        initial={data.definition}
        extras={(definition, setDefinition, count, splitCounts) => (
          <AudienceExtras audience={data} data={context.data} definition={definition} setDefinition={setDefinition} count={count} splitCounts={splitCounts} />
        )}
      />
    </>
  );
}
