"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { RouterOutputs } from "@/server/api/types";
import { AXIS_TICK, CHART_COLORS, ChartCard, legendText } from "./chart-card";
import { formatCompact, formatCount, formatDuration, formatDurationShort, formatPercent, formatRunTime, NONE } from "./format";

type Run = RouterOutputs["metric"]["sync"]["runs"][number];

const CHART_STYLE = { width: "100%", height: 240 };
const MARGIN = { top: 4, right: 16, bottom: 20, left: 12 };
const X_LABEL = { value: "Run (by start time)", position: "insideBottom", offset: -12, fill: CHART_COLORS.axis, fontSize: 12 } as const;
const yLabel = (value: string) => ({ value, angle: -90, position: "insideLeft", offset: 0, fill: CHART_COLORS.axis, fontSize: 12, style: { textAnchor: "middle" } }) as const;

const asDuration = (value: unknown) => (typeof value === "number" ? formatDuration(value) : NONE);
const asPercent = (value: unknown) => (typeof value === "number" ? formatPercent(value / 100) : NONE);
const asCount = (value: unknown) => (typeof value === "number" ? formatCount(value) : NONE);
const percentOf = (value: number | null) => (value === null ? null : value * 100);

function XRuns() {
  return <XAxis dataKey="label" tick={AXIS_TICK} tickMargin={6} minTickGap={24} label={X_LABEL} />;
}

export function TimingChart({ runs }: { runs: Run[] }) {
  const data = runs.map((run) => ({ label: formatRunTime(run.queuedAt), latency: run.latencyMs, duration: run.durationMs }));
  return (
    <ChartCard
      title="Latency and duration per run"
      description="Latency: from reading the warehouse to the destination accepting everything. Duration: the whole run."
      table={{ columns: ["Run", "Latency", "Duration"], rows: data.map((point) => [point.label, asDuration(point.latency), asDuration(point.duration)]) }}
    >
      <LineChart data={data} responsive style={CHART_STYLE} margin={MARGIN} accessibilityLayer={false}>
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XRuns />
        <YAxis tick={AXIS_TICK} tickFormatter={(value: number) => formatDurationShort(value)} width={72} label={yLabel("Time")} />
        <Tooltip formatter={asDuration} />
        <Legend verticalAlign="top" height={28} formatter={legendText} />
        <Line name="Latency" dataKey="latency" stroke={CHART_COLORS.brand} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
        <Line name="Duration" dataKey="duration" stroke={CHART_COLORS.muted} strokeWidth={2} strokeDasharray="4 3" dot={{ r: 2 }} isAnimationActive={false} />
      </LineChart>
    </ChartCard>
  );
}

export function ChangesChart({ runs }: { runs: Run[] }) {
  const data = runs.map((run) => ({ label: formatRunTime(run.queuedAt), added: run.added ?? 0, changed: run.changed ?? 0, removed: run.removed ?? 0 }));
  return (
    <ChartCard
      title="Rows changed per run"
      description="Rows that were new, changed or gone in the warehouse since the run before."
      table={{ columns: ["Run", "Added", "Changed", "Removed"], rows: data.map((point) => [point.label, point.added, point.changed, point.removed]) }}
    >
      <BarChart data={data} responsive style={CHART_STYLE} margin={MARGIN} accessibilityLayer={false}>
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XRuns />
        <YAxis tick={AXIS_TICK} tickFormatter={(value: number) => formatCompact(value)} width={72} label={yLabel("Rows")} allowDecimals={false} />
        <Tooltip formatter={asCount} />
        <Legend verticalAlign="top" height={28} formatter={legendText} />
        <Bar name="Added" dataKey="added" stackId="rows" fill={CHART_COLORS.success} isAnimationActive={false} />
        <Bar name="Changed" dataKey="changed" stackId="rows" fill={CHART_COLORS.brand} isAnimationActive={false} />
        <Bar name="Removed" dataKey="removed" stackId="rows" fill={CHART_COLORS.warning} isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  );
}

export function QualityChart({ runs }: { runs: Run[] }) {
  const data = runs.map((run) => ({ label: formatRunTime(run.queuedAt), coverage: percentOf(run.coverage), errorRate: percentOf(run.errorRate) }));
  return (
    <ChartCard
      title="Coverage and error rate per run"
      description="Coverage: rows the destination holds up to date. Error rate: records sent that the destination refused."
      table={{ columns: ["Run", "Coverage", "Error rate"], rows: data.map((point) => [point.label, asPercent(point.coverage), asPercent(point.errorRate)]) }}
    >
      <LineChart data={data} responsive style={CHART_STYLE} margin={MARGIN} accessibilityLayer={false}>
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XRuns />
        <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={AXIS_TICK} tickFormatter={(value: number) => `${value}%`} width={72} label={yLabel("Share of rows")} />
        <Tooltip formatter={asPercent} />
        <Legend verticalAlign="top" height={28} formatter={legendText} />
        <Line name="Coverage" dataKey="coverage" stroke={CHART_COLORS.success} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
        <Line name="Error rate" dataKey="errorRate" stroke={CHART_COLORS.danger} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
      </LineChart>
    </ChartCard>
  );
}
