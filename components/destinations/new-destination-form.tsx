"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { actionOf } from "@/components/connections/action";
import type { ConfigValues } from "@/components/connections/config-form";
import { NewConnectionForm } from "@/components/connections/new-connection-form";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import type { DestinationType } from "@/server/destinations/types";

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
      namePlaceholder="e.g. Marketing webhook, CRM database"
      test={actionOf(test, (type: DestinationType, config: ConfigValues) => test.mutate({ workspaceId: workspace.id, type, config }))}
      save={actionOf(create, (name: string, type: DestinationType, config: ConfigValues) => create.mutate({ workspaceId: workspace.id, name, type, config }))}
    />
  );
}
