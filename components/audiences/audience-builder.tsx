"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { allIds, type AudienceDefinition } from "@/server/audiences/definition";
import type { RouterOutputs } from "@/server/api/types";
import { BuilderProvider, type Builder, type BuilderData } from "./builder-context";
import { GroupEditor } from "./group-editor";
import { SizePanel } from "./size-panel";
import { useEstimate } from "./use-estimate";

type Audience = RouterOutputs["audience"]["get"];

/**
 * The visual builder: a view of one `AudienceDefinition`, counted live as it is edited. Problems
 * are shown on the condition they belong to; the rest above the conditions. `extras` renders
 * below the conditions (preview, overlap, splits) with the current definition.
 */
export function AudienceBuilder({
  data,
  audience,
  initial,
  extras,
}: {
  data: BuilderData;
  audience?: Audience;
  initial: AudienceDefinition;
  extras?: (
    definition: AudienceDefinition,
    setDefinition: (next: AudienceDefinition) => void,
    count: number | null,
    splitCounts: readonly { groupId: string; count: number }[],
  ) => ReactNode;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const workspace = useWorkspace();
  const [name, setName] = useState(audience?.name ?? "");
  const [description, setDescription] = useState(audience?.description ?? "");
  const [definition, setDefinition] = useState(initial);
  const [savedAt, setSavedAt] = useState<AudienceDefinition | null>(null);
  const { estimate, counting } = useEstimate(definition, audience?.id ?? null);
  const readOnly = !workspace.can("editor");

  const problems = estimate.data?.problems ?? [];
  const ids = new Set(allIds(definition));
  const pinned = new Map<string, string[]>();
  const general: string[] = [];
  for (const problem of problems) {
    if (problem.conditionId !== null && ids.has(problem.conditionId)) {
      pinned.set(problem.conditionId, [...(pinned.get(problem.conditionId) ?? []), problem.message]);
    } else if (!general.includes(problem.message)) general.push(problem.message);
  }
  const builder: Builder = { data, problemsOf: (id) => pinned.get(id) ?? [], canEditSql: workspace.can("editor"), readOnly };

  const onSaved = (saved: Audience) => {
    setSavedAt(definition);
    if (!audience) router.push(`/w/${workspace.slug}/audiences/${saved.id}`);
  };
  const create = useMutation(trpc.audience.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.audience.update.mutationOptions({ onSuccess: onSaved }));
  const save = audience ? update : create;
  const fields = { workspaceId: workspace.id, name, description: description.trim() || null, definition };
  const aborted = estimate.error && /abort/i.test(estimate.error.message);

  return (
    <BuilderProvider builder={builder}>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="grid min-w-0 gap-6">
          <Card>
            <div className="grid gap-4 px-5 py-4 sm:grid-cols-2">
              <TextField label="Audience name" value={name} disabled={readOnly} placeholder="e.g. High-value North American buyers" onChange={(event) => setName(event.target.value)} />
              <TextField label="Description" value={description} disabled={readOnly} placeholder="Optional: who this is for" onChange={(event) => setDescription(event.target.value)} />
            </div>
          </Card>
          <Card>
            <CardHeader title="Conditions" description={`Which ${data.parent.name} rows are in the audience.`} />
            <div className="space-y-3 px-5 py-4">
              {general.length ? (
                <Alert tone="error" title="This audience cannot be counted yet">
                  <ul className="list-disc pl-4">
                    {general.map((message) => (
                      <li key={message}>{message}</li>
                    ))}
                  </ul>
                </Alert>
              ) : null}
              <GroupEditor group={definition.root} label={null} onChange={(root) => setDefinition({ ...definition, root })} />
            </div>
          </Card>
          {extras?.(definition, setDefinition, counting ? null : (estimate.data?.count ?? null), counting ? [] : (estimate.data?.splits ?? []))}
        </div>
        <div className="grid gap-4 lg:sticky lg:top-6">
          <SizePanel
            definition={definition}
            estimate={estimate.data}
            counting={counting}
            error={estimate.error && !aborted ? estimate.error.message : null}
            data={data}
            total={estimate.data?.count ?? null}
          />
          {readOnly ? null : (
            <div className="space-y-2">
              <Button
                className="w-full"
                pending={save.isPending}
                disabled={save.isPending || counting || problems.length > 0 || !name.trim()}
                onClick={() => (audience ? update.mutate({ ...fields, audienceId: audience.id }) : create.mutate(fields))}
              >
                {audience ? "Save changes" : "Save audience"}
              </Button>
              {!name.trim() ? <p className="text-xs text-slate-500">Name the audience to save it.</p> : null}
              {problems.length > 0 ? <p className="text-xs text-slate-500">Fix the problems to save.</p> : null}
              {savedAt === definition && !save.isPending && save.isSuccess ? <Alert tone="success">Saved.</Alert> : null}
              {save.error ? <Alert tone="error" title="The audience was not saved">{save.error.message}</Alert> : null}
            </div>
          )}
        </div>
      </div>
    </BuilderProvider>
  );
}
