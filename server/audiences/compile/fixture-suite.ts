/**
 * The integration tests Postgres and MariaDB share (not used by the app): every fixture
 * audience compiled for the engine and run on the fixture data, the breakdown, overlap, splits,
 * and literals read back exactly as written.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Dialect } from "@/server/sources/types";
import { splitBucket } from "../split-bucket";
import { audience, demoContext, hostileText, property } from "../testing";
import { num } from "./duckdb-testing";
import { issueExample } from "./examples";
import { FIXTURE_AUDIENCES, FIXTURE_BREAKDOWN, FIXTURE_CASES, FIXTURE_OVERLAP } from "./fixture";
import { compileAudience, compileOverlap } from "./index";
import { SQL_PIECES } from "./sql-dialect";

export type FixtureEngine = {
  dialect: Dialect;
  /** The schema the fixture tables are in (null: the session's). */
  schema: () => string | null;
  rows: (sql: string, params?: string[]) => Promise<Record<string, unknown>[]>;
  /**
   * `SELECT customer_id FROM customers WHERE last_name is not $1 (or NULL) AND email contains $2
   * ORDER BY customer_id` with bound parameters, in the engine's own words (its collation decides).
   */
  boundQuery: string;
};

export function describeFixture(engine: FixtureEngine): void {
  const { dialect, rows } = engine;
  const context = () => demoContext({ schema: engine.schema(), audiences: FIXTURE_AUDIENCES });
  const members = async (sql: string) =>
    (await rows(`SELECT customer_id FROM (${sql}) AS x ORDER BY customer_id`)).map((row) => num(row.customer_id));
  const counts = async (sql: string) => {
    const [row] = await rows(sql);
    return Object.fromEntries(Object.entries(row ?? {}).map(([key, value]) => [key, num(value)]));
  };

  describe("audiences on the fixture", () => {
    it.each(FIXTURE_CASES.map((fixture) => [fixture.name, fixture] as const))("%s", async (_name, fixture) => {
      const compiled = compileAudience(fixture.definition, context(), dialect);
      expect(await members(compiled.sql)).toEqual(fixture.members);
      expect(await counts(compiled.countSql)).toEqual({ members: fixture.members.length });
    });

    it("breaks the issue's example down by condition", async () => {
      const { breakdown } = compileAudience(issueExample, context(), dialect);
      expect(await counts(breakdown.sql)).toEqual(FIXTURE_BREAKDOWN);
    });

    it("counts the overlap with another audience", async () => {
      const sql = compileOverlap(FIXTURE_OVERLAP.definition, FIXTURE_OVERLAP.otherId, context(), dialect);
      expect(await counts(sql)).toEqual(FIXTURE_OVERLAP.counts);
    });

    it("splits members by the same buckets as JavaScript (and every other warehouse)", async () => {
      const groups = [
        { id: "a", name: "A", percent: 30, holdout: false },
        { id: "b", name: "B", percent: 60, holdout: false },
        { id: "h", name: "Holdout", percent: 10, holdout: true },
      ];
      const compiled = compileAudience(audience([], { splits: { seed: "s'1\\", groups } }), context(), dialect);
      const all = await members(compiled.sql);
      const split = compiled.splits?.groups ?? [];
      const inGroups = await Promise.all(split.map((group) => members(group.sql)));
      expect(inGroups.flat().sort((a, b) => a - b)).toEqual(all);
      for (const [index, group] of split.entries()) {
        for (const id of inGroups[index] ?? []) {
          const bucket = splitBucket("s'1\\", id);
          expect(bucket >= group.buckets.from && bucket <= group.buckets.to, `${id} in ${group.name}`).toBe(true);
        }
      }
      expect(Object.values(await counts(compiled.splits?.countsSql ?? ""))).toEqual(inGroups.map((ids) => ids.length));
    });
  });

  describe("literals", () => {
    it("read back exactly as written", async () => {
      await fc.assert(
        fc.asyncProperty(hostileText, async (value) => {
          const [row] = await rows(`SELECT ${SQL_PIECES[dialect.name].string(value)} AS v, 1 AS after_it`);
          expect(row).toEqual({ v: value, after_it: 1 });
        }),
        { numRuns: 200 },
      );
    });

    it("cannot break out of a condition", async () => {
      await fc.assert(
        fc.asyncProperty(hostileText.filter((value) => value !== ""), async (value) => {
          const definition = audience([property("last_name", "is_not", value), property("email", "contains", value)]);
          const expected = (await rows(engine.boundQuery, [value, value])).map((row) => num(row.customer_id));
          expect(await members(compileAudience(definition, context(), dialect).sql)).toEqual(expected);
        }),
        { numRuns: 100 },
      );
    });
  });
}
