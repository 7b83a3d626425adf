"use client";

import { useId } from "react";
import { InlineInput } from "./controls";
import { useTopValues } from "./use-top-values";

/** A text value with the column's most common values offered as the person types. */
export function SuggestInput({
  label,
  modelId,
  column,
  value,
  onChange,
  disabled,
}: {
  label: string;
  modelId: string | null;
  column: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  const listId = useId();
  const suggestions = useTopValues(modelId, column, value);
  return (
    <>
      <InlineInput label={label} list={listId} value={value} disabled={disabled} className="w-48" onChange={(event) => onChange(event.target.value)} />
      <datalist id={listId}>
        {suggestions.map((suggestion) => (
          <option key={suggestion.value} value={suggestion.value}>
            {suggestion.count.toLocaleString("en-US")} rows
          </option>
        ))}
      </datalist>
    </>
  );
}
