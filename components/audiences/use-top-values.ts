"use client";

import { useQuery } from "@tanstack/react-query";
import { useDebouncedValue } from "@/components/syncs/use-debounced-value";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";

/** The most common values of a column (narrowed by what is typed), for suggestions. */
export function useTopValues(modelId: string | null, column: string, search = "") {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const settled = useDebouncedValue(search, 250);
  const values = useQuery({
    ...trpc.audience.values.queryOptions({ workspaceId: workspace.id, modelId: modelId ?? "", column, search: settled || undefined }),
    enabled: modelId !== null && column !== "",
    staleTime: 60_000,
  });
  return values.data ?? [];
}
