import { describe, expect, it } from "vitest";
import { allIds, emptyAudienceDefinition, referencedAudienceIds, ZAudienceDefinition } from "./definition";
import { OPERATOR_LABELS, operatorsFor, PROPERTY_OPERATORS } from "./operators";

/** The example as JSON, the way the UI stores it (defaults left out). */
const EXAMPLE = {
  version: 1,
  parentModelId: "model-customers",
  root: {
    id: "root",
    type: "group",
    combinator: "and",
    conditions: [
      { id: "c1", type: "property", column: "country", operator: "is_one_of", value: ["US", "CA"] },
      { id: "c2", type: "property", column: "lifetime_value", operator: "greater_than", value: 500 },
      {
        id: "c3",
        type: "aggregate",
        relationId: "rel-orders",
        aggregation: "count",
        operator: "at_least",
        value: 2,
        time: { kind: "last", amount: 90, unit: "days" },
        where: [{ id: "c3f", type: "property", column: "status", operator: "is", value: "completed" }],
      },
      {
        id: "c4",
        type: "event",
        relationId: "rel-events",
        eventName: "email_opened",
        operator: "did_not_perform",
        time: { kind: "last", amount: 30, unit: "days" },
      },
      {
        id: "g1",
        type: "group",
        combinator: "or",
        conditions: [{ id: "c5", type: "audience", operator: "not_in", audienceId: "aud-churned" }],
      },
    ],
  },
  exclusions: ["aud-unsubscribed"],
};

describe("ZAudienceDefinition", () => {
  it("parses the stored JSON and fills in the defaults", () => {
    const definition = ZAudienceDefinition.parse(EXAMPLE);
    expect(definition.limit).toBeNull();
    expect(definition.splits).toBeNull();
    const [, , aggregate, event] = definition.root.conditions;
    expect(aggregate).toMatchObject({ column: null, timeColumn: null });
    expect(event).toMatchObject({ where: [] });
    expect([...allIds(definition)]).toEqual(["root", "c1", "c2", "c3", "c3f", "c4", "g1", "c5"]);
    expect(referencedAudienceIds(definition)).toEqual(["aud-churned", "aud-unsubscribed"]);
  });

  it("keeps drafts (a value still missing) and refuses malformed JSON", () => {
    const draft = { ...EXAMPLE, root: { ...EXAMPLE.root, conditions: [{ id: "c1", type: "property", column: "", operator: "is" }] } };
    expect(ZAudienceDefinition.safeParse(draft).success).toBe(true);
    for (const bad of [
      { ...EXAMPLE, version: 2 },
      { ...EXAMPLE, root: { ...EXAMPLE.root, conditions: [{ id: "c1", type: "property", column: "x", operator: "like" }] } },
      { ...EXAMPLE, root: { ...EXAMPLE.root, conditions: [{ id: "", type: "sql", sql: "1 = 1" }] } },
      { ...EXAMPLE, root: { ...EXAMPLE.root, conditions: [{ id: "c1", type: "javascript", code: "" }] } },
      { ...EXAMPLE, root: { id: "r", type: "group", combinator: "xor", conditions: [] } },
    ]) {
      expect(ZAudienceDefinition.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false);
    }
  });

  it("round-trips through JSON", () => {
    const definition = ZAudienceDefinition.parse(EXAMPLE);
    expect(ZAudienceDefinition.parse(JSON.parse(JSON.stringify(definition)))).toEqual(definition);
    expect(ZAudienceDefinition.parse(emptyAudienceDefinition("m"))).toEqual(emptyAudienceDefinition("m"));
  });
});

describe("operators", () => {
  it("are offered by column type, with a label each", () => {
    expect(operatorsFor("string")).toContain("contains");
    expect(operatorsFor("integer")).toContain("between");
    expect(operatorsFor("timestamp")).toContain("within_last");
    expect(operatorsFor("boolean")).toEqual(["is_true", "is_false", "is_empty", "is_set"]);
    expect(operatorsFor("json")).toEqual(["is_empty", "is_set"]);
    expect(operatorsFor("json", true)).toContain("starts_with");
    for (const operator of PROPERTY_OPERATORS) expect(OPERATOR_LABELS[operator]).not.toBe("");
  });
});
