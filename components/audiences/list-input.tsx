"use client";

import { X } from "lucide-react";
import { useState } from "react";
import { InlineInput } from "./controls";
import { useTopValues } from "./use-top-values";

/** Split pasted text (one per line, or separated by commas or tabs) into distinct values. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,\t]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** "is one of": chips, typed (Enter or comma adds one) or pasted as a list, or picked from the common values. */
export function ListInput({
  label,
  modelId,
  column,
  values,
  onChange,
  disabled,
}: {
  label: string;
  modelId: string | null;
  column: string;
  values: string[];
  onChange: (values: string[]) => void;
  disabled?: boolean;
}) {
  const [draft, setDraft] = useState("");
  const suggestions = useTopValues(modelId, column, draft).filter((suggestion) => !values.includes(suggestion.value));
  const add = (items: string[]) => {
    onChange([...new Set([...values, ...items])]);
    setDraft("");
  };
  return (
    <div className="min-w-64 flex-1 space-y-1.5">
      <div className="flex flex-wrap items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2 py-1 shadow-xs">
        {values.map((value) => (
          <span key={value} className="inline-flex items-center gap-1 rounded-full bg-brand-100 px-2 py-0.5 text-xs font-medium text-brand-700">
            {value}
            {disabled ? null : (
              <button type="button" aria-label={`Remove ${value}`} onClick={() => onChange(values.filter((item) => item !== value))}>
                <X aria-hidden className="size-3" />
              </button>
            )}
          </span>
        ))}
        {disabled ? null : (
          <InlineInput
            label={label}
            value={draft}
            placeholder={values.length ? "Add another" : "Type or paste values"}
            className="min-w-32 flex-1 border-0 px-1 py-0.5 shadow-none focus:ring-0"
            onChange={(event) => setDraft(event.target.value)}
            onPaste={(event) => {
              const pasted = splitList(event.clipboardData.getData("text"));
              if (pasted.length > 1) {
                event.preventDefault();
                add(pasted);
              }
            }}
            onKeyDown={(event) => {
              if ((event.key === "Enter" || event.key === ",") && draft.trim()) {
                event.preventDefault();
                add(splitList(draft));
              } else if (event.key === "Backspace" && draft === "" && values.length) {
                onChange(values.slice(0, -1));
              }
            }}
          />
        )}
      </div>
      {disabled || suggestions.length === 0 ? null : (
        <div className="flex flex-wrap items-center gap-1" aria-label={`Common values of ${column}`} role="group">
          {suggestions.slice(0, 8).map((suggestion) => (
            <button
              key={suggestion.value}
              type="button"
              aria-label={`Add ${suggestion.value}`}
              onClick={() => add([suggestion.value])}
              className="rounded-full border border-slate-200 px-2 py-0.5 text-xs text-slate-600 hover:border-brand-500 hover:bg-brand-50"
            >
              + {suggestion.value}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
