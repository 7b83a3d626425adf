"use client";

import { useBuilder } from "./builder-context";
import { InlineSelect } from "./controls";

/** Related models that can be event models (they have an event-name column). */
export function useEventModels() {
  const { data } = useBuilder();
  return data.related.filter((relation) => relation.eventNameColumn !== null);
}

/** "Performed / Did not perform" and the event model: the start of event and sequence conditions. */
export function EventSourceFields({
  operator,
  relationId,
  onOperator,
  onRelation,
}: {
  operator: "performed" | "did_not_perform";
  relationId: string;
  onOperator: (operator: "performed" | "did_not_perform") => void;
  onRelation: (relationId: string) => void;
}) {
  const { readOnly } = useBuilder();
  const eventModels = useEventModels();
  return (
    <>
      <InlineSelect
        label="Performed"
        value={operator}
        disabled={readOnly}
        onChange={(event) => onOperator(event.target.value as "performed" | "did_not_perform")}
        options={[
          { value: "performed", label: "Performed" },
          { value: "did_not_perform", label: "Did not perform" },
        ]}
      />
      <InlineSelect
        label="Event model"
        value={relationId}
        disabled={readOnly}
        onChange={(event) => onRelation(event.target.value)}
        options={[
          { value: "", label: eventModels.length ? "Choose event model" : "No event models" },
          ...eventModels.map((candidate) => ({ value: candidate.id, label: candidate.name })),
        ]}
      />
    </>
  );
}
