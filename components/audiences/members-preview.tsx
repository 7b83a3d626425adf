"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { displayValue } from "@/components/ui/display-value";
import type { AudienceDefinition } from "@/server/audiences/definition";
import type { BuilderData } from "./builder-context";

/** A sample of the members, with the columns the person chooses. */
export function MembersPreview({ data, definition, audienceId }: { data: BuilderData; definition: AudienceDefinition; audienceId: string | null }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const [columns, setColumns] = useState(() => data.parent.columns.slice(0, 5).map((column) => column.name));
  const preview = useMutation(trpc.audience.preview.mutationOptions({ meta: { readOnly: true } }));
  const toggle = (name: string) => setColumns((current) => (current.includes(name) ? current.filter((item) => item !== name) : [...current, name]));
  return (
    <Card>
      <CardHeader
        title="Members"
        description="A sample of who is in the audience."
        actions={
          <Button variant="secondary" size="sm" pending={preview.isPending} onClick={() => preview.mutate({ workspaceId: workspace.id, definition, columns, audienceId })}>
            Show members
          </Button>
        }
      />
      <div className="space-y-3 px-5 py-4">
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
          <legend className="mb-1 text-sm font-medium text-slate-700">Columns</legend>
          {data.parent.columns.map((column) => (
            <label key={column.name} className="flex items-center gap-1.5 text-sm text-slate-700">
              <input type="checkbox" checked={columns.includes(column.name)} onChange={() => toggle(column.name)} />
              {column.name}
            </label>
          ))}
        </fieldset>
        {preview.error ? <Alert tone="error">{preview.error.message}</Alert> : null}
        {preview.data ? (
          <div className="max-h-96 overflow-auto rounded-md border border-slate-200">
            <table className="min-w-full text-sm" aria-label="Members">
              <thead className="sticky top-0 bg-slate-50">
                <tr>
                  {preview.data.columns.map((column) => (
                    <th key={column} scope="col" className="px-3 py-2 text-left font-mono font-medium whitespace-nowrap text-slate-800">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {preview.data.rows.map((row, index) => (
                  <tr key={index}>
                    {preview.data.columns.map((column) => (
                      <td key={column} className="max-w-64 truncate px-3 py-1.5 whitespace-nowrap text-slate-700">
                        {displayValue(row[column])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
