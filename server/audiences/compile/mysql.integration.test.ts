/** Audiences compiled for MySQL, run on the local MariaDB in a scratch database of this file's own. */
import type { RowDataPacket } from "mysql2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysqlDialect } from "@/server/sources/mysql/dialect";
import { createScratchDatabase, type ScratchDatabase } from "@/server/sources/mysql/testing";
import { SQL_PIECES } from "./sql-dialect";
import { fixtureDdl, fixtureInserts } from "./fixture";
import { describeFixture } from "./fixture-suite";

let db: ScratchDatabase;

async function rows(sql: string, params: string[] = []): Promise<Record<string, unknown>[]> {
  const [result] = await db.sql.query<RowDataPacket[]>(sql, params);
  return result;
}

beforeAll(async () => {
  db = await createScratchDatabase();
  // Sluice's MySQL sessions run in UTC; so does this one.
  await db.sql.query("SET time_zone = '+00:00'");
  for (const statement of fixtureDdl("mysql")) await db.sql.query(statement);
  for (const { sql, params } of fixtureInserts("mysql")) await db.sql.query(sql, params);
});

afterAll(async () => {
  await db.drop();
});

describeFixture({
  dialect: mysqlDialect,
  schema: () => db.name,
  rows,
  boundQuery:
    "SELECT customer_id FROM customers WHERE (last_name IS NULL OR last_name <> ?) AND LOCATE(?, email) > 0 ORDER BY customer_id",
});

describe("text literals with NO_BACKSLASH_ESCAPES", () => {
  it("still end where they should: only a backslash reads doubled", async () => {
    const values = ["plain", "it's", "back\\slash", "\\'; SELECT 1; -- ", "\\\\", "\\"];
    const [mode] = await rows("SELECT @@SESSION.sql_mode AS mode");
    await db.sql.query("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')");
    try {
      const [row] = await rows(
        `SELECT ${values.map((value, index) => `${SQL_PIECES.mysql.string(value)} AS v${index}`).join(", ")}, 1 AS after_them`,
      );
      expect(row).toEqual({
        ...Object.fromEntries(values.map((value, index) => [`v${index}`, value.replaceAll("\\", "\\\\")])),
        after_them: 1,
      });
    } finally {
      await db.sql.query("SET SESSION sql_mode = ?", [String(mode?.mode)]);
    }
  });
});
