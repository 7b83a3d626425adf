import { describe, expect, it } from "vitest";
import { duckdbDialect } from "./dialect";
import { cleanMessage, errorOffset, isInterrupt, modelErrorPosition } from "./errors";

/** Messages as DuckDB 1.5 writes them. */
const BINDER =
  'Binder Error: Referenced column "idd" not found in FROM clause!\nCandidate bindings: "id"\n\nLINE 3: where idd = 3\n              ^';
const SQL = "select 1 from\n  t\nwhere idd = 3";

describe("cleanMessage", () => {
  it("drops DuckDB's LINE excerpt, which quotes the wrapper SQL", () => {
    expect(cleanMessage(BINDER)).toBe('Binder Error: Referenced column "idd" not found in FROM clause!\nCandidate bindings: "id"');
    expect(cleanMessage("Parser Error: syntax error at end of input")).toBe("Parser Error: syntax error at end of input");
  });
});

describe("isInterrupt", () => {
  it("recognises DuckDB's interrupt", () => {
    expect(isInterrupt("INTERRUPT Error: Interrupted!")).toBe(true);
    expect(isInterrupt(BINDER)).toBe(false);
  });
});

describe("errorOffset", () => {
  it("points at the caret, counting earlier lines", () => {
    expect(errorOffset(BINDER, SQL)).toBe(SQL.indexOf("idd"));
  });

  it("finds the column in a line DuckDB shortened with '...'", () => {
    const sql = `select ${Array.from({ length: 30 }, (_, i) => `id as col${i}`).join(", ")}, nope, ${Array.from(
      { length: 30 },
      (_, i) => `id as c${i}`,
    ).join(", ")} from t`;
    const message =
      'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "d"\n\n' +
      "LINE 1: ... as col25, id as col26, id as col27, id as col28, id as col29, nope, id as c0, id as c1, id as c2, id as c3, id as c4,...\n" +
      "                                                                          ^";
    expect(errorOffset(message, sql)).toBe(sql.indexOf("nope"));
  });

  it("is undefined without an excerpt or for a line that is not there", () => {
    expect(errorOffset("Parser Error: syntax error at end of input", SQL)).toBeUndefined();
    expect(errorOffset(BINDER, "select 1")).toBeUndefined();
  });
});

describe("modelErrorPosition", () => {
  it("maps an error inside the wrapped model to a 1-based position in the SQL as typed", () => {
    const original = "\n  select nope\n  from customers;";
    const body = "select nope\n  from customers";
    const executed = `SELECT * FROM ${duckdbDialect.relation({ kind: "sql", sql: original })}\nLIMIT 100`;
    const message = `Binder Error: Referenced column "nope" not found\n\nLINE 2: select nope\n${" ".repeat(15)}^`;
    const position = modelErrorPosition(message, executed, body, original);
    expect(position).toBe(original.indexOf("nope") + 1);
  });

  it("is undefined for an error outside the model (e.g. Sluice's ORDER BY)", () => {
    const original = "select 1 as a";
    const executed = `SELECT * FROM ${duckdbDialect.relation({ kind: "sql", sql: original })}\nORDER BY "b"`;
    const message = 'Binder Error: Referenced column "b" not found\n\nLINE 4: ORDER BY "b"\n                 ^';
    expect(modelErrorPosition(message, executed, original, original)).toBeUndefined();
  });
});
