/**
 * The queries around an audience (count, breakdown, overlap, preview, splits, limits,
 * exclusions) and the literal encoding, run on DuckDB over a freshly generated demo warehouse.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { duckdbDialect } from "@/server/sources/duckdb/dialect";
import type { ReferencedAudience } from "../context";
import type { AudienceDefinition } from "../definition";
import { splitBucket } from "../split-bucket";
import { audience, demoContext, hostileText, property } from "../testing";
import { num, openDemoWarehouse, type Warehouse } from "./duckdb-testing";
import { issueExample, openedEmailInLast30Days } from "./examples";
import { compileAudience, compileMembersPreview, compileOverlap } from "./index";
import { SQL_PIECES } from "./sql-dialect";

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openDemoWarehouse(0.01);
});

afterAll(async () => {
  await warehouse.close();
});

const us: ReferencedAudience = { id: "aud-us", name: "US", definition: audience([property("country", "is", "US")]) };
const pro: ReferencedAudience = { id: "aud-pro", name: "Pro", definition: audience([property("plan", "is", "pro")]) };
const context = demoContext({ audiences: [us, pro] });
const compile = (definition: AudienceDefinition) => compileAudience(definition, context, duckdbDialect);

async function count(sql: string): Promise<number> {
  const [row] = await warehouse.rows(sql);
  return num(Object.values(row ?? {})[0]);
}

async function ids(sql: string): Promise<number[]> {
  return (await warehouse.rows(`SELECT customer_id FROM (${sql}) AS x ORDER BY customer_id`)).map((row) => num(row.customer_id));
}

describe("count and breakdown", () => {
  it("counts the members, and each top-level condition on its own", async () => {
    const compiled = compile(issueExample);
    expect(await count(compiled.countSql)).toBe((await ids(compiled.sql)).length);
    const [row] = await warehouse.rows(compiled.breakdown.sql);
    expect(num(row?.total)).toBe(await count("SELECT count(*) FROM customers"));
    expect(compiled.breakdown.columns.map((column) => column.conditionId)).toEqual(issueExample.root.conditions.map((node) => node.id));
    for (const [index, node] of issueExample.root.conditions.entries()) {
      const alone = compile(audience([node]));
      const column = compiled.breakdown.columns[index]?.column ?? "";
      expect(num(row?.[column]), node.id).toBe(await count(alone.countSql));
    }
  });
});

describe("exclusions, limits and overlap", () => {
  it("leaves out the members of excluded audiences", async () => {
    const compiled = compile(audience([property("lifetime_value", "greater_than", 500)], { exclusions: ["aud-us", "aud-pro"] }));
    expect(await ids(compiled.sql)).toEqual(
      await ids("SELECT customer_id FROM customers WHERE lifetime_value > 500 AND country <> 'US' AND plan <> 'pro'"),
    );
  });

  it("keeps the top N by a column, either way, NULLs last", async () => {
    const definition = audience([property("country", "is", "US")], {
      limit: { column: "lifetime_value", direction: "desc", count: 10 },
    });
    const top = compile(definition);
    // The preview lists the top members in order.
    const rows = await warehouse.rows(compileMembersPreview(definition, context, duckdbDialect, { columns: ["customer_id"], limit: 100 }));
    const expected = await warehouse.rows(
      "SELECT customer_id FROM customers WHERE country = 'US' ORDER BY lifetime_value DESC, customer_id LIMIT 10",
    );
    expect(rows).toEqual(expected);
    expect(await ids(top.sql)).toEqual(expected.map((row) => num(row.customer_id)).sort((a, b) => a - b));

    const bottom = compile(audience([], { limit: { column: "phone", direction: "asc", count: 990 } }));
    // 990 of 1,000 customers: every customer without a phone (NULL) is left for the end.
    const withoutPhone = await count("SELECT count(*) FROM customers WHERE phone IS NULL");
    expect(await count(`SELECT count(*) FROM (${bottom.sql}) AS x WHERE phone IS NULL`)).toBe(Math.max(0, withoutPhone - 10));
    expect(await count(bottom.countSql)).toBe(990);
  });

  it("counts the overlap with another audience", async () => {
    const sql = compileOverlap(audience([property("lifetime_value", "greater_than", 500)]), "aud-us", context, duckdbDialect);
    const [row] = await warehouse.rows(sql);
    expect({ audience: num(row?.audience), other: num(row?.other), both: num(row?.both) }).toEqual({
      audience: await count("SELECT count(*) FROM customers WHERE lifetime_value > 500"),
      other: await count("SELECT count(*) FROM customers WHERE country = 'US'"),
      both: await count("SELECT count(*) FROM customers WHERE lifetime_value > 500 AND country = 'US'"),
    });
  });

  it("previews chosen columns of the first members", async () => {
    const sql = compileMembersPreview(issueExample, context, duckdbDialect, { columns: ["email", "country"], limit: 5 });
    const rows = await warehouse.rows(sql);
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(Object.keys(row)).toEqual(["email", "country"]);
  });
});

describe("splits", () => {
  const split = audience([property("email_opt_in", "is_true")], {
    splits: {
      seed: "spring-campaign",
      groups: [
        { id: "a", name: "Variant A", percent: 45, holdout: false },
        { id: "b", name: "Variant B", percent: 45, holdout: false },
        { id: "holdout", name: "Holdout", percent: 10, holdout: true },
      ],
    },
  });

  it("puts every member in exactly one group, sized by percentage, the same on every compile", async () => {
    const compiled = compile(split);
    const members = await ids(compiled.sql);
    const groups = compiled.splits?.groups ?? [];
    const groupIds = await Promise.all(groups.map((group) => ids(group.sql)));
    expect(groupIds.flat().sort((a, b) => a - b)).toEqual(members);
    const [counts] = await warehouse.rows(compiled.splits?.countsSql ?? "");
    for (const [index, group] of groups.entries()) {
      const size = groupIds[index]?.length ?? 0;
      expect(num(counts?.[`group_${index + 1}`])).toBe(size);
      expect(await count(group.countSql)).toBe(size);
      expect(size / members.length).toBeGreaterThan(((group.buckets.to - group.buckets.from + 1) / 100) * 0.6);
    }
    expect(compile(split)).toEqual(compiled);
    // The warehouse's buckets are the ones JavaScript computes.
    for (const [index, group] of groups.entries()) {
      for (const id of (groupIds[index] ?? []).slice(0, 50)) {
        const bucket = splitBucket("spring-campaign", id);
        expect(bucket >= group.buckets.from && bucket <= group.buckets.to, `${id} in ${group.name}`).toBe(true);
      }
    }
  });
});

describe("literals", () => {
  const text = hostileText;

  it("read back exactly as written", async () => {
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        const [row] = await warehouse.rows(`SELECT ${SQL_PIECES.duckdb.string(value)} AS v`);
        expect(row?.v).toBe(value);
      }),
      { numRuns: 200 },
    );
  });

  it("cannot break out of a condition", async () => {
    await fc.assert(
      fc.asyncProperty(text.filter((value) => value !== ""), async (value) => {
        const compiled = compile(
          audience([
            property("email", "is", value),
            { ...openedEmailInLast30Days("performed"), where: [property("properties", "contains", value, ["campaign"])] },
          ]),
        );
        expect(await count(compiled.countSql)).toBe(0);
        const [row] = await warehouse.rows(
          compileMembersPreview(audience([property("email", "is_not", value)]), context, duckdbDialect, { columns: ["email"], limit: 1 }),
        );
        expect(typeof row?.email).toBe("string");
      }),
      { numRuns: 100 },
    );
  });
});
