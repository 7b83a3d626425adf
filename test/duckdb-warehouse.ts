/**
 * The customers warehouse of test/syncs.ts as a DuckDB file (under the test data dir's `duckdb`
 * folder, where DuckDB sources may read). `run` changes it: the app's read-only instances on the
 * file are closed first, since DuckDB lets one process write a file only while nothing else has it open.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { getEnv } from "@/env";
import { duckdbSource } from "@/server/sources/duckdb";
import { filesFolder } from "@/server/sources/duckdb/paths";

export type DuckdbWarehouse = {
  type: "duckdb";
  config: { database: "file"; path: string };
  run(sql: string): Promise<void>;
  drop(): Promise<void>;
};

export async function createDuckdbCustomerWarehouse(rows: number): Promise<DuckdbWarehouse> {
  const folder = filesFolder(getEnv().SLUICE_DATA_DIR);
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `customers-${randomBytes(4).toString("hex")}.duckdb`);
  const run = async (sql: string) => {
    await duckdbSource.close();
    const instance = await DuckDBInstance.create(file);
    try {
      const connection = await instance.connect();
      await connection.run(sql);
      connection.closeSync();
    } finally {
      instance.closeSync();
    }
  };
  await run(`CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR NOT NULL, name VARCHAR, ltv DECIMAL(12,2));
    INSERT INTO customers SELECT i, 'customer' || i || '@example.com', 'Customer ' || i, (i % 1000) * 1.5 FROM range(1, ${rows + 1}) AS r(i)`);
  return {
    type: "duckdb",
    config: { database: "file", path: file },
    run,
    drop: async () => {
      await duckdbSource.close();
      await rm(file, { force: true });
      await rm(`${file}.wal`, { force: true });
    },
  };
}
