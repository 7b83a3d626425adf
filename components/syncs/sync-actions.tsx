"use client";

import { useMutation } from "@tanstack/react-query";
import { Pause, Pencil, Play } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { RouterOutputs } from "@/server/api/types";
import { ConfirmButton } from "./confirm-button";

type Sync = RouterOutputs["sync"]["get"];

/** Run now, full resync, pause or resume, edit, delete: for editors; viewers see none of them. */
export function SyncActions({ sync }: { sync: Sync }) {
  const trpc = useTRPC();
  const router = useRouter();
  const workspace = useWorkspace();
  const scope = { workspaceId: workspace.id, syncId: sync.id };
  const run = useMutation(trpc.sync.run.mutationOptions());
  const setPaused = useMutation(trpc.sync.setPaused.mutationOptions());
  const remove = useMutation(trpc.sync.delete.mutationOptions({ onSuccess: () => router.push(`/w/${workspace.slug}/syncs`) }));
  if (!workspace.can("editor")) return null;
  const running = sync.activeRun !== null;
  const error = run.error ?? setPaused.error ?? remove.error;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        <Button pending={run.isPending && !run.variables?.fullResync} disabled={running || run.isPending} onClick={() => run.mutate({ ...scope, fullResync: false })}>
          <Play aria-hidden className="size-4" />
          Run now
        </Button>
        <ConfirmButton
          label="Full resync"
          title="Send every row again?"
          confirmLabel="Start full resync"
          disabled={running || run.isPending}
          pending={run.isPending && run.variables?.fullResync}
          onConfirm={() => run.mutate({ ...scope, fullResync: true })}
        >
          <p>
            A full resync sends every row of {sync.modelName} to {sync.destinationName}, not only what changed since the last run.
          </p>
          <p>Use it when the destination lost data or was edited by hand. It takes longer and counts against the destination&apos;s limits.</p>
        </ConfirmButton>
        <Button variant="secondary" pending={setPaused.isPending} onClick={() => setPaused.mutate({ ...scope, paused: !sync.paused })}>
          {sync.paused ? <Play aria-hidden className="size-4" /> : <Pause aria-hidden className="size-4" />}
          {sync.paused ? "Resume" : "Pause"}
        </Button>
        <Link
          href={`/w/${workspace.slug}/syncs/${sync.id}/edit`}
          className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          <Pencil aria-hidden className="size-4" />
          Edit
        </Link>
        <ConfirmButton
          label="Delete"
          variant="danger"
          title={`Delete ${sync.name}?`}
          confirmLabel="Delete sync"
          pending={remove.isPending}
          onConfirm={() => remove.mutate(scope)}
        >
          <p>The sync, its run history and its row-level logs are deleted. Records already in {sync.destinationName} stay there.</p>
        </ConfirmButton>
      </div>
      {error ? <Alert tone="error">{error.message}</Alert> : null}
    </div>
  );
}
