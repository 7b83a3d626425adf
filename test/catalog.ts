/** Expected `discover` results, written compactly. */
import type { ColumnType, DiscoveredTable } from "@/server/sources/types";

/** A discovered table or view; each column as [name, portable type, native type]. */
export function discovered(
  schema: string | null,
  name: string,
  kind: DiscoveredTable["kind"],
  columns: [name: string, type: ColumnType, nativeType: string][],
): DiscoveredTable {
  return { schema, name, kind, columns: columns.map(([column, type, nativeType]) => ({ name: column, type, nativeType })) };
}
