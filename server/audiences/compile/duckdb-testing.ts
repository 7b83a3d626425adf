/**
 * A freshly generated demo warehouse for the audience integration tests (not used by the app):
 * generated relative to now into a temp dir, then opened read-only like the DuckDB connector does.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { generateDemoWarehouse } from "@/server/sources/duckdb/demo-warehouse";

export type Warehouse = {
  /** Rows as plain objects (BIGINT as bigint). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
};

export async function openDemoWarehouse(scale: number): Promise<Warehouse> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sluice-audiences-"));
  const file = path.join(dir, "demo.duckdb");
  await generateDemoWarehouse(file, { scale });
  const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
  const connection: DuckDBConnection = await instance.connect();
  return {
    rows: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS(),
    async close() {
      connection.closeSync();
      instance.closeSync();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A count or other integer cell as a number. */
export function num(value: unknown): number {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  throw new Error(`not a number: ${String(value)}`);
}
