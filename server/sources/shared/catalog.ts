/** Discovered columns grouped into tables. Pure. */
import type { Column, DiscoveredTable } from "../types";

/** One column row of a catalog query, with the table it belongs to. */
export type CatalogColumn = { schema: string | null; table: string; kind: DiscoveredTable["kind"]; column: Column };

/**
 * Groups column rows into tables, in the order the tables first appear; each table's columns keep
 * the order of the rows (catalog queries sort by schema, table and position). A table's kind is
 * taken from its first row.
 */
export function groupColumns(rows: Iterable<CatalogColumn>): DiscoveredTable[] {
  const tables = new Map<string, DiscoveredTable>();
  for (const { schema, table, kind, column } of rows) {
    const key = JSON.stringify([schema, table]);
    let entry = tables.get(key);
    if (entry === undefined) {
      entry = { schema, name: table, kind, columns: [] };
      tables.set(key, entry);
    }
    entry.columns.push(column);
  }
  return [...tables.values()];
}
