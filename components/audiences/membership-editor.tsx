"use client";

import type { MembershipCondition } from "@/server/audiences/definition";
import { useBuilder } from "./builder-context";
import { InlineSelect } from "./controls";

/** In / not in another audience of the same parent model. */
export function MembershipEditor({ condition, onChange }: { condition: MembershipCondition; onChange: (next: MembershipCondition) => void }) {
  const { data, readOnly } = useBuilder();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <InlineSelect
        label="Membership"
        value={condition.operator}
        disabled={readOnly}
        onChange={(event) => onChange({ ...condition, operator: event.target.value as MembershipCondition["operator"] })}
        options={[
          { value: "in", label: "Is in audience" },
          { value: "not_in", label: "Is not in audience" },
        ]}
      />
      <InlineSelect
        label="Audience"
        value={condition.audienceId}
        disabled={readOnly}
        onChange={(event) => onChange({ ...condition, audienceId: event.target.value })}
        options={[
          { value: "", label: data.audiences.length ? "Choose an audience" : "No other audiences yet" },
          ...data.audiences.map((audience) => ({ value: audience.id, label: audience.name })),
        ]}
      />
    </div>
  );
}
