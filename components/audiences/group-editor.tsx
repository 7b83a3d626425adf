"use client";

import clsx from "clsx";
import { Plus } from "lucide-react";
import type { ReactNode } from "react";
import type { AudienceNode, ConditionGroup } from "@/server/audiences/definition";
import { Button } from "@/components/ui/button";
import { useBuilder } from "./builder-context";
import { NodeItem } from "./node-item";
import { ProblemList } from "./problem-list";
import { SortableList } from "./sortable-list";
import { duplicateAt, moveBy, newCondition, newGroup, removeAt, replaceAt, type ConditionKind } from "./tree";

const ADDABLE: { kind: ConditionKind; label: string; sqlOnly?: boolean }[] = [
  { kind: "property", label: "Property" },
  { kind: "event", label: "Event" },
  { kind: "sequence", label: "Sequence" },
  { kind: "aggregate", label: "Related" },
  { kind: "audience", label: "Audience" },
  { kind: "sql", label: "SQL", sqlOnly: true },
];

/** A group of conditions joined by AND or OR; any depth. The root group has no label. */
export function GroupEditor({
  group,
  label,
  onChange,
  toolbar,
  problems = [],
}: {
  group: ConditionGroup;
  /** "2" or "2.1" for nested groups; null for the root. */
  label: string | null;
  onChange: (next: ConditionGroup) => void;
  toolbar?: ReactNode;
  problems?: string[];
}) {
  const { readOnly, canEditSql } = useBuilder();
  const setConditions = (conditions: AudienceNode[]) => onChange({ ...group, conditions });
  const where = label ? ` to group ${label}` : "";
  const word = group.combinator === "and" ? "and" : "or";

  return (
    <div
      role="group"
      aria-label={label ? `Group ${label}` : "All conditions"}
      className={clsx(label && "rounded-lg border border-dashed bg-slate-50/70 p-3", problems.length ? "border-red-300" : "border-slate-300")}
    >
      <div className="mb-2 flex items-center gap-2">
        <span className="text-sm text-slate-600">{label ? "Match" : "People who match"}</span>
        <div role="radiogroup" aria-label={label ? `Combine group ${label} with` : "Combine conditions with"} className="flex rounded-md border border-slate-300 bg-white p-0.5">
          {(["and", "or"] as const).map((combinator) => (
            <button
              key={combinator}
              type="button"
              role="radio"
              aria-checked={group.combinator === combinator}
              disabled={readOnly}
              onClick={() => onChange({ ...group, combinator })}
              className={clsx(
                "rounded px-2.5 py-0.5 text-xs font-semibold uppercase",
                group.combinator === combinator ? "bg-brand-600 text-white" : "text-slate-600 hover:bg-slate-100",
              )}
            >
              {combinator === "and" ? "All (and)" : "Any (or)"}
            </button>
          ))}
        </div>
        <span className="flex-1 text-sm text-slate-600">of these</span>
        {toolbar}
      </div>
      <ProblemList problems={problems} />
      {group.conditions.length === 0 && !label ? (
        <p className="rounded-md border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">
          No conditions: everyone in the model is in this audience. Add a condition to narrow it down.
        </p>
      ) : null}
      <SortableList
        items={group.conditions}
        disabled={readOnly}
        onReorder={setConditions}
        label={(node, index) => `${node.type === "group" ? "group" : "condition"} ${label ? `${label}.${index + 1}` : index + 1}`}
        renderItem={(node, index, handle) => (
          <>
            {index > 0 ? (
              <div className="ml-4 flex h-6 items-center border-l-2 border-slate-200 pl-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                {word}
              </div>
            ) : null}
            <div className="flex items-start gap-1">
              {handle}
              <div className="min-w-0 flex-1">
                <NodeItem
                  node={node}
                  label={label ? `${label}.${index + 1}` : String(index + 1)}
                  first={index === 0}
                  last={index === group.conditions.length - 1}
                  actions={{
                    onChange: (next) => setConditions(replaceAt(group.conditions, index, next)),
                    onMove: (delta) => setConditions(moveBy(group.conditions, index, delta)),
                    onDuplicate: () => setConditions(duplicateAt(group.conditions, index)),
                    onRemove: () => setConditions(removeAt(group.conditions, index)),
                  }}
                />
              </div>
            </div>
          </>
        )}
      />
      {readOnly ? null : (
        <div className="mt-3 flex flex-wrap items-center gap-1">
          <span className="mr-1 text-xs font-medium text-slate-500">Add</span>
          {ADDABLE.filter((item) => !item.sqlOnly || canEditSql).map((item) => (
            <Button
              key={item.kind}
              variant="secondary"
              size="sm"
              aria-label={`Add ${item.kind === "sql" ? "SQL" : item.label.toLowerCase()} condition${where}`}
              onClick={() => setConditions([...group.conditions, newCondition(item.kind)])}
            >
              <Plus aria-hidden className="size-3.5" />
              {item.label}
            </Button>
          ))}
          <Button variant="ghost" size="sm" aria-label={`Add group${where}`} onClick={() => setConditions([...group.conditions, newGroup(group.combinator === "and" ? "or" : "and")])}>
            <Plus aria-hidden className="size-3.5" />
            Group
          </Button>
        </div>
      )}
    </div>
  );
}
