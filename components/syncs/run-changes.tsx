"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC, useTRPCClient } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import type { ChangeKind, ChangeStatus } from "@/db/schema";
import { ChangeRow } from "./change-row";
import { CHANGE_KIND_LABELS, CHANGE_STATUS_LABELS } from "./change-words";
import { formatCount } from "./run-words";
import { useDebouncedValue } from "./use-debounced-value";

const PAGE = 100;

/**
 * The run's row-level log: every change sent with its payload and the destination's answer,
 * filtered by result and kind, searched (key, values sent, error), a page at a time.
 */
export function RunChanges({ runId, active, loggedAll, logLimit }: { runId: string; active: boolean; loggedAll: boolean; logLimit: number }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const workspace = useWorkspace();
  const [status, setStatus] = useState<ChangeStatus | "">("");
  const [kind, setKind] = useState<ChangeKind | "">("");
  const [search, setSearch] = useState("");
  const searched = useDebouncedValue(search.trim(), 300);
  const filters = { runId, status: status || undefined, kind: kind || undefined, search: searched || undefined };
  const changes = useInfiniteQuery({
    queryKey: [trpc.syncRun.changes.pathKey(), "pages", filters],
    queryFn: ({ pageParam, signal }) =>
      client.syncRun.changes.query({ workspaceId: workspace.id, ...filters, afterId: pageParam, limit: PAGE }, { signal }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length === PAGE ? last.at(-1)?.id : undefined),
    refetchInterval: active ? 3000 : false,
  });
  const rows = changes.data?.pages.flat() ?? [];
  const filtered = Boolean(filters.status ?? filters.kind ?? filters.search);

  return (
    <Card>
      <CardHeader title="Changes" description="Every record this run sent, with what the destination answered. Open a row to see the values sent." />
      <div className="space-y-4 px-5 py-4">
        <div className="grid gap-4 sm:grid-cols-[1fr_1fr_2fr]">
          <SelectField
            label="Result"
            value={status}
            onChange={(event) => setStatus(event.target.value as ChangeStatus | "")}
            options={[{ value: "", label: "All results" }, ...Object.entries(CHANGE_STATUS_LABELS).map(([value, label]) => ({ value, label }))]}
          />
          <SelectField
            label="Change"
            value={kind}
            onChange={(event) => setKind(event.target.value as ChangeKind | "")}
            options={[{ value: "", label: "All changes" }, ...Object.entries(CHANGE_KIND_LABELS).map(([value, label]) => ({ value, label }))]}
          />
          <TextField label="Search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="A key, a value sent, or an error" />
        </div>
        {!loggedAll ? (
          <Alert tone="info">
            Only the first {formatCount(logLimit)} changes of this run were logged row by row. The counts above include them all.
          </Alert>
        ) : null}
        {changes.isError ? <Alert tone="error">{changes.error.message}</Alert> : null}
        {changes.isPending ? (
          <p className="text-sm text-slate-500">Loading changes…</p>
        ) : rows.length === 0 ? (
          <p className="text-sm text-slate-500">
            {filtered ? "No changes match these filters." : active ? "Nothing sent yet." : "This run sent nothing: every row was already up to date in the destination."}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Changes sent by this run</caption>
              <thead>
                <tr className="text-left text-xs tracking-wide text-slate-500 uppercase">
                  <th className="w-8 py-2 font-medium">
                    <span className="sr-only">Details</span>
                  </th>
                  <th className="py-2 pr-4 font-medium">Key</th>
                  <th className="py-2 pr-4 font-medium">Change</th>
                  <th className="py-2 pr-4 font-medium">Sent as</th>
                  <th className="py-2 pr-4 font-medium">Result</th>
                  <th className="py-2 font-medium">Error</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((change) => (
                  <ChangeRow key={change.id} change={change} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {changes.hasNextPage ? (
          <Button variant="secondary" pending={changes.isFetchingNextPage} onClick={() => void changes.fetchNextPage()}>
            {changes.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}
