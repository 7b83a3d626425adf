"use client";

import { Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button";

export type Pair = { name: string; value: string };

/** Reads a list of `{ name, value }` pairs out of an unknown form value. */
export function pairsOf(value: unknown): Pair[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: unknown) => {
    const record = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
    return { name: typeof record.name === "string" ? record.name : "", value: typeof record.value === "string" ? record.value : "" };
  });
}

/**
 * A list of name/value pairs (e.g. HTTP headers). For a secret list the saved pairs are never
 * shown: leaving it empty keeps them, adding pairs replaces them.
 */
export function PairListField({
  label,
  description,
  pairs,
  onChange,
  secret,
  secretSet,
}: {
  label: string;
  description?: string;
  pairs: Pair[];
  onChange: (pairs: Pair[]) => void;
  secret: boolean;
  secretSet: boolean;
}) {
  const update = (index: number, change: Partial<Pair>) =>
    onChange(pairs.map((pair, at) => (at === index ? { ...pair, ...change } : pair)));
  return (
    <fieldset className="space-y-2 sm:col-span-2">
      <legend className="text-sm font-medium text-slate-700">{label}</legend>
      {description ? <p className="text-sm text-slate-500">{description}</p> : null}
      {secret && secretSet && pairs.length === 0 ? (
        <p className="text-sm text-slate-500">Saved values are hidden. Leave this empty to keep them; add entries to replace them.</p>
      ) : null}
      {pairs.map((pair, index) => (
        <div key={index} className="flex gap-2">
          <input
            aria-label={`${label} ${index + 1} name`}
            value={pair.name}
            placeholder="Name"
            onChange={(event) => update(index, { name: event.target.value })}
            className="w-1/3 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
          <input
            aria-label={`${label} ${index + 1} value`}
            type={secret ? "password" : "text"}
            value={pair.value}
            placeholder="Value"
            onChange={(event) => update(index, { value: event.target.value })}
            className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
          <Button variant="ghost" size="sm" aria-label={`Remove ${label} ${index + 1}`} onClick={() => onChange(pairs.filter((_, at) => at !== index))}>
            <X aria-hidden className="size-4" />
          </Button>
        </div>
      ))}
      <Button variant="secondary" size="sm" onClick={() => onChange([...pairs, { name: "", value: "" }])}>
        <Plus aria-hidden className="size-4" />
        Add to {label.toLowerCase()}
      </Button>
    </fieldset>
  );
}
