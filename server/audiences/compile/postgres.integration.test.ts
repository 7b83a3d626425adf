/** Audiences compiled for Postgres, run on the local server in a scratch database of this file's own. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresDialect } from "@/server/sources/postgres/dialect";
import { createScratchDatabase, type ScratchDatabase } from "@/server/sources/postgres/testing";
import { SQL_PIECES } from "./sql-dialect";
import { fixtureDdl, fixtureInserts } from "./fixture";
import { describeFixture } from "./fixture-suite";

let db: ScratchDatabase;

beforeAll(async () => {
  db = await createScratchDatabase();
  for (const statement of fixtureDdl("postgres")) await db.sql.unsafe(statement);
  for (const { sql, params } of fixtureInserts("postgres")) await db.sql.unsafe(sql, params);
});

afterAll(async () => {
  await db.drop();
});

describeFixture({
  dialect: postgresDialect,
  schema: () => "public",
  rows: async (sql, params = []) => [...(await db.sql.unsafe<Record<string, unknown>[]>(sql, params))],
  boundQuery:
    "SELECT customer_id FROM customers WHERE (last_name IS NULL OR last_name <> $1) AND strpos(email, $2) > 0 ORDER BY customer_id",
});

describe("text literals with standard_conforming_strings off", () => {
  it("still read back exactly (backslashes only ever appear in E'' strings)", async () => {
    const values = ["plain", "it's", "back\\slash", "\\'; SELECT 1; --", "\\\\"];
    const read = await db.sql.begin(async (tx) => {
      await tx.unsafe("SET LOCAL standard_conforming_strings = off");
      await tx.unsafe("SET LOCAL escape_string_warning = off");
      const [row] = await tx.unsafe<Record<string, unknown>[]>(
        `SELECT ${values.map((value, index) => `${SQL_PIECES.postgres.string(value)} AS v${index}`).join(", ")}`,
      );
      return row;
    });
    expect(read).toEqual(Object.fromEntries(values.map((value, index) => [`v${index}`, value])));
  });
});
