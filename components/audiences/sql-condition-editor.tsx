"use client";

import type { SqlCondition } from "@/server/audiences/definition";
import { useBuilder } from "./builder-context";

/** A WHERE fragment over the parent's columns, for what clicking cannot say (editors only). */
export function SqlConditionEditor({ condition, onChange }: { condition: SqlCondition; onChange: (next: SqlCondition) => void }) {
  const { data, readOnly, canEditSql } = useBuilder();
  return (
    <div className="space-y-1">
      <textarea
        aria-label="SQL condition"
        value={condition.sql}
        readOnly={readOnly || !canEditSql}
        rows={2}
        spellCheck={false}
        placeholder={`e.g. lower(email) like '%@example.com'`}
        onChange={(event) => onChange({ ...condition, sql: event.target.value })}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm shadow-xs focus:border-brand-500 focus:ring-1 focus:ring-brand-500 focus:outline-none"
      />
      <p className="text-xs text-slate-500">
        A condition on the columns of {data.parent.name}, as in a WHERE clause
        {canEditSql ? "." : ". Only editors can change it."}
      </p>
    </div>
  );
}
