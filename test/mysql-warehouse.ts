/** The customers warehouse of test/syncs.ts in a MariaDB/MySQL scratch database (the local server). */
import { createScratchDatabase } from "@/server/sources/mysql/testing";
import type { TMysqlConfig } from "@/server/sources/mysql/config";

export type MysqlWarehouse = {
  type: "mysql";
  /** The database: the model's schema. */
  name: string;
  config: TMysqlConfig;
  /** Runs statements (several at once allowed). */
  run(sql: string): Promise<void>;
  drop(): Promise<void>;
};

export async function createMysqlCustomerWarehouse(rows: number): Promise<MysqlWarehouse> {
  const database = await createScratchDatabase();
  const run = async (sql: string) => {
    await database.sql.query(sql);
  };
  await run(`CREATE TABLE customers (id int PRIMARY KEY, email varchar(200) NOT NULL, name varchar(200), ltv decimal(12,2));
    INSERT INTO customers WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${rows})
      SELECT i, CONCAT('customer', i, '@example.com'), CONCAT('Customer ', i), (i % 1000) * 1.5 FROM s`);
  return { type: "mysql", name: database.name, config: database.config, run, drop: () => database.drop() };
}
