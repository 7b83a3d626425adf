"use client";

import { useQuery } from "@tanstack/react-query";
import { Database } from "lucide-react";
import Link from "next/link";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { RouterOutputs } from "@/server/api/types";

type Source = RouterOutputs["source"]["list"][number];

const numberFormat = new Intl.NumberFormat("en-US");

/** Sources of the workspace; polls while a source (the demo warehouse) is still being prepared. */
export function useSources() {
  const trpc = useTRPC();
  const { id } = useWorkspace();
  return useQuery(
    trpc.source.list.queryOptions(
      { workspaceId: id },
      { refetchInterval: (query) => (query.state.data?.some((s) => s.status.state === "preparing") ? 1000 : false) },
    ),
  );
}

function SourceStatus({ source }: { source: Source }) {
  const { status } = source;
  if (status.state === "ready") return <Badge tone="success">Ready</Badge>;
  if (status.state === "failed") return <Badge tone="danger">Failed</Badge>;
  return <Badge tone="warning">Preparing · {status.percent}%</Badge>;
}

function SourceCard({ source }: { source: Source }) {
  const { slug } = useWorkspace();
  return (
    <Card>
      <CardHeader
        title={
          <Link href={`/w/${slug}/sources/${source.id}`} className="hover:underline">
            {source.name}
          </Link>
        }
        description={source.managed === "demo" ? "Sample marketing data, generated on this server. Read-only." : source.type}
        actions={<SourceStatus source={source} />}
      />
      <div className="px-5 py-4">
        {source.status.state === "preparing" ? (
          <div className="space-y-2">
            <p className="text-sm text-slate-600">{source.status.step ?? "Preparing"}…</p>
            <ProgressBar percent={source.status.percent} label={`${source.name} preparation`} />
            <p className="text-xs text-slate-500">This takes a few seconds. You can keep working meanwhile.</p>
          </div>
        ) : source.status.state === "failed" ? (
          <Alert tone="error" title="This source could not be prepared">
            {source.status.error ?? "Unknown error"}. Sluice retries automatically; if it keeps failing, check the
            server logs.
          </Alert>
        ) : source.tables.length > 0 ? (
          <Table caption={`Tables in ${source.name}`} columns={[{ label: "Table" }, { label: "Rows", align: "right" }]}>
              {source.tables.map((table) => (
                <tr key={table.name}>
                  <td className="py-2 pr-6">
                    <p className="font-mono text-slate-800">{table.name}</p>
                    {table.description ? <p className="text-slate-500">{table.description}</p> : null}
                  </td>
                  <td className="py-2 text-right tabular-nums text-slate-700">{numberFormat.format(table.rows)}</td>
                </tr>
              ))}
            </Table>
        ) : (
          <p className="text-sm text-slate-600">Connected.</p>
        )}
      </div>
    </Card>
  );
}

export function SourceList() {
  const sources = useSources();
  if (sources.isPending) return <p className="text-sm text-slate-500">Loading sources…</p>;
  if (sources.isError) return <Alert tone="error" title="Sources could not be loaded">{sources.error.message}</Alert>;
  if (sources.data.length === 0) {
    return (
      <EmptyState icon={Database} title="No sources yet">
        A source is the warehouse your customer data lives in: Snowflake, BigQuery, Postgres and others.
      </EmptyState>
    );
  }
  return (
    <div className="grid gap-6">
      {sources.data.map((source) => (
        <SourceCard key={source.id} source={source} />
      ))}
    </div>
  );
}
