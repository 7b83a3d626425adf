"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { actionOf } from "@/components/connections/action";
import type { ConfigValues } from "@/components/connections/config-form";
import { SettingsCard } from "@/components/connections/settings-card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";

export function DestinationDetail({ destinationId }: { destinationId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const workspace = useWorkspace();
  const scope = { workspaceId: workspace.id, destinationId };
  const destination = useQuery(trpc.destination.get.queryOptions(scope));
  const types = useQuery(trpc.destination.types.queryOptions({ workspaceId: workspace.id }));
  const test = useMutation(trpc.destination.test.mutationOptions({ meta: { readOnly: true } }));
  const save = useMutation(trpc.destination.update.mutationOptions());
  const remove = useMutation(trpc.destination.delete.mutationOptions({ onSuccess: () => router.push(`/w/${workspace.slug}/destinations`) }));
  if (destination.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (destination.isError) return <Alert tone="error" title="This destination could not be loaded">{destination.error.message}</Alert>;
  const { data } = destination;
  const connector = types.data?.find((candidate) => candidate.type === data.type);
  return (
    <>
      <PageHeader
        title={data.name}
        description={`A ${connector?.label ?? data.type} destination.`}
        actions={
          workspace.can("editor") ? (
            <Button
              variant="danger"
              pending={remove.isPending}
              onClick={() => window.confirm(`Delete ${data.name}?`) && remove.mutate(scope)}
            >
              Delete destination
            </Button>
          ) : null
        }
      />
      <div className="grid gap-6">
        {data.lastCheckError ? <Alert tone="error" title="The last connection check failed">{data.lastCheckError}</Alert> : null}
        {remove.error ? <Alert tone="error">{remove.error.message}</Alert> : null}
        {connector ? (
          <SettingsCard
            noun="destination"
            connector={connector}
            initial={data.config}
            secretsSet={data.secretsSet}
            test={actionOf(test, (config: ConfigValues | undefined) => test.mutate({ ...scope, config }))}
            save={actionOf(save, (config: ConfigValues) => save.mutate({ ...scope, config }))}
          />
        ) : null}
      </div>
    </>
  );
}
