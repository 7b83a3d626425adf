import { describe, expect, it } from "vitest";
import { allIds, emptyAudienceDefinition, type AudienceNode } from "@/server/audiences/definition";
import { duplicateAt, moveBy, newCondition, newGroup } from "./tree";

describe("tree edits", () => {
  it("moves an item within its list and ignores moves past either end", () => {
    expect(moveBy(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveBy(["a", "b", "c"], 2, -2)).toEqual(["c", "a", "b"]);
    expect(moveBy(["a", "b"], 0, -1)).toEqual(["a", "b"]);
  });

  it("duplicates a group with new ids everywhere, so no id repeats", () => {
    const aggregate = newCondition("aggregate");
    if (aggregate.type !== "aggregate") throw new Error("expected an aggregate");
    const group = { ...newGroup("or"), conditions: [{ ...aggregate, where: [{ id: "f1", type: "property" as const, column: "status", operator: "is" as const, value: "completed" }] }] };
    const items: AudienceNode[] = duplicateAt([group], 0);
    const definition = { ...emptyAudienceDefinition("m"), root: { id: "root", type: "group" as const, combinator: "and" as const, conditions: items } };
    const ids = [...allIds(definition)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(items).toHaveLength(2);
  });
});
