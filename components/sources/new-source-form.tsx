"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { actionOf } from "@/components/connections/action";
import type { ConfigValues } from "@/components/connections/config-form";
import { NewConnectionForm } from "@/components/connections/new-connection-form";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import type { SourceType } from "@/server/sources/types";

export function NewSourceForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const workspace = useWorkspace();
  const types = useQuery(trpc.source.types.queryOptions({ workspaceId: workspace.id }));
  const test = useMutation(trpc.source.test.mutationOptions({ meta: { readOnly: true } }));
  const create = useMutation(
    trpc.source.create.mutationOptions({ onSuccess: (source) => router.push(`/w/${workspace.slug}/sources/${source.id}`) }),
  );
  return (
    <NewConnectionForm
      noun="source"
      types={types.data ?? []}
      namePlaceholder="e.g. Production warehouse"
      test={actionOf(test, (type: SourceType, config: ConfigValues) => test.mutate({ workspaceId: workspace.id, type, config }))}
      save={actionOf(create, (name: string, type: SourceType, config: ConfigValues) => create.mutate({ workspaceId: workspace.id, name, type, config }))}
    />
  );
}
