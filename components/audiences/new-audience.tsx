"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { emptyAudienceDefinition } from "@/server/audiences/definition";
import { AudienceBuilder } from "./audience-builder";

/** A new audience: choose the model it picks rows of (e.g. Customers), then build it. */
export function NewAudience() {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const models = useQuery(trpc.model.list.queryOptions({ workspaceId: workspace.id }));
  const [parentModelId, setParentModelId] = useState("");
  const context = useQuery({
    ...trpc.audience.builderContext.queryOptions({ workspaceId: workspace.id, parentModelId }),
    enabled: parentModelId !== "",
  });
  if (models.isPending) return <p className="text-sm text-slate-500">Loading models…</p>;
  if (models.isError) return <Alert tone="error">{models.error.message}</Alert>;
  if (models.data.length === 0) {
    return (
      <Alert tone="info" title="First, create a model">
        An audience picks rows of a model. <Link href={`/w/${workspace.slug}/models/new`} className="font-medium underline">Create a model</Link> of your customers first.
      </Alert>
    );
  }
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader title="Who is this audience made of?" description="Choose the model whose rows the audience picks, usually your customers or users." />
        <div className="max-w-md px-5 py-4">
          <SelectField
            label="Parent model"
            value={parentModelId}
            onChange={(event) => setParentModelId(event.target.value)}
            options={[{ value: "", label: "Choose a model" }, ...models.data.map((model) => ({ value: model.id, label: model.name }))]}
          />
        </div>
      </Card>
      {context.isError ? <Alert tone="error">{context.error.message}</Alert> : null}
      {context.data && context.data.parent.id === parentModelId ? (
        <AudienceBuilder key={parentModelId} data={context.data} initial={emptyAudienceDefinition(parentModelId)} />
      ) : parentModelId && context.isPending ? (
        <p className="text-sm text-slate-500">Loading {models.data.find((model) => model.id === parentModelId)?.name}…</p>
      ) : null}
    </div>
  );
}
