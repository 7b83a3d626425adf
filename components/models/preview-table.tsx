import { Badge } from "@/components/ui/badge";
import { displayValue } from "@/components/ui/display-value";
import type { RouterOutputs } from "@/server/api/types";

type Preview = RouterOutputs["model"]["preview"];

/** The first rows of a query, with each column's type under its name. */
export function PreviewTable({ preview }: { preview: Preview }) {
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600" role="status">
        Showing {preview.rows.length.toLocaleString("en-US")} of {preview.totalRows.toLocaleString("en-US")} rows ·{" "}
        {preview.durationMs} ms
      </p>
      <div className="max-h-96 overflow-auto rounded-md border border-slate-200">
        <table className="min-w-full text-sm" aria-label="Query preview">
          <thead className="sticky top-0 bg-slate-50">
            <tr>
              {preview.columns.map((column) => (
                <th key={column.name} scope="col" className="px-3 py-2 text-left align-bottom font-medium whitespace-nowrap text-slate-800">
                  <span className="block font-mono">{column.name}</span>
                  <Badge tone="brand">{column.type}</Badge>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {preview.rows.map((row, index) => (
              <tr key={index}>
                {preview.columns.map((column) => (
                  <td key={column.name} className="max-w-64 truncate px-3 py-1.5 whitespace-nowrap text-slate-700">
                    {displayValue(row[column.name])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
