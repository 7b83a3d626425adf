"use client";

import clsx from "clsx";
import type { SyncMode } from "@/db/schema";
import type { Operation } from "@/server/destinations/types";
import { operationsOf } from "@/server/engine/plan";
import { MODE_DESCRIPTIONS, MODE_TITLES, SYNC_MODE_LIST } from "./mode-words";

/**
 * The sync mode as radio cards. A mode needing an operation the destination object cannot do
 * (e.g. delete) is shown but disabled, with the reason. `operations` null: no object chosen yet.
 */
export function ModePicker({
  value,
  onChange,
  operations,
  objectLabel,
  error,
}: {
  value: SyncMode;
  onChange: (mode: SyncMode) => void;
  operations: readonly Operation[] | null;
  objectLabel: string;
  error?: string | null;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Mode</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {SYNC_MODE_LIST.map((mode) => {
          const missing = operations ? operationsOf(mode).filter((operation) => !operations.includes(operation)) : [];
          const disabled = missing.length > 0;
          return (
            <label
              key={mode}
              className={clsx(
                "flex gap-3 rounded-md border px-4 py-3 text-sm focus-within:ring-2 focus-within:ring-brand-500",
                disabled
                  ? "cursor-not-allowed border-slate-200 bg-slate-50 text-slate-400"
                  : mode === value
                    ? "cursor-pointer border-brand-500 bg-brand-50"
                    : "cursor-pointer border-slate-200 hover:bg-slate-50",
              )}
            >
              <input
                type="radio"
                name="sync-mode"
                value={mode}
                checked={mode === value}
                disabled={disabled}
                onChange={() => onChange(mode)}
                className="mt-0.5 accent-brand-600"
              />
              <span>
                <span className={clsx("block font-medium", disabled ? "text-slate-400" : "text-slate-900")}>{MODE_TITLES[mode]}</span>
                <span className={clsx("block", disabled ? "text-slate-400" : "text-slate-600")}>
                  {disabled ? `Not available: ${objectLabel} cannot ${missing.join(" or ")} records.` : MODE_DESCRIPTIONS[mode]}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
    </fieldset>
  );
}
