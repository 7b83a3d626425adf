import type { ReactNode } from "react";
import { Card, CardHeader } from "@/components/ui/card";

export type ChartTable = { columns: string[]; rows: (string | number)[][] };

export const CHART_COLORS = {
  brand: "#0891b2",
  brandDark: "#155e75",
  success: "#10b981",
  danger: "#ef4444",
  warning: "#f59e0b",
  muted: "#94a3b8",
  grid: "#e2e8f0",
  axis: "#64748b",
} as const;

export const AXIS_TICK = { fontSize: 12, fill: CHART_COLORS.axis };

/** Legend entries in body text colour (the swatch carries the series colour). */
export const legendText = (value: unknown) => <span className="text-xs text-slate-700">{String(value)}</span>;

/**
 * A chart in a card. The drawing is hidden from screen readers; they get the same numbers as a
 * table (visually hidden) instead.
 */
export function ChartCard({ title, description, table, children }: { title: string; description?: string; table: ChartTable; children: ReactNode }) {
  return (
    <Card>
      <CardHeader title={title} description={description} />
      <div className="px-3 pt-4 pb-2" aria-hidden>
        {children}
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) => (
                <td key={column}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
