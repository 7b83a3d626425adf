import { describe, expect, it } from "vitest";
import type { Entry } from "../postgres/table";
import type { MysqlColumn, MysqlTable } from "./catalog";
import { comparable, deleteStatement, insertStatement, MAX_PLACEHOLDERS, probeStatement, slices, updateStatement } from "./statements";

function column(name: string, overrides: Partial<MysqlColumn> = {}): MysqlColumn {
  return {
    name,
    type: "string",
    required: false,
    unique: false,
    generated: false,
    dataType: "varchar",
    unsigned: false,
    json: false,
    charset: "utf8mb4",
    collation: "utf8mb4_general_ci",
    ...overrides,
  };
}

const id = column("Id `key`", { type: "integer", dataType: "bigint", unique: true, charset: null, collation: null });
const email = column("e-mail");
const when = column("seen at", { type: "timestamp", dataType: "datetime", charset: null, collation: null });
const table: MysqlTable = { name: "we`ird 't", database: "crm", columns: [id, email, when] };

const entries: Entry[] = [
  { index: 3, record: { key: "a", operation: "upsert", payload: { "Id `key`": 1, "e-mail": "a@x", "seen at": "2024-01-02T03:04:05Z" } } },
  { index: 5, record: { key: "b", operation: "upsert", payload: { "Id `key`": "2", "e-mail": null, "seen at": null } } },
];

describe("comparable", () => {
  it("compares integers as integers and text in the column's collation", () => {
    expect(comparable(id, "v")).toBe("CAST(v AS SIGNED)");
    expect(comparable({ ...id, unsigned: true }, "v")).toBe("CAST(v AS UNSIGNED)");
    expect(comparable(email, "v")).toBe("CONVERT(v USING utf8mb4) COLLATE utf8mb4_general_ci");
    expect(comparable(when, "v")).toBe("v");
    expect(comparable({ ...email, collation: "x; DROP TABLE t" }, "v")).toBe("v");
  });
});

describe("statements", () => {
  it("probes existing rows through a derived table of the records", () => {
    expect(probeStatement(table, id, entries)).toEqual({
      text: "SELECT sluice_input.ord FROM (SELECT 3 AS ord, ? AS c1 UNION ALL SELECT 5, ?) AS sluice_input\n  JOIN `crm`.`we``ird 't` AS sluice_target ON sluice_target.`Id ``key``` = CAST(sluice_input.c1 AS SIGNED)",
      params: [1, "2"],
    });
  });

  it("updates through the same join, setting every column but the identifier", () => {
    expect(updateStatement(table, id, [id, email, when], entries)).toEqual({
      text:
        "UPDATE `crm`.`we``ird 't` AS sluice_target JOIN (SELECT 3 AS ord, ? AS c1, ? AS c2, ? AS c3 UNION ALL SELECT 5, ?, ?, ?) AS sluice_input\n" +
        "  ON sluice_target.`Id ``key``` = CAST(sluice_input.c1 AS SIGNED)\n" +
        "  SET sluice_target.`e-mail` = sluice_input.c2, sluice_target.`seen at` = sluice_input.c3",
      params: [1, "a@x", "2024-01-02 03:04:05", "2", null, null],
    });
  });

  it("inserts rows of placeholders and deletes by an IN list", () => {
    expect(insertStatement(table, [id, email], entries)).toEqual({
      text: "INSERT INTO `crm`.`we``ird 't` (`Id ``key```, `e-mail`) VALUES (?, ?), (?, ?)",
      params: [1, "a@x", "2", null],
    });
    expect(deleteStatement(table, id, entries)).toEqual({ text: "DELETE FROM `crm`.`we``ird 't` WHERE `Id ``key``` IN (?, ?)", params: [1, "2"] });
  });

  it("slices runs to the placeholder limit of a prepared statement", () => {
    const many: Entry[] = Array.from({ length: 10_000 }, (_, index) => ({ index, record: { key: `k${index}`, operation: "upsert", payload: {} } }));
    const sliced = slices(many, 10);
    expect(sliced.map((slice) => slice.length)).toEqual([6553, 3447]);
    expect(sliced.every((slice) => slice.length * 10 <= MAX_PLACEHOLDERS)).toBe(true);
    expect(slices(many, 1)).toHaveLength(1);
    expect(slices([], 3)).toEqual([]);
  });
});
