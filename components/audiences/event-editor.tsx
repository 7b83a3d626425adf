"use client";

import { FREQUENCY_OPERATORS, type EventCondition, type Frequency } from "@/server/audiences/definition";
import { useBuilder } from "./builder-context";
import { InlineSelect, NumberInput } from "./controls";
import { EventSourceFields, useEventModels } from "./event-source-fields";
import { FiltersField } from "./filters-field";
import { SuggestInput } from "./suggest-input";
import { TimeWindowField } from "./time-window-field";

const FREQUENCY_LABELS: Record<Frequency["operator"], string> = { at_least: "at least", at_most: "at most", exactly: "exactly" };

/** Performed / did not perform an event, how often, and when. */
export function EventEditor({ condition, onChange }: { condition: EventCondition; onChange: (next: EventCondition) => void }) {
  const { readOnly } = useBuilder();
  const relation = useEventModels().find((candidate) => candidate.id === condition.relationId);
  const frequency = condition.frequency;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <EventSourceFields
          operator={condition.operator}
          relationId={condition.relationId}
          onOperator={(operator) => onChange({ ...condition, operator })}
          onRelation={(relationId) => onChange({ ...condition, relationId, eventName: "", where: [] })}
        />
        {relation?.eventNameColumn ? (
          <SuggestInput
            label="Event name"
            modelId={relation.modelId}
            column={relation.eventNameColumn}
            value={condition.eventName}
            disabled={readOnly}
            onChange={(eventName) => onChange({ ...condition, eventName })}
          />
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <InlineSelect
          label="How often"
          value={frequency?.operator ?? "once"}
          disabled={readOnly}
          onChange={(event) => {
            const operator = event.target.value;
            onChange({
              ...condition,
              frequency: operator === "once" ? undefined : { operator: operator as Frequency["operator"], count: frequency?.count ?? 2 },
            });
          }}
          options={[{ value: "once", label: "at least once" }, ...FREQUENCY_OPERATORS.map((operator) => ({ value: operator, label: FREQUENCY_LABELS[operator] }))]}
        />
        {frequency ? (
          <>
            <NumberInput label="Times" value={frequency.count} disabled={readOnly} className="w-20" onChange={(count) => onChange({ ...condition, frequency: { ...frequency, count } })} />
            <span className="text-sm text-slate-500">times</span>
          </>
        ) : null}
        <TimeWindowField value={condition.time} disabled={readOnly} onChange={(time) => onChange({ ...condition, time })} />
      </div>
      {relation ? (
        <FiltersField filters={condition.where} columns={relation.columns} modelId={relation.modelId} onChange={(where) => onChange({ ...condition, where })} />
      ) : null}
    </div>
  );
}
