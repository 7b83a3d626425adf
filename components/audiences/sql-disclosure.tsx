/** The SQL Sluice runs for this audience, read-only, for people who want to check it. */
export function SqlDisclosure({ sql, durationMs }: { sql: string; durationMs: number }) {
  return (
    <details className="mt-4 border-t border-slate-100 pt-3">
      <summary className="cursor-pointer text-sm font-medium text-slate-700">Show SQL</summary>
      <pre aria-label="Generated SQL" className="mt-2 max-h-80 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs whitespace-pre-wrap text-slate-100">
        {sql}
      </pre>
      <p className="mt-1 text-xs text-slate-500">Counted in {durationMs.toLocaleString("en-US")} ms.</p>
    </details>
  );
}
