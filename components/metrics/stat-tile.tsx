import clsx from "clsx";
import type { ReactNode } from "react";

/** One headline number with what it means underneath. */
export function StatTile({ label, value, hint }: { label: string; value: string; hint?: ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-xl font-semibold whitespace-nowrap xl:text-2xl tracking-tight text-slate-900 tabular-nums">{value}</dd>
      {hint ? <dd className="mt-0.5 text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

export function StatGrid({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <dl aria-label={label} className={clsx("grid grid-cols-2 gap-3", wide ? "lg:grid-cols-5" : "lg:grid-cols-4")}>
      {children}
    </dl>
  );
}
