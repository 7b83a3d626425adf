"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import clsx from "clsx";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC, useTRPCClient } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import type { AppRouter } from "@/server/api/root";
import type { RouterInputs, RouterOutputs } from "@/server/api/types";
import { PreviewTable } from "./preview-table";
import { QueryError } from "./query-error";
import { SqlEditor } from "./sql-editor";

type Model = RouterOutputs["model"]["get"];
type ModelQuery = RouterInputs["model"]["preview"]["query"];

const tableKey = (schema: string | null, name: string) => (schema ? `${schema}.${name}` : name);

type QueryProblem = { cancelled: true } | { cancelled: false; message: string; position: number | null };

function queryProblemOf(error: Error | null): QueryProblem | null {
  if (!error) return null;
  const data = error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data : undefined;
  if (error.name === "AbortError" || data?.code === "CLIENT_CLOSED_REQUEST" || /abort/i.test(error.message)) {
    return { cancelled: true };
  }
  return { cancelled: false, message: error.message, position: data?.queryErrorPosition ?? null };
}

/** Create or edit a model: pick a table or write SQL, run it, choose the primary key, save. */
export function ModelEditor({ model, initial }: { model?: Model; initial?: { sourceId?: string; table?: string } }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const router = useRouter();
  const workspace = useWorkspace();
  const sources = useQuery(trpc.source.list.queryOptions({ workspaceId: workspace.id }));
  const [sourceId, setSourceId] = useState(model?.sourceId ?? initial?.sourceId ?? "");
  const [mode, setMode] = useState<"table" | "sql">(model?.query.kind ?? (initial?.table ? "table" : "sql"));
  const [table, setTable] = useState(
    model?.query.kind === "table" ? tableKey(model.query.schema, model.query.table) : (initial?.table ?? ""),
  );
  const [sql, setSql] = useState(model?.query.kind === "sql" ? model.query.sql : "");
  const [name, setName] = useState(model?.name ?? "");
  const [primaryKey, setPrimaryKey] = useState(model?.primaryKey ?? "");
  const activeSourceId = sourceId || sources.data?.[0]?.id || "";
  const activeSource = sources.data?.find((source) => source.id === activeSourceId);
  const tables = useQuery({
    ...trpc.source.discover.queryOptions({ workspaceId: workspace.id, sourceId: activeSourceId }),
    enabled: mode === "table" && activeSourceId !== "",
  });

  // A table named without its schema (e.g. after an upload) matches the discovered table of that name.
  const found =
    tables.data?.find((candidate) => tableKey(candidate.schema, candidate.name) === table) ??
    tables.data?.find((candidate) => candidate.name === table);
  const selectedTable = found ? tableKey(found.schema, found.name) : table;

  const queryOf = (): ModelQuery | null => {
    if (mode === "sql") return sql.trim() ? { kind: "sql", sql } : null;
    return found ? { kind: "table", schema: found.schema, table: found.name } : null;
  };

  const running = useRef<AbortController | null>(null);
  const preview = useMutation({
    meta: { readOnly: true },
    mutationFn: (query: ModelQuery) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      return client.model.preview.mutate({ workspaceId: workspace.id, sourceId: activeSourceId, query }, { signal: controller.signal });
    },
  });
  const keyCheck = useMutation(trpc.model.checkKey.mutationOptions({ meta: { readOnly: true } }));
  const save = useMutation({
    mutationFn: (query: ModelQuery) => {
      const fields = { workspaceId: workspace.id, name, description: null, query, primaryKey };
      return model
        ? client.model.update.mutate({ ...fields, modelId: model.id })
        : client.model.create.mutate({ ...fields, sourceId: activeSourceId });
    },
    onSuccess: (saved) => router.push(`/w/${workspace.slug}/models/${saved.id}`),
  });

  const run = () => {
    const query = queryOf();
    if (!query) return;
    keyCheck.reset();
    preview.mutate(query);
  };

  const chooseKey = (column: string) => {
    setPrimaryKey(column);
    const query = queryOf();
    if (column && query) keyCheck.mutate({ workspaceId: workspace.id, sourceId: activeSourceId, query, primaryKey: column });
  };

  const problem = queryProblemOf(preview.error);
  const columns = preview.data?.columns ?? model?.columns ?? [];

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader title="Query" description="Sluice runs it read-only. Press Ctrl+Enter (⌘+Enter on a Mac) to run." />
        <div className="space-y-4 px-5 py-4">
          <div className="flex flex-wrap items-end gap-4">
            <div className="min-w-64">
              <SelectField
                label="Source"
                value={activeSourceId}
                disabled={Boolean(model)}
                onChange={(event) => {
                  setSourceId(event.target.value);
                  setTable("");
                  preview.reset();
                }}
                options={(sources.data ?? []).map((source) => ({ value: source.id, label: source.name }))}
              />
            </div>
            <div role="tablist" aria-label="Model type" className="flex rounded-md border border-slate-300 p-0.5">
              {(["table", "sql"] as const).map((candidate) => (
                <button
                  key={candidate}
                  type="button"
                  role="tab"
                  aria-selected={mode === candidate}
                  onClick={() => {
                    setMode(candidate);
                    preview.reset();
                  }}
                  className={clsx("rounded px-3 py-1.5 text-sm font-medium", mode === candidate ? "bg-brand-600 text-white" : "text-slate-700")}
                >
                  {candidate === "table" ? "Table" : "SQL query"}
                </button>
              ))}
            </div>
          </div>
          {activeSource?.status.state === "preparing" ? (
            <Alert tone="info">
              {activeSource.name} is still being prepared ({activeSource.status.percent}%). You can run queries in a few seconds.
            </Alert>
          ) : null}
          {mode === "table" ? (
            <SelectField
              label="Table or view"
              value={selectedTable}
              onChange={(event) => setTable(event.target.value)}
              options={[
                { value: "", label: tables.isPending ? "Loading tables…" : "Choose a table" },
                ...(tables.data ?? []).map((candidate) => {
                  const key = tableKey(candidate.schema, candidate.name);
                  return { value: key, label: key };
                }),
              ]}
            />
          ) : (
            <SqlEditor value={sql} onChange={setSql} onRun={run} />
          )}
          <div className="flex gap-3">
            <Button onClick={run} pending={preview.isPending} disabled={!queryOf() || !activeSourceId}>
              {preview.isPending ? "Running…" : "Run"}
            </Button>
            {preview.isPending ? (
              <Button variant="secondary" onClick={() => running.current?.abort()}>
                Cancel
              </Button>
            ) : null}
          </div>
          {problem?.cancelled ? <Alert tone="info">Query cancelled.</Alert> : null}
          {problem && !problem.cancelled ? (
            <QueryError message={problem.message} sql={mode === "sql" ? sql : ""} position={problem.position} />
          ) : null}
          {preview.data ? <PreviewTable preview={preview.data} /> : null}
        </div>
      </Card>
      <Card>
        <CardHeader title="Save the model" description="The primary key identifies each row, so syncs can tell what changed." />
        <form
          className="space-y-4 px-5 py-4"
          onSubmit={(event) => {
            event.preventDefault();
            const query = queryOf();
            if (query) save.mutate(query);
          }}
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Model name" value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Customers" required />
            <SelectField
              label="Primary key"
              value={primaryKey}
              onChange={(event) => chooseKey(event.target.value)}
              options={[
                { value: "", label: columns.length ? "Choose a column" : "Run the query first" },
                ...columns.map((column) => ({ value: column.name, label: `${column.name} (${column.type})` })),
              ]}
            />
          </div>
          {keyCheck.isPending ? <p className="text-sm text-slate-500">Checking {primaryKey} on the live data…</p> : null}
          {keyCheck.data?.problem ? <Alert tone="error" title="Not a unique key">{keyCheck.data.problem}</Alert> : null}
          {keyCheck.data && !keyCheck.data.problem ? (
            <Alert tone="success">
              {primaryKey} is unique and never empty across {keyCheck.data.rows.toLocaleString("en-US")} rows.
            </Alert>
          ) : null}
          {keyCheck.error ? <Alert tone="error">{keyCheck.error.message}</Alert> : null}
          {save.error ? <Alert tone="error">{save.error.message}</Alert> : null}
          <Button type="submit" pending={save.isPending} disabled={!primaryKey || !name || Boolean(keyCheck.data?.problem)}>
            {model ? "Save changes" : "Save model"}
          </Button>
        </form>
      </Card>
    </div>
  );
}
