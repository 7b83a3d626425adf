"use client";

import clsx from "clsx";
import { CheckCircle2, Circle, Loader2 } from "lucide-react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useSources } from "@/components/sources/source-list";
import { useTRPC } from "@/components/trpc/client";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Card, CardHeader } from "@/components/ui/card";

type Step = { title: string; description: string; href: string; state: "done" | "working" | "todo" };

export function GettingStarted() {
  const { slug, id } = useWorkspace();
  const trpc = useTRPC();
  const sources = useSources();
  const models = useQuery(trpc.model.list.queryOptions({ workspaceId: id }));
  const destinations = useQuery(trpc.destination.list.queryOptions({ workspaceId: id }));
  const audiences = useQuery(trpc.audience.list.queryOptions({ workspaceId: id }));
  const syncs = useQuery(trpc.sync.list.queryOptions({ workspaceId: id }));
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
  const demo = sources.data?.find((source) => source.managed === "demo");
  const customers = demo?.tables.find((table) => table.name === "customers")?.rows;
  const steps: Step[] = [
    {
      title: "Connect a source",
      description:
        demo?.status.state === "ready"
          ? `Your Demo warehouse is ready${customers ? ` with ${customers.toLocaleString("en-US")} customers` : ""}.`
          : "Your Demo warehouse is being prepared with sample customers, orders and events.",
      href: "sources",
      state: demo?.status.state === "ready" ? "done" : "working",
    },
    {
      title: "Define a model",
      description: models.data?.length
        ? `${plural(models.data.length, "model")} defined.`
        : "Pick the table or query that holds your customers.",
      href: "models",
      state: models.data?.length ? "done" : "todo",
    },
    {
      title: "Build an audience",
      description: audiences.data?.length ? `${plural(audiences.data.length, "audience")} built.` : "Choose who to reach by clicking through conditions.",
      href: "audiences",
      state: audiences.data?.length ? "done" : "todo",
    },
    {
      title: "Add a destination",
      description: destinations.data?.length
        ? `${plural(destinations.data.length, "destination")} connected.`
        : "Connect the tool your team works in.",
      href: "destinations",
      state: destinations.data?.length ? "done" : "todo",
    },
    {
      title: "Create a sync",
      description: syncs.data?.length ? `${plural(syncs.data.length, "sync")} keeping tools up to date.` : "Keep the destination up to date, automatically.",
      href: "syncs",
      state: syncs.data?.length ? "done" : "todo",
    },
  ];
  return (
    <Card>
      <CardHeader title="Get started" description="Five steps from warehouse to the tools your teams use." />
      <ol className="divide-y divide-slate-100">
        {steps.map((step) => (
          <li key={step.title}>
            <Link href={`/w/${slug}/${step.href}`} className="flex items-start gap-3 px-5 py-4 hover:bg-slate-50">
              {step.state === "done" ? (
                <CheckCircle2 aria-label="Done" className="mt-0.5 size-5 text-emerald-600" />
              ) : step.state === "working" ? (
                <Loader2 aria-label="In progress" className="mt-0.5 size-5 animate-spin text-brand-600" />
              ) : (
                <Circle aria-label="To do" className="mt-0.5 size-5 text-slate-300" />
              )}
              <span>
                <span className={clsx("block text-sm font-medium", step.state === "done" ? "text-slate-500" : "text-slate-900")}>
                  {step.title}
                </span>
                <span className="block text-sm text-slate-600">{step.description}</span>
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </Card>
  );
}
