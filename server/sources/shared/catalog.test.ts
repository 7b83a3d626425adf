import { describe, expect, it } from "vitest";
import { discovered } from "@/test/catalog";
import { groupColumns } from "./catalog";

describe("groupColumns", () => {
  it("keeps tables in the order they first appear and columns in row order", () => {
    const column = (name: string) => ({ name, type: "string" as const, nativeType: "text" });
    const tables = groupColumns([
      { schema: "b", table: "t", kind: "view", column: column("x") },
      { schema: "a", table: "t", kind: "table", column: column("y") },
      { schema: "b", table: "t", kind: "view", column: column("z") },
      { schema: null, table: "t", kind: "table", column: column("w") },
    ]);
    expect(tables).toEqual([
      discovered("b", "t", "view", [["x", "string", "text"], ["z", "string", "text"]]),
      discovered("a", "t", "table", [["y", "string", "text"]]),
      discovered(null, "t", "table", [["w", "string", "text"]]),
    ]);
  });
});
