"use client";

import clsx from "clsx";
import type { AudienceNode, Condition } from "@/server/audiences/definition";
import { AggregateEditor } from "./aggregate-editor";
import { useBuilder } from "./builder-context";
import { EventEditor } from "./event-editor";
import { GroupEditor } from "./group-editor";
import { MembershipEditor } from "./membership-editor";
import { NodeToolbar } from "./node-toolbar";
import { ProblemList } from "./problem-list";
import { PropertyFields } from "./property-fields";
import { SequenceEditor } from "./sequence-editor";
import { SqlConditionEditor } from "./sql-condition-editor";

const KIND_LABELS: Record<Condition["type"], string> = {
  property: "Property",
  event: "Event",
  aggregate: "Related",
  audience: "Audience",
  sql: "SQL",
  sequence: "Sequence",
};

export type NodeActions = {
  onChange: (next: AudienceNode) => void;
  onMove: (delta: number) => void;
  onDuplicate: () => void;
  onRemove: () => void;
};

/** One child of a group: a condition's card, or a nested group; with its toolbar and problems. */
export function NodeItem({ node, label, first, last, actions }: { node: AudienceNode; label: string; first: boolean; last: boolean; actions: NodeActions }) {
  const { problemsOf, readOnly } = useBuilder();
  const problems = problemsOf(node.id);
  const what = node.type === "group" ? `group ${label}` : `condition ${label}`;
  const toolbar = readOnly ? null : (
    <NodeToolbar what={what} first={first} last={last} onMove={actions.onMove} onDuplicate={actions.onDuplicate} onRemove={actions.onRemove} />
  );
  if (node.type === "group") {
    return <GroupEditor group={node} label={label} onChange={actions.onChange} toolbar={toolbar} problems={problems} />;
  }
  return (
    <div
      role="group"
      aria-label={`Condition ${label}`}
      className={clsx("rounded-md border bg-white px-3 py-2.5", problems.length ? "border-red-300" : "border-slate-200")}
    >
      <div className="flex items-start gap-3">
        <span className="mt-1.5 w-16 shrink-0 text-xs font-medium tracking-wide text-slate-500 uppercase">{KIND_LABELS[node.type]}</span>
        <div className="min-w-0 flex-1">
          <ConditionFields condition={node} onChange={actions.onChange} />
        </div>
        {toolbar}
      </div>
      <ProblemList problems={problems} />
    </div>
  );
}

function ConditionFields({ condition, onChange }: { condition: Condition; onChange: (next: Condition) => void }) {
  const { data, readOnly } = useBuilder();
  switch (condition.type) {
    case "property":
      return <PropertyFields condition={condition} columns={data.parent.columns} modelId={data.parent.id} disabled={readOnly} onChange={onChange} />;
    case "event":
      return <EventEditor condition={condition} onChange={onChange} />;
    case "aggregate":
      return <AggregateEditor condition={condition} onChange={onChange} />;
    case "audience":
      return <MembershipEditor condition={condition} onChange={onChange} />;
    case "sql":
      return <SqlConditionEditor condition={condition} onChange={onChange} />;
    case "sequence":
      return <SequenceEditor condition={condition} onChange={onChange} />;
  }
}
