import clsx from "clsx";
import type { ReactNode } from "react";

export type Column = { label: string; align?: "right"; srOnly?: boolean };

/** A plain list table: a small upper-case header row and divided body rows. */
export function Table({ columns, caption, children }: { columns: Column[]; caption?: string; children: ReactNode }) {
  return (
    <table className="w-full text-sm">
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <thead>
        <tr className="text-left text-xs tracking-wide text-slate-500 uppercase">
          {columns.map((column) => (
            <th
              key={column.label}
              className={clsx("py-2 font-medium", column.align === "right" && "text-right", column.srOnly && "sr-only")}
            >
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}
