"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import type { SyncMode } from "@/db/schema";
import type { RouterOutputs } from "@/server/api/types";
import type { Transform } from "@/server/engine/mapping";
import { MappingTable, type MappedField } from "./mapping-table";
import { ModePicker } from "./mode-picker";
import { draftOf, ScheduleField, scheduleOf, type ScheduleDraft } from "./schedule-field";

type Sync = RouterOutputs["sync"]["get"];

/** The server's messages for each setting (a top-level key of the input), when it failed validation. */
type FieldErrors = Partial<Record<string, string[] | undefined>>;

/** Create or edit a sync: what to send where, how, with which fields, and when. */
export function SyncForm({ sync }: { sync?: Sync }) {
  const trpc = useTRPC();
  const router = useRouter();
  const workspace = useWorkspace();
  // "Sync this audience" links here with the audience's model chosen: /syncs/new?modelId=…
  const requestedModelId = useSearchParams().get("modelId");
  const scope = { workspaceId: workspace.id };
  const models = useQuery(trpc.model.list.queryOptions(scope));
  const destinations = useQuery(trpc.destination.list.queryOptions(scope));
  const transforms = useQuery(trpc.sync.transforms.queryOptions(scope));

  const [name, setName] = useState(sync?.name ?? "");
  const [modelId, setModelId] = useState(sync?.modelId ?? requestedModelId ?? "");
  const [destinationId, setDestinationId] = useState(sync?.destinationId ?? "");
  const [objectName, setObjectName] = useState(sync?.destinationObject ?? "");
  const [mode, setMode] = useState<SyncMode>(sync?.mode ?? "upsert");
  // The server checks transform names; a saved mapping only holds names it accepted.
  const [fields, setFields] = useState<MappedField[]>(
    sync?.mapping.fields.map((field) => ({ ...field, transform: field.transform as Transform })) ?? [],
  );
  const [identifier, setIdentifier] = useState(sync?.mapping.identifier ?? "");
  const [schedule, setSchedule] = useState<ScheduleDraft>(draftOf(sync?.schedule));
  const [slaMinutes, setSlaMinutes] = useState(String(sync?.slaMinutes ?? 60));

  // With a single choice, it is chosen.
  const activeModelId = modelId || (models.data?.length === 1 ? (models.data[0]?.id ?? "") : "");
  const activeDestinationId = destinationId || (destinations.data?.length === 1 ? (destinations.data[0]?.id ?? "") : "");
  const objects = useQuery({
    ...trpc.sync.destinationObjects.queryOptions({ ...scope, destinationId: activeDestinationId }),
    enabled: activeDestinationId !== "",
  });
  const activeObjectName = objectName || (objects.data?.length === 1 ? (objects.data[0]?.name ?? "") : "");
  const object = objects.data?.find((candidate) => candidate.name === activeObjectName);
  const model = models.data?.find((candidate) => candidate.id === activeModelId);

  const onSaved = (saved: { id: string }) => router.push(`/w/${workspace.slug}/syncs/${saved.id}`);
  const create = useMutation(trpc.sync.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.sync.update.mutationOptions({ onSuccess: onSaved }));
  const save = sync ? update : create;
  const fieldErrors: FieldErrors = save.error?.data?.fieldErrors ?? {};
  const errorOf = (key: string) => fieldErrors[key]?.[0] ?? null;

  const mapped = [...new Set(fields.map((field) => field.destination.trim()).filter(Boolean))];
  // An object with a fixed set of fields says which of them can identify a record.
  const usable = mapped.filter(
    (field) => object?.acceptsCustomFields !== false || object.fields.find((known) => known.name === field)?.identifier !== false,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const settings = {
      ...scope,
      name,
      modelId: activeModelId,
      destinationId: activeDestinationId,
      destinationObject: activeObjectName,
      mode,
      mapping: { version: 1 as const, identifier, fields },
      schedule: scheduleOf(schedule),
      slaMinutes: Number(slaMinutes),
    };
    if (sync) update.mutate({ ...settings, syncId: sync.id });
    else create.mutate(settings);
  };

  if (!workspace.can("editor")) {
    return <Alert tone="info">Viewers can see syncs and their runs; creating or changing one needs the editor role.</Alert>;
  }
  if (models.data?.length === 0 || destinations.data?.length === 0) {
    return (
      <Alert tone="info" title="A sync needs a model and a destination">
        {models.data?.length === 0 ? (
          <p>
            There are no models yet.{" "}
            <Link href={`/w/${workspace.slug}/models/new`} className="font-medium underline">
              Create a model
            </Link>{" "}
            to choose the rows to send.
          </p>
        ) : null}
        {destinations.data?.length === 0 ? (
          <p>
            There are no destinations yet.{" "}
            <Link href={`/w/${workspace.slug}/destinations/new`} className="font-medium underline">
              Add a destination
            </Link>{" "}
            to choose where they go.
          </p>
        ) : null}
      </Alert>
    );
  }

  return (
    <form className="grid gap-6" onSubmit={submit} noValidate>
      <Card>
        <CardHeader title="1. What goes where" description="The model's rows become records in the destination." />
        <div className="grid gap-4 px-5 py-4 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <TextField label="Sync name" value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Customers to HubSpot" error={errorOf("name")} />
          </div>
          <SelectField
            label="Model"
            value={activeModelId}
            error={errorOf("modelId")}
            onChange={(event) => setModelId(event.target.value)}
            options={[{ value: "", label: models.isPending ? "Loading models…" : "Choose a model" }, ...(models.data ?? []).map((m) => ({ value: m.id, label: m.name }))]}
          />
          <SelectField
            label="Destination"
            value={activeDestinationId}
            error={errorOf("destinationId")}
            onChange={(event) => {
              setDestinationId(event.target.value);
              setObjectName("");
            }}
            options={[
              { value: "", label: destinations.isPending ? "Loading destinations…" : "Choose a destination" },
              ...(destinations.data ?? []).map((d) => ({ value: d.id, label: d.name })),
            ]}
          />
          <SelectField
            label="Destination object"
            hint="The table, list or kind of record Sluice writes to."
            value={activeObjectName}
            error={errorOf("destinationObject") ?? (objects.isError ? `The destination's objects could not be loaded: ${objects.error.message}` : null)}
            disabled={!activeDestinationId}
            onChange={(event) => setObjectName(event.target.value)}
            options={[
              { value: "", label: !activeDestinationId ? "Choose a destination first" : objects.isPending ? "Loading…" : "Choose where records go" },
              ...(objects.data ?? []).map((o) => ({ value: o.name, label: o.label })),
            ]}
          />
        </div>
      </Card>

      <Card>
        <CardHeader title="2. How records are written" description="What Sluice does with new, changed and removed rows." />
        <div className="px-5 py-4">
          <ModePicker value={mode} onChange={setMode} operations={object?.operations ?? null} objectLabel={object?.label ?? "This object"} error={errorOf("mode")} />
        </div>
      </Card>

      <Card>
        <CardHeader title="3. Fields" description="Which model column fills which field in the destination." />
        <div className="space-y-5 px-5 py-4">
          <MappingTable columns={model?.columns.map((column) => column.name) ?? []} fields={fields} onChange={setFields} object={object} transforms={transforms.data ?? []} />
          <div className="max-w-md">
            <SelectField
              label="Identifier"
              hint="How Sluice matches records in the destination: rows with the same value in this field are the same record. Choose something unique, such as an email or an id."
              value={identifier}
              onChange={(event) => setIdentifier(event.target.value)}
              options={[
                { value: "", label: mapped.length ? "Choose a mapped field" : "Map fields first" },
                ...usable.map((field) => ({ value: field, label: field })),
                ...(identifier && !usable.includes(identifier) ? [{ value: identifier, label: `${identifier} (not mapped)` }] : []),
              ]}
            />
          </div>
          {fieldErrors.mapping?.map((message) => (
            <p key={message} className="text-sm text-red-700">
              {message}
            </p>
          ))}
        </div>
      </Card>

      <Card>
        <CardHeader title="4. When it runs" description="Each run sends only what changed since the last one." />
        <div className="grid gap-6 px-5 py-4">
          <ScheduleField value={schedule} onChange={setSchedule} error={errorOf("schedule")} />
          <div className="max-w-xs">
            <TextField
              label="Freshness target (SLA)"
              type="number"
              min={1}
              inputMode="numeric"
              value={slaMinutes}
              onChange={(event) => setSlaMinutes(event.target.value)}
              error={errorOf("slaMinutes")}
              hint="In minutes. A run is on time when it succeeds within this long of its scheduled time; the sync's health shows how often it is."
            />
          </div>
        </div>
      </Card>

      {save.error ? (
        <Alert tone="error" title="The sync was not saved">
          {Object.keys(fieldErrors).length > 0 ? "Some settings need attention: see the messages in red above." : save.error.message}
        </Alert>
      ) : null}
      <div className="flex gap-3">
        <Button type="submit" pending={save.isPending}>
          {sync ? "Save changes" : "Create sync"}
        </Button>
        <Link
          href={`/w/${workspace.slug}/syncs${sync ? `/${sync.id}` : ""}`}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          Cancel
        </Link>
      </div>
    </form>
  );
}
