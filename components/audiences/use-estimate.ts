"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { AudienceDefinition } from "@/server/audiences/definition";
import { useDebouncedValue } from "@/components/syncs/use-debounced-value";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPCClient } from "@/components/trpc/client";

/**
 * The live size: the definition is counted once it has stopped changing for 400 ms, and a
 * count still running when the next one starts is cancelled, so only the latest one shows.
 */
export function useEstimate(definition: AudienceDefinition, audienceId: string | null) {
  const client = useTRPCClient();
  const workspace = useWorkspace();
  const settled = useDebouncedValue(definition, 400);
  const running = useRef<AbortController | null>(null);
  const estimate = useMutation({
    meta: { readOnly: true },
    mutationFn: (counted: AudienceDefinition) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      return client.audience.estimate.mutate({ workspaceId: workspace.id, definition: counted, audienceId: audienceId ?? undefined }, { signal: controller.signal });
    },
  });
  const { mutate } = estimate;
  useEffect(() => {
    mutate(settled);
  }, [settled, mutate]);
  useEffect(() => () => running.current?.abort(), []);
  return { estimate, counting: estimate.isPending || settled !== definition, counted: settled };
}
