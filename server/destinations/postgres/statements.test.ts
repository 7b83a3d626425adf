import { describe, expect, it } from "vitest";
import type { PostgresColumn, PostgresTable } from "./catalog";
import { runOutcomes, runStatement } from "./statements";
import type { Entry, Run, TableOperation } from "./table";

function column(name: string, castType: string, overrides: Partial<PostgresColumn> = {}): PostgresColumn {
  return { name, type: "string", required: false, unique: false, generated: false, castType, format: "text", identityAlways: false, ...overrides };
}

const id = column('Id "key"', '"pg_catalog"."int4"', { unique: true, type: "integer" });
const email = column("e-mail", '"pg_catalog"."text"');
const tags = column("tags", '"pg_catalog"."_text"', { format: "array" });
const table: PostgresTable = { name: 'My "Schema".we.ird', schema: 'My "Schema"', table: "we.ird", columns: [id, email, tags] };

const entries: Entry[] = [
  { index: 3, record: { key: "a", operation: "upsert", payload: { 'Id "key"': 1, "e-mail": "a@x", tags: ["vip"] } } },
  { index: 5, record: { key: "b", operation: "upsert", payload: { 'Id "key"': 2, "e-mail": null, tags: [] } } },
];

const run = (operation: TableOperation, columns = [id, email, tags]): Run<PostgresColumn> => ({ operation, identifier: id, columns, entries });

describe("runStatement", () => {
  it("unnests text arrays with casts and upserts on the identifier, quoting every name", () => {
    const { text, params } = runStatement(table, run("upsert"), entries);
    expect(params).toEqual(['{"3","5"}', '{"1","2"}', '{"a@x",NULL}', '{"{\\"vip\\"}","{}"}']);
    expect(text).toContain(
      'SELECT u.ord, u.c1::"pg_catalog"."int4" AS c1, u.c2::"pg_catalog"."text" AS c2, u.c3::"pg_catalog"."_text" AS c3',
    );
    expect(text).toContain("FROM unnest($1::pg_catalog.int4[], $2::pg_catalog.text[], $3::pg_catalog.text[], $4::pg_catalog.text[]) AS u(ord, c1, c2, c3)");
    expect(text).toContain('INSERT INTO "My ""Schema"""."we.ird" AS sluice_target ("Id ""key""", "e-mail", "tags")');
    expect(text).toContain('ON CONFLICT ("Id ""key""") DO UPDATE SET "e-mail" = EXCLUDED."e-mail", "tags" = EXCLUDED."tags"');
    expect(text).toContain("sluice_target.xmax = 0 AS sluice_created");
  });

  it("leaves existing rows alone on insert, or when an upsert only names the identifier", () => {
    expect(runStatement(table, run("insert"), entries).text).toContain('ON CONFLICT ("Id ""key""") DO NOTHING');
    expect(runStatement(table, run("upsert", [id]), entries).text).toContain('ON CONFLICT ("Id ""key""") DO NOTHING');
  });

  it("overrides an identity column that is always generated when the records give it", () => {
    const identity = { ...id, identityAlways: true };
    const statement = runStatement({ ...table, columns: [identity, email] }, { ...run("upsert"), identifier: identity, columns: [identity, email] }, entries);
    expect(statement.text).toContain('("Id ""key""", "e-mail") OVERRIDING SYSTEM VALUE\n  SELECT c1, c2 FROM sluice_input');
  });

  it("updates and deletes by joining on the identifier", () => {
    expect(runStatement(table, run("update", [id, email]), entries).text).toContain(
      'UPDATE "My ""Schema"""."we.ird" AS sluice_target SET "e-mail" = sluice_input.c2\n  FROM sluice_input WHERE sluice_target."Id ""key""" = sluice_input.c1\n  RETURNING sluice_input.ord',
    );
    expect(runStatement(table, run("update", [id]), entries).text).toContain('SELECT sluice_input.ord FROM sluice_input JOIN "My ""Schema"""."we.ird"');
    expect(runStatement(table, run("delete", [id]), entries)).toMatchObject({
      text: expect.stringContaining('DELETE FROM "My ""Schema"""."we.ird" AS sluice_target USING sluice_input WHERE sluice_target."Id ""key""" = sluice_input.c1') as string,
      params: ['{"3","5"}', '{"1","2"}'],
    });
  });
});

describe("runOutcomes", () => {
  it("reads created rows, matched updates and deletes", () => {
    expect(runOutcomes(run("upsert"), entries, [{ ord: "3", created: "t" }, { ord: "5", created: "f" }])).toEqual([
      { key: "a", status: "accepted", created: true },
      { key: "b", status: "accepted", created: false },
    ]);
    expect(runOutcomes(run("insert"), entries, [{ ord: "5", created: "t" }])).toEqual([
      { key: "a", status: "accepted", created: false },
      { key: "b", status: "accepted", created: true },
    ]);
    expect(runOutcomes(run("update"), entries, [{ ord: "5" }])).toEqual([
      { key: "a", status: "rejected", scope: "record", reason: 'No row with Id "key" = 1 to update' },
      { key: "b", status: "accepted" },
    ]);
    expect(runOutcomes(run("delete"), entries, [])).toEqual([
      { key: "a", status: "accepted" },
      { key: "b", status: "accepted" },
    ]);
  });
});
