import { describe, expect, it } from "vitest";
import { SYNC_MODES } from "@/db/schema";
import { operationFor, operationsOf } from "./plan";

describe("operationFor", () => {
  it("sends upserts in upsert and mirror mode and never deletes outside mirror and audience", () => {
    expect(SYNC_MODES.map((mode) => operationFor(mode, "added", false))).toEqual(["upsert", "update", "insert", "upsert", "add"]);
    expect(SYNC_MODES.map((mode) => operationFor(mode, "changed", false))).toEqual(["upsert", "update", null, "upsert", "add"]);
    expect(SYNC_MODES.map((mode) => operationFor(mode, "removed", true))).toEqual([null, null, null, "delete", "remove"]);
  });

  it("mirror deletes only records Sluice created", () => {
    expect(operationFor("mirror", "removed", false)).toBeNull();
    expect(operationFor("audience", "removed", false)).toBe("remove");
  });

  it("lists what a destination object must support", () => {
    expect(operationsOf("mirror")).toEqual(["upsert", "delete"]);
    expect(operationsOf("insert")).toEqual(["insert"]);
  });
});
