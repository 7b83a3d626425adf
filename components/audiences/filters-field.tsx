"use client";

import { Plus, X } from "lucide-react";
import type { PropertyCondition } from "@/server/audiences/definition";
import { Button } from "@/components/ui/button";
import { useBuilder, type ModelColumn } from "./builder-context";
import { ProblemList } from "./problem-list";
import { PropertyFields } from "./property-fields";
import { newId, removeAt, replaceAt } from "./tree";

/** "where status is completed": filters on the related rows an event or aggregate counts. */
export function FiltersField({
  filters,
  columns,
  modelId,
  onChange,
}: {
  filters: PropertyCondition[];
  columns: readonly ModelColumn[];
  modelId: string | null;
  onChange: (next: PropertyCondition[]) => void;
}) {
  const { problemsOf, readOnly } = useBuilder();
  return (
    <div className="space-y-2">
      {filters.map((filter, index) => (
        <div key={filter.id} role="group" aria-label={`Filter ${index + 1}`}>
          <div className="flex items-start gap-2">
            <span className="pt-1.5 text-sm text-slate-500">{index === 0 ? "where" : "and"}</span>
            <div className="min-w-0 flex-1">
              <PropertyFields
              condition={filter}
              columns={columns}
              modelId={modelId}
              disabled={readOnly}
              columnLabel="Filter column"
              onChange={(next) => onChange(replaceAt(filters, index, next))}
              />
            </div>
            {readOnly ? null : (
              <button type="button" aria-label="Remove filter" className="p-1.5 text-slate-400 hover:text-slate-700" onClick={() => onChange(removeAt(filters, index))}>
                <X aria-hidden className="size-4" />
              </button>
            )}
          </div>
          <ProblemList problems={problemsOf(filter.id)} />
        </div>
      ))}
      {readOnly ? null : (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => onChange([...filters, { id: newId("f"), type: "property", column: "", operator: "is", value: "" }])}
        >
          <Plus aria-hidden className="size-3.5" />
          Add filter
        </Button>
      )}
    </div>
  );
}
