"use client";

import type { PropertyCondition, PropertyOperator } from "@/server/audiences/definition";
import { OPERATOR_LABELS, operatorsFor, valueKind } from "@/server/audiences/operators";
import type { ColumnType } from "@/server/sources/types";
import type { ModelColumn } from "./builder-context";
import { InlineSelect } from "./controls";
import { initialValue, ValueInput } from "./value-input";

/** Column → operator (by the column's type) → value: a property condition, or a filter on a related model. */
export function PropertyFields({
  condition,
  columns,
  modelId,
  onChange,
  disabled,
  columnLabel = "Column",
}: {
  condition: PropertyCondition;
  columns: readonly ModelColumn[];
  modelId: string | null;
  onChange: (next: PropertyCondition) => void;
  disabled?: boolean;
  columnLabel?: string;
}) {
  const column = columns.find((candidate) => candidate.name === condition.column);
  const type = (column?.type ?? "string") as ColumnType;
  const operators = operatorsFor(type, Boolean(condition.path?.length));
  const kind = condition.path?.length ? "text" : valueKind(type);

  const chooseColumn = (name: string) => {
    const nextType = (columns.find((candidate) => candidate.name === name)?.type ?? "string") as ColumnType;
    const allowed = operatorsFor(nextType);
    const operator = allowed.includes(condition.operator) ? condition.operator : (allowed[0] ?? "is_set");
    onChange({ ...condition, column: name, path: undefined, operator, value: initialValue(valueKind(nextType), operator) });
  };
  const chooseOperator = (operator: PropertyOperator) => {
    const keep = initialValue(kind, operator) === initialValue(kind, condition.operator) && typeof condition.value !== "object";
    onChange({ ...condition, operator, value: keep ? condition.value : initialValue(kind, operator) });
  };

  return (
    <div className="flex flex-wrap items-start gap-2">
      <InlineSelect
        label={columnLabel}
        value={condition.column}
        disabled={disabled}
        onChange={(event) => chooseColumn(event.target.value)}
        options={[{ value: "", label: "Choose a column" }, ...columns.map((candidate) => ({ value: candidate.name, label: candidate.name }))]}
      />
      {condition.column ? (
        <>
          <InlineSelect
            label="Operator"
            value={condition.operator}
            disabled={disabled}
            onChange={(event) => chooseOperator(event.target.value as PropertyOperator)}
            options={operators.map((operator) => ({ value: operator, label: OPERATOR_LABELS[operator] }))}
          />
          <ValueInput
            kind={kind}
            operator={condition.operator}
            value={condition.value}
            modelId={modelId}
            column={condition.column}
            disabled={disabled}
            onChange={(value) => onChange({ ...condition, value })}
          />
        </>
      ) : null}
    </div>
  );
}
