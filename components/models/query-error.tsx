import { Alert } from "@/components/ui/alert";

/** Line and column (1-based) of a character offset in the SQL. */
export function locate(sql: string, position: number): { line: number; column: number } {
  const before = sql.slice(0, Math.max(0, position - 1)).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** The warehouse's own error message, with where in the query it happened when known. */
export function QueryError({ message, sql, position }: { message: string; sql: string; position: number | null }) {
  const at = position ? locate(sql, position) : null;
  return (
    <Alert tone="error" title={at ? `The warehouse rejected the query at line ${at.line}, column ${at.column}` : "The warehouse rejected the query"}>
      <pre className="font-mono text-xs whitespace-pre-wrap">{message}</pre>
    </Alert>
  );
}
