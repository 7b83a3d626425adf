"use client";

import { Plus, Wand2, X } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import type { RouterOutputs } from "@/server/api/types";
import type { Transform } from "@/server/engine/mapping";

export type MappedField = { source: string; destination: string; transform: Transform };
type DestinationObject = RouterOutputs["sync"]["destinationObjects"][number];
type TransformOption = RouterOutputs["sync"]["transforms"][number];

const control = "w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-xs focus:border-brand-500 focus:ring-1 focus:ring-brand-500 focus:outline-none";

/**
 * Which model column fills which destination field, through which transform. The destination
 * field is free text: the object's known fields are suggested, and objects that accept custom
 * fields take any name.
 */
export function MappingTable({
  columns,
  fields,
  onChange,
  object,
  transforms,
}: {
  columns: string[];
  fields: MappedField[];
  onChange: (fields: MappedField[]) => void;
  object: DestinationObject | undefined;
  transforms: TransformOption[];
}) {
  const suggestions = useId();
  const known = new Set(object?.fields.map((field) => field.name));
  const update = (index: number, change: Partial<MappedField>) =>
    onChange(fields.map((field, at) => (at === index ? { ...field, ...change } : field)));
  const chooseColumn = (index: number, column: string) => {
    const current = fields[index];
    // A new row's field takes the column's name when the destination can have it.
    const named = current?.destination === "" && (object?.acceptsCustomFields || known.has(column));
    update(index, named ? { source: column, destination: column } : { source: column });
  };
  const mapAll = () => {
    const mapped = new Set(fields.map((field) => field.source));
    const kept = fields.filter((field) => field.source !== "" || field.destination !== "");
    const added = columns.filter((column) => !mapped.has(column)).map((column) => ({ source: column, destination: column, transform: "none" as const }));
    onChange([...kept, ...added]);
  };

  return (
    <div className="space-y-3">
      {fields.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Field mapping</caption>
            <thead>
              <tr className="text-left text-xs tracking-wide text-slate-500 uppercase">
                <th className="py-2 pr-3 font-medium">Model column</th>
                <th className="py-2 pr-3 font-medium">Destination field</th>
                <th className="py-2 pr-3 font-medium">Transform</th>
                <th className="py-2 font-medium">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field, index) => {
                const row = index + 1;
                const sourceOptions = field.source && !columns.includes(field.source) ? [field.source, ...columns] : columns;
                return (
                  <tr key={index}>
                    <td className="py-1.5 pr-3 align-top">
                      <select aria-label={`Model column ${row}`} value={field.source} onChange={(event) => chooseColumn(index, event.target.value)} className={control}>
                        <option value="">Choose a column</option>
                        {sourceOptions.map((column) => (
                          <option key={column} value={column}>
                            {columns.includes(column) ? column : `${column} (not in this model)`}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="py-1.5 pr-3 align-top">
                      <input
                        aria-label={`Destination field ${row}`}
                        value={field.destination}
                        list={object && object.fields.length > 0 ? suggestions : undefined}
                        placeholder={object?.acceptsCustomFields ? "Any field name" : "Field name"}
                        onChange={(event) => update(index, { destination: event.target.value })}
                        className={`${control} font-mono`}
                        autoComplete="off"
                      />
                    </td>
                    <td className="py-1.5 pr-3 align-top">
                      <select
                        aria-label={`Transform ${row}`}
                        value={field.transform}
                        onChange={(event) => update(index, { transform: event.target.value as Transform })}
                        className={control}
                      >
                        {transforms.map((transform) => (
                          <option key={transform.name} value={transform.name}>
                            {transform.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="py-1.5 text-right align-top">
                      <Button variant="ghost" size="sm" aria-label={`Remove field ${row}`} onClick={() => onChange(fields.filter((_, at) => at !== index))}>
                        <X aria-hidden className="size-4" />
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-slate-500">No fields mapped yet. Add them one by one, or map every column of the model at once.</p>
      )}
      {object && object.fields.length > 0 ? (
        <datalist id={suggestions}>
          {object.fields.map((field) => (
            <option key={field.name} value={field.name}>
              {field.label}
              {field.required ? " (required)" : ""}
            </option>
          ))}
        </datalist>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" size="sm" onClick={() => onChange([...fields, { source: "", destination: "", transform: "none" }])}>
          <Plus aria-hidden className="size-4" />
          Add field
        </Button>
        <Button variant="secondary" size="sm" disabled={columns.length === 0} onClick={mapAll}>
          <Wand2 aria-hidden className="size-4" />
          Map all columns
        </Button>
      </div>
    </div>
  );
}
