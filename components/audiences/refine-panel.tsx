"use client";

import type { AudienceDefinition } from "@/server/audiences/definition";
import { Card, CardHeader } from "@/components/ui/card";
import type { BuilderData } from "./builder-context";
import { InlineSelect, NumberInput } from "./controls";

/** Leave out the members of other audiences, and keep only the top N by a column. */
export function RefinePanel({
  data,
  definition,
  onChange,
  readOnly,
}: {
  data: BuilderData;
  definition: AudienceDefinition;
  onChange: (next: AudienceDefinition) => void;
  readOnly: boolean;
}) {
  const { limit, exclusions } = definition;
  return (
    <Card>
      <CardHeader title="Exclusions and limit" description="Leave out people in other audiences; keep only the top N." />
      <div className="space-y-4 px-5 py-4">
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Exclude members of</legend>
          {data.audiences.length === 0 ? <p className="text-sm text-slate-500">No other audiences of {data.parent.name} yet.</p> : null}
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {data.audiences.map((audience) => (
              <label key={audience.id} className="flex items-center gap-1.5 text-sm text-slate-700">
                <input
                  type="checkbox"
                  disabled={readOnly}
                  checked={exclusions.includes(audience.id)}
                  onChange={(event) =>
                    onChange({ ...definition, exclusions: event.target.checked ? [...exclusions, audience.id] : exclusions.filter((id) => id !== audience.id) })
                  }
                />
                {audience.name}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-1.5 text-sm font-medium text-slate-700">
            <input
              type="checkbox"
              disabled={readOnly}
              checked={limit !== null}
              onChange={(event) =>
                onChange({ ...definition, limit: event.target.checked ? { column: data.parent.primaryKey, direction: "desc", count: 1000 } : null })
              }
            />
            Keep only the top
          </label>
          {limit ? (
            <>
              <NumberInput label="Limit" value={limit.count} disabled={readOnly} onChange={(count) => onChange({ ...definition, limit: { ...limit, count } })} />
              <span className="text-sm text-slate-500">by</span>
              <InlineSelect
                label="Limit column"
                value={limit.column}
                disabled={readOnly}
                onChange={(event) => onChange({ ...definition, limit: { ...limit, column: event.target.value } })}
                options={data.parent.columns.map((column) => ({ value: column.name, label: column.name }))}
              />
              <InlineSelect
                label="Limit order"
                value={limit.direction}
                disabled={readOnly}
                onChange={(event) => onChange({ ...definition, limit: { ...limit, direction: event.target.value as "asc" | "desc" } })}
                options={[
                  { value: "desc", label: "highest first" },
                  { value: "asc", label: "lowest first" },
                ]}
              />
            </>
          ) : null}
        </div>
      </div>
    </Card>
  );
}
