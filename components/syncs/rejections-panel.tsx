"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { formatCount, formatRelative } from "./run-words";
import { useNow } from "./use-now";

/**
 * Records the destination refused, with its reasons. A refused record is tried again on the next
 * runs; after a few attempts it is parked (skipped) until someone sends it again.
 */
export function RejectionsPanel({ syncId }: { syncId: string }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const now = useNow();
  const scope = { workspaceId: workspace.id, syncId };
  const rejections = useQuery(trpc.sync.rejections.queryOptions(scope));
  const replay = useMutation(trpc.sync.replayParked.mutationOptions());
  const parked = rejections.data?.filter((rejection) => rejection.parked).length ?? 0;
  return (
    <Card>
      <CardHeader
        title="Records the destination refused"
        description="Each is tried again on the next runs; after 3 refusals it is parked and skipped until you send it again."
        actions={
          workspace.can("editor") && parked > 0 ? (
            <Button variant="secondary" size="sm" pending={replay.isPending} onClick={() => replay.mutate(scope)}>
              Send parked records again
            </Button>
          ) : null
        }
      />
      <div className="space-y-3 px-5 py-3">
        {replay.data ? (
          <Alert tone="success">
            {replay.data.replayed === 1 ? "1 parked record" : `${formatCount(replay.data.replayed)} parked records`} will be sent on the next run.
          </Alert>
        ) : null}
        {replay.error ? <Alert tone="error">{replay.error.message}</Alert> : null}
        {rejections.isError ? <Alert tone="error">{rejections.error.message}</Alert> : null}
        {rejections.data?.length === 0 ? (
          <p className="text-sm text-slate-500">None. Every record sent so far was accepted.</p>
        ) : rejections.data ? (
          <div className="overflow-x-auto">
            <Table caption="Records the destination refused" columns={[{ label: "Key" }, { label: "Reason" }, { label: "State" }, { label: "Last tried" }, { label: "Attempts", align: "right" }]}>
              {rejections.data.map((rejection) => (
                <tr key={rejection.key}>
                  <td className="py-2 pr-4 font-mono text-slate-800">{rejection.key}</td>
                  <td className="max-w-md py-2 pr-4 break-words text-slate-700">{rejection.reason}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">
                    {rejection.parked ? <Badge tone="danger">Parked</Badge> : <Badge tone="warning">Retried next run</Badge>}
                  </td>
                  <td className="py-2 whitespace-nowrap text-slate-500" title={rejection.updatedAt.toLocaleString()}>
                    {formatRelative(rejection.updatedAt, now)}
                  </td>
                  <td className="py-2 pl-4 text-right text-slate-700 tabular-nums">{rejection.attempts}</td>
                </tr>
              ))}
            </Table>
          </div>
        ) : (
          <p className="text-sm text-slate-500">Loading…</p>
        )}
      </div>
    </Card>
  );
}
