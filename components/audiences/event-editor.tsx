"use client";

import { FREQUENCY_OPERATORS, type EventCondition, type Frequency } from "@/server/audiences/definition";
import { useBuilder } from "./builder-context";
import { InlineSelect, NumberInput } from "./controls";
import { FiltersField } from "./filters-field";
import { SuggestInput } from "./suggest-input";
import { TimeWindowField } from "./time-window-field";

const FREQUENCY_LABELS: Record<Frequency["operator"], string> = { at_least: "at least", at_most: "at most", exactly: "exactly" };

/** Performed / did not perform an event, how often, and when. */
export function EventEditor({ condition, onChange }: { condition: EventCondition; onChange: (next: EventCondition) => void }) {
  const { data, readOnly } = useBuilder();
  const eventModels = data.related.filter((relation) => relation.eventNameColumn !== null);
  const relation = eventModels.find((candidate) => candidate.id === condition.relationId);
  const frequency = condition.frequency;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <InlineSelect
          label="Performed"
          value={condition.operator}
          disabled={readOnly}
          onChange={(event) => onChange({ ...condition, operator: event.target.value as EventCondition["operator"] })}
          options={[
            { value: "performed", label: "Performed" },
            { value: "did_not_perform", label: "Did not perform" },
          ]}
        />
        <InlineSelect
          label="Event model"
          value={condition.relationId}
          disabled={readOnly}
          onChange={(event) => onChange({ ...condition, relationId: event.target.value, eventName: "", where: [] })}
          options={[
            { value: "", label: eventModels.length ? "Choose event model" : "No event models" },
            ...eventModels.map((candidate) => ({ value: candidate.id, label: candidate.name })),
          ]}
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
