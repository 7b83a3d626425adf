"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import type { AudienceDefinition } from "@/server/audiences/definition";
import type { BuilderData } from "./builder-context";
import { InlineSelect } from "./controls";

/** How many people this audience shares with another one. */
export function OverlapPanel({ data, definition, audienceId }: { data: BuilderData; definition: AudienceDefinition; audienceId: string | null }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const [otherId, setOtherId] = useState("");
  const overlap = useMutation(trpc.audience.overlap.mutationOptions({ meta: { readOnly: true } }));
  if (data.audiences.length === 0) return null;
  const other = data.audiences.find((audience) => audience.id === otherId);
  const format = (value: number) => value.toLocaleString("en-US");
  return (
    <Card>
      <CardHeader title="Overlap" description="Compare with another audience of the same model." />
      <div className="space-y-3 px-5 py-4">
        <div className="flex flex-wrap items-center gap-2">
          <InlineSelect
            label="Other audience"
            value={otherId}
            onChange={(event) => setOtherId(event.target.value)}
            options={[{ value: "", label: "Choose an audience" }, ...data.audiences.map((audience) => ({ value: audience.id, label: audience.name }))]}
          />
          <Button
            variant="secondary"
            size="sm"
            disabled={!otherId}
            pending={overlap.isPending}
            onClick={() => overlap.mutate({ workspaceId: workspace.id, definition, otherAudienceId: otherId, audienceId })}
          >
            Compare
          </Button>
        </div>
        {overlap.error ? <Alert tone="error">{overlap.error.message}</Alert> : null}
        {overlap.data && other ? (
          <p role="status" className="text-sm text-slate-700">
            {format(overlap.data.both)} people are in both. This audience has {format(overlap.data.audience)}, {other.name} has{" "}
            {format(overlap.data.other)}.
          </p>
        ) : null}
      </div>
    </Card>
  );
}
