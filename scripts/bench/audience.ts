/**
 * The audience part: how fast the builder's live count answers on the demo warehouse (100k
 * customers, 300k orders, 2M events, generated at full size into a temp folder), for a typical
 * three-condition audience with an event condition, compiled by the real compiler and run
 * read-only in DuckDB as the connector does. One JSON line:
 * `{"bench":"audience_count","source":"duckdb","conditions":3,"p50_ms":X,"p95_ms":Y}`.
 */
import { AUDIENCE_DEFINITION_VERSION, type AudienceDefinition } from "@/server/audiences/definition";
import { compileAudience } from "@/server/audiences/compile";
import { openDemoWarehouse } from "@/server/audiences/compile/duckdb-testing";
import { demoContext } from "@/server/audiences/testing";
import { duckdbDialect } from "@/server/sources/duckdb/dialect";
import type { BenchPart } from "./part";

const RUNS = 21;
const WARM_UP = 3;

/** Customers in the US with lifetime value over 500 who opened an email in the last 30 days. */
const TYPICAL: AudienceDefinition = {
  version: AUDIENCE_DEFINITION_VERSION,
  parentModelId: "model-customers",
  root: {
    id: "root",
    type: "group",
    combinator: "and",
    conditions: [
      { id: "country", type: "property", column: "country", operator: "is", value: "US" },
      { id: "ltv", type: "property", column: "lifetime_value", operator: "greater_than", value: 500 },
      { id: "opened", type: "event", relationId: "rel-events", eventName: "email_opened", operator: "performed", time: { kind: "last", amount: 30, unit: "days" }, where: [] },
    ],
  },
  exclusions: [],
  limit: null,
  splits: null,
};

function percentile(sorted: number[], p: number): number {
  const at = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, at)] ?? 0) * 10) / 10;
}

export const audiencePart: BenchPart = {
  summary: "live audience count on the full-size demo warehouse (DuckDB), p50/p95",
  options: {},
  plan: () => async (context) => {
    context.log("Generating the full-size demo warehouse…");
    const warehouse = await openDemoWarehouse(1);
    context.scope.defer("close the demo warehouse", () => warehouse.close());
    const compiled = compileAudience(TYPICAL, demoContext(), duckdbDialect);
    const timings: number[] = [];
    for (let run = 0; run < WARM_UP + RUNS; run++) {
      const started = performance.now();
      await warehouse.rows(compiled.countSql);
      if (run >= WARM_UP) timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    context.emit({ bench: "audience_count", source: "duckdb", conditions: TYPICAL.root.conditions.length, p50_ms: percentile(timings, 50), p95_ms: percentile(timings, 95) });
  },
};
