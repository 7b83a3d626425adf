"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import type { RouterOutputs } from "@/server/api/types";
import { AXIS_TICK, CHART_COLORS, ChartCard, legendText } from "./chart-card";
import { formatCompact, formatCount, formatDay, NONE } from "./format";

type Day = RouterOutputs["metric"]["workspace"]["daily"][number];

const axisLabel = (value: string, side: "left" | "right") =>
  ({ value, angle: side === "left" ? -90 : 90, position: side === "left" ? "insideLeft" : "insideRight", fill: CHART_COLORS.axis, fontSize: 12, style: { textAnchor: "middle" } }) as const;

/** Runs succeeded and failed (bars) and records delivered (line) per day. */
export function DailyChart({ days }: { days: Day[] }) {
  const data = days.map((day) => ({ label: formatDay(day.day), succeeded: day.succeeded, failed: day.failed, delivered: day.recordsDelivered }));
  return (
    <ChartCard
      title={`Runs and records, last ${days.length} days`}
      description="Runs that succeeded or failed each day (UTC), and the records your destinations accepted."
      table={{
        columns: ["Day", "Runs succeeded", "Runs failed", "Records delivered"],
        rows: data.map((point) => [point.label, point.succeeded, point.failed, formatCount(point.delivered)]),
      }}
    >
      <ComposedChart data={data} responsive style={{ width: "100%", height: 260 }} margin={{ top: 4, right: 12, bottom: 4, left: 12 }} accessibilityLayer={false}>
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis dataKey="label" tick={AXIS_TICK} tickMargin={6} minTickGap={16} />
        <YAxis yAxisId="runs" tick={AXIS_TICK} allowDecimals={false} width={56} label={axisLabel("Runs", "left")} />
        <YAxis yAxisId="records" orientation="right" tick={AXIS_TICK} tickFormatter={(value: number) => formatCompact(value)} width={64} label={axisLabel("Records delivered", "right")} />
        <Tooltip formatter={(value) => (typeof value === "number" ? formatCount(value) : NONE)} />
        <Legend verticalAlign="top" height={28} formatter={legendText} />
        <Bar yAxisId="runs" name="Runs succeeded" dataKey="succeeded" stackId="runs" fill={CHART_COLORS.success} isAnimationActive={false} />
        <Bar yAxisId="runs" name="Runs failed" dataKey="failed" stackId="runs" fill={CHART_COLORS.danger} isAnimationActive={false} />
        <Line yAxisId="records" name="Records delivered" dataKey="delivered" stroke={CHART_COLORS.brandDark} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
      </ComposedChart>
    </ChartCard>
  );
}
