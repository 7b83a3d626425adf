"use client";

import type { SequenceCondition } from "@/server/audiences/definition";
import { useBuilder } from "./builder-context";
import { EventSourceFields, useEventModels } from "./event-source-fields";
import { RelativeTimeInput } from "./relative-time-input";
import { SuggestInput } from "./suggest-input";
import { TimeWindowField } from "./time-window-field";

/** "Performed A, then B within N days" (or did not), on one event model. */
export function SequenceEditor({ condition, onChange }: { condition: SequenceCondition; onChange: (next: SequenceCondition) => void }) {
  const { readOnly } = useBuilder();
  const relation = useEventModels().find((candidate) => candidate.id === condition.relationId);
  const eventName = (label: string, value: string, change: (eventName: string) => void) =>
    relation?.eventNameColumn ? (
      <SuggestInput label={label} modelId={relation.modelId} column={relation.eventNameColumn} value={value} disabled={readOnly} onChange={change} />
    ) : null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <EventSourceFields
          operator={condition.operator}
          relationId={condition.relationId}
          onOperator={(operator) => onChange({ ...condition, operator })}
          onRelation={(relationId) => onChange({ ...condition, relationId, first: { eventName: "", where: [] }, then: { eventName: "", where: [] } })}
        />
        {eventName("First event", condition.first.eventName, (name) => onChange({ ...condition, first: { ...condition.first, eventName: name } }))}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-500">then</span>
        {eventName("Then event", condition.then.eventName, (name) => onChange({ ...condition, then: { ...condition.then, eventName: name } }))}
        <span className="text-sm text-slate-500">within</span>
        <RelativeTimeInput
          label="Within"
          amount={condition.within.amount}
          unit={condition.within.unit}
          disabled={readOnly}
          onChange={(within) => onChange({ ...condition, within })}
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-500">first event</span>
        <TimeWindowField value={condition.time} disabled={readOnly} onChange={(time) => onChange({ ...condition, time })} />
      </div>
    </div>
  );
}
