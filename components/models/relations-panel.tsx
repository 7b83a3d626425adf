"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import type { RouterOutputs } from "@/server/api/types";

type Model = RouterOutputs["model"]["get"];

/**
 * How this model joins others: "each customer has many orders" (this model is the parent)
 * or "each order belongs to a customer" (this model is the child). Audiences use these.
 */
export function RelationsPanel({ model }: { model: Model }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const models = useQuery(trpc.model.list.queryOptions({ workspaceId: workspace.id }));
  const relations = useQuery(trpc.modelRelation.list.queryOptions({ workspaceId: workspace.id, modelId: model.id }));
  const create = useMutation(trpc.modelRelation.create.mutationOptions());
  const remove = useMutation(trpc.modelRelation.delete.mutationOptions());
  const [column, setColumn] = useState(model.primaryKey);
  const [otherId, setOtherId] = useState("");
  const [otherColumn, setOtherColumn] = useState("");
  const byId = new Map((models.data ?? []).map((candidate) => [candidate.id, candidate]));
  const others = (models.data ?? []).filter((candidate) => candidate.id !== model.id && candidate.sourceId === model.sourceId);
  const other = byId.get(otherId);

  return (
    <Card>
      <CardHeader title="Related models" description={`Rows of other models that belong to each ${model.name} row, e.g. a customer's orders or events.`} />
      <div className="space-y-4 px-5 py-4">
        {relations.data?.length ? (
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
            {relations.data.map((relation) => {
              const parent = byId.get(relation.parentModelId)?.name ?? "?";
              const child = byId.get(relation.childModelId)?.name ?? "?";
              return (
                <li key={relation.id} className="flex items-center justify-between px-3 py-2 text-sm">
                  <span>
                    Each <strong>{parent}</strong> row has many <strong>{child}</strong> rows:{" "}
                    <code>
                      {parent}.{relation.parentColumn} = {child}.{relation.childColumn}
                    </code>
                  </span>
                  {workspace.can("editor") ? (
                    <Button variant="ghost" size="sm" onClick={() => remove.mutate({ workspaceId: workspace.id, relationId: relation.id })}>
                      Remove
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">No relations yet.</p>
        )}
        {workspace.can("editor") ? (
          <form
            className="grid gap-4 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end"
            onSubmit={(event) => {
              event.preventDefault();
              create.mutate({ workspaceId: workspace.id, parentModelId: model.id, parentColumn: column, childModelId: otherId, childColumn: otherColumn });
            }}
          >
            <SelectField
              label={`${model.name} column`}
              value={column}
              onChange={(event) => setColumn(event.target.value)}
              options={model.columns.map((candidate) => ({ value: candidate.name, label: candidate.name }))}
            />
            <SelectField
              label="has many rows of"
              value={otherId}
              onChange={(event) => {
                setOtherId(event.target.value);
                setOtherColumn("");
              }}
              options={[{ value: "", label: "Choose a model" }, ...others.map((candidate) => ({ value: candidate.id, label: candidate.name }))]}
            />
            <SelectField
              label="matched on column"
              value={otherColumn}
              onChange={(event) => setOtherColumn(event.target.value)}
              options={[{ value: "", label: "Choose a column" }, ...(other?.columns ?? []).map((candidate) => ({ value: candidate.name, label: candidate.name }))]}
            />
            <Button type="submit" variant="secondary" disabled={!otherId || !otherColumn} pending={create.isPending}>
              Add relation
            </Button>
          </form>
        ) : null}
        {create.error ? <Alert tone="error">{create.error.message}</Alert> : null}
      </div>
    </Card>
  );
}
