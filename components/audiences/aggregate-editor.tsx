"use client";

import { AGGREGATIONS, type AggregateCondition, type Aggregation, type ComparisonOperator, type Range } from "@/server/audiences/definition";
import { COMPARISON_OPERATORS, OPERATOR_LABELS } from "@/server/audiences/operators";
import { useBuilder } from "./builder-context";
import { InlineSelect, NumberInput } from "./controls";
import { FiltersField } from "./filters-field";
import { TimeWindowField } from "./time-window-field";

const AGGREGATION_LABELS: Record<Aggregation, string> = {
  count: "Number of",
  sum: "Sum of",
  avg: "Average of",
  min: "Smallest",
  max: "Largest",
};

const NUMERIC = new Set(["integer", "number"]);
const DATES = new Set(["date", "timestamp"]);

const isRange = (value: AggregateCondition["value"]): value is Range => typeof value === "object";

/** "Number of Orders where status is completed in the last 90 days ≥ 2", and sum / avg / min / max of a column. */
export function AggregateEditor({ condition, onChange }: { condition: AggregateCondition; onChange: (next: AggregateCondition) => void }) {
  const { data, readOnly } = useBuilder();
  const relation = data.related.find((candidate) => candidate.id === condition.relationId);
  const numeric = (relation?.columns ?? []).filter((column) => NUMERIC.has(column.type));
  const dates = (relation?.columns ?? []).filter((column) => DATES.has(column.type));
  const range = isRange(condition.value) ? condition.value : null;
  const single = typeof condition.value === "number" ? condition.value : typeof condition.value === "string" ? condition.value : null;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <InlineSelect
          label="Aggregation"
          value={condition.aggregation}
          disabled={readOnly}
          onChange={(event) => {
            const aggregation = event.target.value as Aggregation;
            onChange({ ...condition, aggregation, column: aggregation === "count" ? null : (condition.column ?? numeric[0]?.name ?? null) });
          }}
          options={AGGREGATIONS.map((aggregation) => ({ value: aggregation, label: AGGREGATION_LABELS[aggregation] }))}
        />
        {condition.aggregation !== "count" ? (
          <InlineSelect
            label="Aggregated column"
            value={condition.column ?? ""}
            disabled={readOnly}
            onChange={(event) => onChange({ ...condition, column: event.target.value || null })}
            options={[{ value: "", label: "Choose a column" }, ...numeric.map((column) => ({ value: column.name, label: column.name }))]}
          />
        ) : null}
        <InlineSelect
          label="Related model"
          value={condition.relationId}
          disabled={readOnly}
          onChange={(event) => onChange({ ...condition, relationId: event.target.value, column: null, timeColumn: null, where: [] })}
          options={[
            { value: "", label: data.related.length ? "Choose related model" : "No related models" },
            ...data.related.map((candidate) => ({ value: candidate.id, label: candidate.name })),
          ]}
        />
      </div>
      {relation ? (
        <FiltersField filters={condition.where} columns={relation.columns} modelId={relation.modelId} onChange={(where) => onChange({ ...condition, where })} />
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <TimeWindowField
          value={condition.time}
          disabled={readOnly}
          onChange={(time) => onChange({ ...condition, time, timeColumn: condition.timeColumn ?? relation?.timestampColumn ?? dates[0]?.name ?? null })}
        />
        {condition.time.kind !== "any" ? (
          <InlineSelect
            label="Time column"
            value={condition.timeColumn ?? relation?.timestampColumn ?? ""}
            disabled={readOnly}
            onChange={(event) => onChange({ ...condition, timeColumn: event.target.value || null })}
            options={[{ value: "", label: "Choose a date column" }, ...dates.map((column) => ({ value: column.name, label: `by ${column.name}` }))]}
          />
        ) : null}
        <span className="text-sm text-slate-500">is</span>
        <InlineSelect
          label="Comparison"
          value={condition.operator}
          disabled={readOnly}
          onChange={(event) => {
            const operator = event.target.value as ComparisonOperator;
            onChange({ ...condition, operator, value: operator === "between" ? { from: null, to: null } : (single ?? undefined) });
          }}
          options={COMPARISON_OPERATORS.map((operator) => ({ value: operator, label: OPERATOR_LABELS[operator] }))}
        />
        {range ? (
          <>
            <NumberInput label="From" value={range.from} disabled={readOnly} onChange={(from) => onChange({ ...condition, value: { ...range, from } })} />
            <span className="text-sm text-slate-500">and</span>
            <NumberInput label="To" value={range.to} disabled={readOnly} onChange={(to) => onChange({ ...condition, value: { ...range, to } })} />
          </>
        ) : (
          <NumberInput label="Amount" value={single} disabled={readOnly} onChange={(value) => onChange({ ...condition, value: value ?? undefined })} />
        )}
      </div>
    </div>
  );
}
