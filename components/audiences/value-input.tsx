"use client";

import type { PropertyOperator, PropertyValue, Range, RelativeTime } from "@/server/audiences/definition";
import type { ValueKind } from "@/server/audiences/operators";
import { InlineInput, NumberInput } from "./controls";
import { ListInput } from "./list-input";
import { RelativeTimeInput } from "./relative-time-input";
import { SuggestInput } from "./suggest-input";

const NO_VALUE: readonly PropertyOperator[] = ["is_empty", "is_set", "is_true", "is_false"];
const LISTS: readonly PropertyOperator[] = ["is_one_of", "is_not_one_of"];
const RELATIVE: readonly PropertyOperator[] = ["within_last", "within_next", "more_than_ago"];

/** The value an operator starts with when it is chosen: the right shape, still empty. */
export function initialValue(kind: ValueKind, operator: PropertyOperator): PropertyValue | undefined {
  if (NO_VALUE.includes(operator)) return undefined;
  if (LISTS.includes(operator)) return [];
  if (RELATIVE.includes(operator)) return { amount: null, unit: "days" };
  if (operator === "between") return { from: null, to: null };
  return kind === "number" ? undefined : "";
}

const isRange = (value: PropertyValue | undefined): value is Range =>
  typeof value === "object" && !Array.isArray(value) && "from" in value;
const isRelative = (value: PropertyValue | undefined): value is RelativeTime =>
  typeof value === "object" && !Array.isArray(value) && "unit" in value;
const scalar = (value: PropertyValue | undefined): string | number | null =>
  typeof value === "string" || typeof value === "number" ? value : null;

/** The value part of a property condition, shaped by the column's kind and the operator. */
export function ValueInput({
  kind,
  operator,
  value,
  onChange,
  modelId,
  column,
  disabled,
}: {
  kind: ValueKind;
  operator: PropertyOperator;
  value: PropertyValue | undefined;
  onChange: (value: PropertyValue | undefined) => void;
  modelId: string | null;
  column: string;
  disabled?: boolean;
}) {
  if (NO_VALUE.includes(operator)) return null;
  if (LISTS.includes(operator)) {
    return (
      <ListInput label="Values" modelId={modelId} column={column} disabled={disabled} values={Array.isArray(value) ? value : []} onChange={onChange} />
    );
  }
  if (RELATIVE.includes(operator)) {
    const relative = isRelative(value) ? value : { amount: null, unit: "days" as const };
    return <RelativeTimeInput label="Time" amount={relative.amount} unit={relative.unit} disabled={disabled} onChange={onChange} />;
  }
  const single = (label: string, current: string | number | null, set: (next: string | number | null) => void) =>
    kind === "number" ? (
      <NumberInput label={label} value={current} disabled={disabled} onChange={set} />
    ) : kind === "date" ? (
      <InlineInput label={label} type="date" disabled={disabled} value={typeof current === "string" ? current : ""} onChange={(event) => set(event.target.value)} />
    ) : (
      <SuggestInput label={label} modelId={modelId} column={column} disabled={disabled} value={current === null ? "" : String(current)} onChange={set} />
    );
  if (operator === "between") {
    const range = isRange(value) ? value : { from: null, to: null };
    return (
      <>
        {single("From", range.from, (from) => onChange({ ...range, from: from === "" ? null : from }))}
        <span className="text-sm text-slate-500">and</span>
        {single("To", range.to, (to) => onChange({ ...range, to: to === "" ? null : to }))}
      </>
    );
  }
  return single("Value", scalar(value), (next) => onChange(next === null ? undefined : next));
}
