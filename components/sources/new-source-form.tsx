"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import type { SourceType } from "@/server/sources/types";
import { CheckResultAlert } from "./check-result";
import { ConfigForm, defaultsOf, type ConfigValues } from "./config-form";

export function NewSourceForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const workspace = useWorkspace();
  const types = useQuery(trpc.source.types.queryOptions({ workspaceId: workspace.id }));
  const [type, setType] = useState<SourceType | null>(null);
  const [name, setName] = useState("");
  const [config, setConfig] = useState<ConfigValues>({});
  const test = useMutation(trpc.source.test.mutationOptions({ meta: { readOnly: true } }));
  const create = useMutation(
    trpc.source.create.mutationOptions({
      onSuccess: (source) => router.push(`/w/${workspace.slug}/sources/${source.id}`),
    }),
  );
  const selected = types.data?.find((candidate) => candidate.type === type);

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader title="1. Choose your warehouse" />
        <div className="grid gap-3 px-5 py-4 sm:grid-cols-3" role="radiogroup" aria-label="Warehouse type">
          {types.data?.map((candidate) => (
            <button
              key={candidate.type}
              type="button"
              role="radio"
              aria-checked={candidate.type === type}
              onClick={() => {
                setType(candidate.type);
                setConfig(defaultsOf(candidate.configSchema));
                test.reset();
              }}
              className={clsx(
                "rounded-md border px-4 py-3 text-left text-sm font-medium",
                candidate.type === type ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-200 hover:bg-slate-50",
              )}
            >
              {candidate.label}
            </button>
          ))}
        </div>
      </Card>
      {selected ? (
        <Card>
          <CardHeader title="2. Connection settings" description="Credentials are encrypted and never shown again after you save." />
          <form
            className="space-y-4 px-5 py-4"
            onSubmit={(event) => {
              event.preventDefault();
              create.mutate({ workspaceId: workspace.id, name, type: selected.type, config });
            }}
          >
            <TextField label="Source name" value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Production warehouse" required />
            <ConfigForm
              schema={selected.configSchema}
              values={config}
              onChange={(next) => {
                setConfig(next);
                test.reset();
              }}
              secretFields={selected.secretFields}
            />
            <CheckResultAlert result={test.data} />
            {test.error ? <Alert tone="error">{test.error.message}</Alert> : null}
            {create.error ? <Alert tone="error">{create.error.message}</Alert> : null}
            <div className="flex gap-3">
              <Button
                variant="secondary"
                pending={test.isPending}
                onClick={() => test.mutate({ workspaceId: workspace.id, type: selected.type, config })}
              >
                {test.isPending ? "Testing…" : "Test connection"}
              </Button>
              <Button type="submit" pending={create.isPending}>
                Save source
              </Button>
            </div>
          </form>
        </Card>
      ) : null}
    </div>
  );
}
