"use client";

import { useMutation } from "@tanstack/react-query";
import clsx from "clsx";
import { CheckCircle2, Circle, Loader2 } from "lucide-react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { RunStatus } from "@/db/schema";
import type { RouterOutputs } from "@/server/api/types";
import { changesToSend, formatCount, formatDuration, RUN_PHASES, TRIGGER_LABELS } from "./run-words";
import { StatGrid } from "./stat-grid";
import { useNow } from "./use-now";

type Run = RouterOutputs["syncRun"]["get"] | NonNullable<RouterOutputs["sync"]["get"]["activeRun"]>;

const PHASES: RunStatus[] = ["reading", "diffing", "delivering"];

/** The run going on now, as its poller last saw it: its phase, its counters and, while sending, how far along it is. */
export function ActiveRunCard({ run }: { run: Run }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const now = useNow(1000);
  const cancel = useMutation(trpc.syncRun.cancel.mutationOptions());
  const counters = run.counters;
  const toSend = counters ? changesToSend(counters) : 0;
  const current = PHASES.indexOf(run.status);
  const stopping = run.cancelRequestedAt !== null;
  return (
    <Card>
      <CardHeader
        title="Running now"
        description={`${TRIGGER_LABELS[run.trigger]} · ${run.startedAt ? `running for ${formatDuration(Math.max(0, now - run.startedAt.getTime()))}` : "waiting for a worker"}`}
        actions={
          workspace.can("editor") ? (
            <Button variant="secondary" size="sm" pending={cancel.isPending} disabled={stopping || cancel.isPending} onClick={() => cancel.mutate({ workspaceId: workspace.id, runId: run.id })}>
              {stopping ? "Stopping…" : "Cancel run"}
            </Button>
          ) : null
        }
      />
      <div className="space-y-5 px-5 py-4">
        <ol className="flex flex-wrap gap-x-6 gap-y-2 text-sm" aria-label="Run phases">
          {PHASES.map((phase, index) => {
            const state = current > index ? "done" : current === index ? "current" : "todo";
            return (
              <li key={phase} aria-current={state === "current" ? "step" : undefined} className={clsx("flex items-center gap-2", state === "todo" ? "text-slate-400" : "text-slate-900", state === "current" && "font-medium")}>
                {state === "done" ? (
                  <CheckCircle2 aria-hidden className="size-4 text-emerald-600" />
                ) : state === "current" ? (
                  <Loader2 aria-hidden className="size-4 animate-spin text-brand-600" />
                ) : (
                  <Circle aria-hidden className="size-4 text-slate-300" />
                )}
                {RUN_PHASES[phase]}
              </li>
            );
          })}
        </ol>
        <p role="status" className="sr-only">
          {RUN_PHASES[run.status]}
        </p>
        {run.status === "queued" ? <p className="text-sm text-slate-600">Waiting for a worker to pick the run up…</p> : null}
        {run.status === "delivering" && counters ? (
          <div className="space-y-1.5">
            <ProgressBar percent={toSend > 0 ? (counters.sent / toSend) * 100 : 100} label="Sent to the destination" />
            <p className="text-sm text-slate-600 tabular-nums">
              {formatCount(counters.sent)} of {formatCount(toSend)} changes sent
            </p>
          </div>
        ) : null}
        {stopping ? <Alert tone="info">Stopping. What the destination already accepted is kept, and will not be sent again.</Alert> : null}
        {cancel.error ? <Alert tone="error">{cancel.error.message}</Alert> : null}
        {counters ? (
          <StatGrid
            stats={[
              { label: "Rows read", value: formatCount(counters.rowsRead) },
              { label: "Added", value: formatCount(counters.added) },
              { label: "Changed", value: formatCount(counters.changed) },
              { label: "Removed", value: formatCount(counters.removed) },
              { label: "Unchanged", value: formatCount(counters.unchanged) },
              { label: "Sent", value: formatCount(counters.sent) },
              { label: "Accepted", value: formatCount(counters.accepted) },
              { label: "Rejected", value: formatCount(counters.rejected) },
            ]}
          />
        ) : null}
      </div>
    </Card>
  );
}
