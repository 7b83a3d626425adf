import clsx from "clsx";
import type { ReactNode } from "react";

export type Stat = { label: string; value: ReactNode; hint?: string };

/** Values side by side, each under a small label: a run's counters (large) or a sync's settings (compact). */
export function StatGrid({ stats, compact = false }: { stats: Stat[]; compact?: boolean }) {
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-4 sm:grid-cols-3 lg:grid-cols-4">
      {stats.map((stat) => (
        <div key={stat.label} title={stat.hint}>
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{stat.label}</dt>
          <dd className={clsx("mt-0.5 text-slate-900 tabular-nums", compact ? "text-sm font-medium break-words" : "text-lg font-semibold")}>{stat.value}</dd>
        </div>
      ))}
    </dl>
  );
}
