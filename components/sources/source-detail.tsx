"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { actionOf } from "@/components/connections/action";
import type { ConfigValues } from "@/components/connections/config-form";
import { SettingsCard } from "@/components/connections/settings-card";

function SourceSettings({ sourceId, initial, secretsSet, type }: { sourceId: string; initial: ConfigValues; secretsSet: string[]; type: string }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const types = useQuery(trpc.source.types.queryOptions({ workspaceId: workspace.id }));
  const test = useMutation(trpc.source.test.mutationOptions({ meta: { readOnly: true } }));
  const save = useMutation(trpc.source.update.mutationOptions());
  const connector = types.data?.find((candidate) => candidate.type === type);
  if (!connector) return null;
  return (
    <SettingsCard
      noun="source"
      connector={connector}
      initial={initial}
      secretsSet={secretsSet}
      test={actionOf(test, (config) => test.mutate({ workspaceId: workspace.id, sourceId, config }))}
      save={actionOf(save, (config) => save.mutate({ workspaceId: workspace.id, sourceId, config }))}
    />
  );
}

function TablesCard({ sourceId }: { sourceId: string }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const tables = useQuery(trpc.source.discover.queryOptions({ workspaceId: workspace.id, sourceId }));
  return (
    <Card>
      <CardHeader title="Tables and views" description="What Sluice can read here. Make a model from any of them." />
      <div className="px-5 py-4">
        {tables.isPending ? <p className="text-sm text-slate-500">Reading the schema…</p> : null}
        {tables.isError ? <Alert tone="error">{tables.error.message}</Alert> : null}
        {tables.data?.length === 0 ? <p className="text-sm text-slate-500">No tables or views are visible to this user.</p> : null}
        {tables.data && tables.data.length > 0 ? (
          <Table
            columns={[
              { label: "Table" },
              { label: "Kind" },
              { label: "Columns", align: "right" },
              ...(workspace.can("editor") ? [{ label: "Actions", align: "right" as const, srOnly: true }] : []),
            ]}
          >
            {tables.data.map((table) => {
              const name = table.schema ? `${table.schema}.${table.name}` : table.name;
              return (
                <tr key={name}>
                  <td className="py-2 font-mono text-slate-800">{name}</td>
                  <td className="py-2 text-slate-600">{table.kind}</td>
                  <td className="py-2 text-right tabular-nums">{table.columns.length}</td>
                  {workspace.can("editor") ? (
                    <td className="py-2 text-right">
                      <Link
                        href={`/w/${workspace.slug}/models/new?sourceId=${sourceId}&table=${encodeURIComponent(name)}`}
                        className="text-sm font-medium text-brand-700 hover:underline"
                        aria-label={`Make a model from ${name}`}
                      >
                        Make a model
                      </Link>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </Table>
        ) : null}
      </div>
    </Card>
  );
}

export function SourceDetail({ sourceId }: { sourceId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const workspace = useWorkspace();
  const source = useQuery(trpc.source.get.queryOptions({ workspaceId: workspace.id, sourceId }));
  const remove = useMutation(trpc.source.delete.mutationOptions({ onSuccess: () => router.push(`/w/${workspace.slug}/sources`) }));
  if (source.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (source.isError) return <Alert tone="error" title="This source could not be loaded">{source.error.message}</Alert>;
  const { data } = source;
  return (
    <>
      <PageHeader
        title={data.name}
        description={data.managed ? "Managed by Sluice." : `A ${data.type} source.`}
        actions={
          <div className="flex items-center gap-3">
            {data.status.state === "failed" ? <Badge tone="danger">Connection failing</Badge> : <Badge tone="success">Ready</Badge>}
            {workspace.can("editor") && data.managed !== "demo" ? (
              <Button
                variant="danger"
                pending={remove.isPending}
                onClick={() => {
                  if (window.confirm(`Delete ${data.name} and every model built on it?`)) {
                    remove.mutate({ workspaceId: workspace.id, sourceId });
                  }
                }}
              >
                Delete source
              </Button>
            ) : null}
          </div>
        }
      />
      <div className="grid gap-6">
        {data.status.error ? <Alert tone="error" title="The last connection check failed">{data.status.error}</Alert> : null}
        {remove.error ? <Alert tone="error">{remove.error.message}</Alert> : null}
        {data.managed ? null : <SourceSettings sourceId={sourceId} initial={data.config} secretsSet={data.secretsSet} type={data.type} />}
        <TablesCard sourceId={sourceId} />
      </div>
    </>
  );
}
