"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { NewConnectionForm } from "@/components/connections/new-connection-form";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";

export function NewDestinationForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const workspace = useWorkspace();
  const types = useQuery(trpc.destination.types.queryOptions({ workspaceId: workspace.id }));
  const test = useMutation(trpc.destination.test.mutationOptions({ meta: { readOnly: true } }));
  const create = useMutation(
    trpc.destination.create.mutationOptions({
      onSuccess: (destination) => router.push(`/w/${workspace.slug}/destinations/${destination.id}`),
    }),
  );
  return (
    <NewConnectionForm
      noun="destination"
      types={types.data ?? []}
      namePlaceholder="e.g. Marketing webhook"
      test={{
        result: test.data,
        pending: test.isPending,
        error: test.error,
        reset: test.reset,
        run: (type, config) => test.mutate({ workspaceId: workspace.id, type, config }),
      }}
      save={{
        pending: create.isPending,
        error: create.error,
        run: (name, type, config) => create.mutate({ workspaceId: workspace.id, name, type, config }),
      }}
    />
  );
}
