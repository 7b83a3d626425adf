"use client";

import type { AudienceDefinition } from "@/server/audiences/definition";
import { Card } from "@/components/ui/card";
import type { BuilderData } from "./builder-context";
import { SqlDisclosure } from "./sql-disclosure";
import { summarize } from "./summarize";

export type Estimate = {
  problems: { conditionId: string | null; message: string }[];
  count: number | null;
  breakdown: { conditionId: string; count: number }[];
  sql: string | null;
  durationMs: number;
};

/** The audience's size as it is built: the count, and how many people pass each top-level condition. */
export function SizePanel({
  definition,
  estimate,
  counting,
  error,
  data,
  total,
}: {
  definition: AudienceDefinition;
  estimate: Estimate | undefined;
  counting: boolean;
  error: string | null;
  data: BuilderData;
  /** The count of the last estimate (the bars' 100%), when there was one. */
  total: number | null;
}) {
  const names = new Map(data.audiences.map((audience) => [audience.id, audience.name]));
  const byId = new Map(definition.root.conditions.map((node) => [node.id, node]));
  const count = estimate?.count ?? null;
  const widest = Math.max(1, ...(estimate?.breakdown.map((item) => item.count) ?? []), total ?? 0);
  return (
    <Card className="px-5 py-4">
      <h2 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Audience size</h2>
      <div role="status" aria-label="Audience size" aria-busy={counting} className="mt-1">
        {counting ? (
          <p className="text-3xl font-semibold text-slate-400 tabular-nums">
            {count === null ? "—" : count.toLocaleString("en-US")}
            <span className="ml-2 align-middle text-sm font-normal">Counting…</span>
          </p>
        ) : count !== null ? (
          <p className="text-3xl font-semibold text-slate-900 tabular-nums">
            {count.toLocaleString("en-US")} <span className="text-sm font-normal text-slate-500">{data.parent.name.toLowerCase()}</span>
          </p>
        ) : (
          <p className="text-3xl font-semibold text-slate-400">—</p>
        )}
      </div>
      {error ? <p className="mt-1 text-sm text-red-700">{error}</p> : null}
      {!counting && estimate && estimate.problems.length > 0 ? (
        <p className="mt-1 text-sm text-slate-500">Fix the problems marked in red to see the size.</p>
      ) : null}
      {estimate && estimate.breakdown.length > 0 ? (
        <ul className="mt-4 space-y-2" aria-label="People passing each condition">
          {estimate.breakdown.map((item, index) => {
            const node = byId.get(item.conditionId);
            return (
              <li key={item.conditionId} className="text-xs text-slate-600">
                <div className="flex justify-between gap-2">
                  <span className="truncate">
                    {index + 1}. {node ? summarize(node, data, names) : "Condition"}
                  </span>
                  <span className="tabular-nums">{item.count.toLocaleString("en-US")}</span>
                </div>
                <div className="mt-0.5 h-1.5 overflow-hidden rounded-full bg-slate-100">
                  <div className="h-full rounded-full bg-brand-500" style={{ width: `${(item.count / widest) * 100}%` }} />
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
      {estimate?.sql ? <SqlDisclosure sql={estimate.sql} durationMs={estimate.durationMs} /> : null}
    </Card>
  );
}
