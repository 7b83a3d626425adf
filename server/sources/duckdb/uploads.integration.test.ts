/**
 * Uploads for real: CSV and Parquet files imported into a workspace's uploads database in a temp
 * data dir, then read back through the DuckDB source.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDuckdbSource } from "./connector";
import { importUpload, UploadError } from "./uploads";

const CUSTOMERS_CSV = 'id,name,joined,amount\n1,Ann,2024-01-02,1.50\n2,"Bob, Jr",2024-02-03,2\n3,Cy,2024-03-04,\n';

let dataDir: string;
let scratch: string;
const connector = createDuckdbSource({ dataDir: () => dataDir });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "sluice-duckdb-uploads-"));
  scratch = await mkdtemp(path.join(os.tmpdir(), "sluice-duckdb-scratch-"));
});

afterAll(async () => {
  await connector.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

function csv(text: string): Buffer {
  return Buffer.from(text, "utf8");
}

/** Files left in the uploads folder besides the workspaces' databases (temp files, drafts). */
async function leftovers(): Promise<string[]> {
  const files = await readdir(path.join(dataDir, "uploads")).catch(() => []);
  return files.filter((file) => !/^[0-9a-f-]{36}\.duckdb$/.test(file));
}

describe("importUpload", () => {
  it("turns a CSV into a table named after the file, readable by the workspace's source", async () => {
    const workspaceId = randomUUID();
    const imported = await importUpload({ dataDir, workspaceId, fileName: "customers.csv", content: csv(CUSTOMERS_CSV), format: "csv" });
    expect(imported).toEqual({
      table: "customers",
      rows: 3,
      columns: [
        { name: "id", type: "integer", nativeType: "BIGINT" },
        { name: "name", type: "string", nativeType: "VARCHAR" },
        { name: "joined", type: "date", nativeType: "DATE" },
        { name: "amount", type: "number", nativeType: "DOUBLE" },
      ],
    });
    const preview = await connector.preview(
      { database: "uploads", workspaceId },
      { kind: "table", schema: "main", table: "customers" },
      { limit: 10 },
    );
    expect(preview.rows).toEqual([
      { id: "1", name: "Ann", joined: "2024-01-02", amount: 1.5 },
      { id: "2", name: "Bob, Jr", joined: "2024-02-03", amount: 2 },
      { id: "3", name: "Cy", joined: "2024-03-04", amount: null },
    ]);
    expect(await leftovers()).toEqual([]);
  });

  it("names a second upload of the same file customers_2, and readers see the new table", async () => {
    const workspaceId = randomUUID();
    const config = { database: "uploads", workspaceId } as const;
    await importUpload({ dataDir, workspaceId, fileName: "customers.csv", content: csv(CUSTOMERS_CSV), format: "csv" });
    expect((await connector.discover(config)).map((table) => table.name)).toEqual(["customers"]);
    const second = await importUpload({ dataDir, workspaceId, fileName: "Customers.csv", content: csv(CUSTOMERS_CSV), format: "csv" });
    expect(second.table).toBe("customers_2");
    const third = await importUpload({ dataDir, workspaceId, fileName: "Sales Report (2024).csv", content: csv("a\n1\n"), format: "csv" });
    expect(third.table).toBe("sales_report_2024");
    expect((await connector.discover(config)).map((table) => table.name)).toEqual(["customers", "customers_2", "sales_report_2024"]);
  });

  it("serializes concurrent imports into one workspace without losing a table", async () => {
    const workspaceId = randomUUID();
    const names = await Promise.all(
      ["a.csv", "b.csv", "a.csv"].map(
        async (fileName) => (await importUpload({ dataDir, workspaceId, fileName, content: csv("x\n1\n"), format: "csv" })).table,
      ),
    );
    expect(names).toEqual(["a", "b", "a_2"]);
    expect((await connector.discover({ database: "uploads", workspaceId })).map((table) => table.name)).toEqual(["a", "a_2", "b"]);
  });

  it("imports a Parquet file from a server-side temp path", async () => {
    const parquet = path.join(scratch, "orders.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT range AS order_id, range * 1.25 AS total, TIMESTAMP '2026-01-01 00:00:00' + to_hours(range) AS at FROM range(2500)) TO '${parquet}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    const workspaceId = randomUUID();
    const imported = await importUpload({ dataDir, workspaceId, fileName: "Orders.parquet", content: parquet, format: "parquet" });
    expect(imported).toMatchObject({ table: "orders", rows: 2500 });
    expect(imported.columns.map((column) => column.type)).toEqual(["integer", "number", "timestamp"]);
    const key = await connector.checkKey({ database: "uploads", workspaceId }, { kind: "table", schema: "main", table: "orders" }, "order_id");
    expect(key).toEqual({ rows: 2500, duplicateKeys: 0, nullKeys: 0 });
  });

  it("names the line of a CSV row with too many columns, and leaves nothing behind", async () => {
    const workspaceId = randomUUID();
    const bad = "id,name,amount\n1,Ann,1.5\n2,Bob,2\n3,Cy,3,extra\n4,Di,4\n";
    await expect(importUpload({ dataDir, workspaceId, fileName: "bad.csv", content: csv(bad), format: "csv" })).rejects.toThrow(
      new UploadError("Line 4 of bad.csv has 4 columns, expected 3 (as in the header)."),
    );
    expect(await leftovers()).toEqual([]);
    expect(await connector.check({ database: "uploads", workspaceId })).toMatchObject({ ok: false, code: "database_not_found" });
  });

  it("names the line of a short row and of an unclosed quote", async () => {
    const workspaceId = randomUUID();
    const short = "id;name;amount\n1;Ann;1.5\n2;Bob\n3;Cy;3\n";
    await expect(importUpload({ dataDir, workspaceId, fileName: "short.csv", content: csv(short), format: "csv" })).rejects.toThrow(
      "Line 3 of short.csv has 2 columns, expected 3 (as in the header).",
    );
    const quote = 'id,name\n1,"Doe, Jane"\n2,"unterminated\n3,x\n';
    await expect(importUpload({ dataDir, workspaceId, fileName: "quote.csv", content: csv(quote), format: "csv" })).rejects.toThrow(
      'Line 3 of quote.csv has a value whose opening quote (") is never closed.',
    );
  });

  it("refuses an empty file and a file that is not Parquet, without showing server paths", async () => {
    const workspaceId = randomUUID();
    await expect(importUpload({ dataDir, workspaceId, fileName: "empty.csv", content: csv(""), format: "csv" })).rejects.toThrow(
      new UploadError("empty.csv is empty."),
    );
    const fake = path.join(scratch, "fake.parquet");
    await writeFile(fake, "not parquet at all");
    await expect(importUpload({ dataDir, workspaceId, fileName: "data.parquet", content: fake, format: "parquet" })).rejects.toThrow(
      new UploadError("data.parquet is not a valid Parquet file."),
    );
  });

  it("keeps a type guessed from early rows from failing on a late one (the whole file is sampled)", async () => {
    const lines = ["id,v", ...Array.from({ length: 30_000 }, (_, i) => `${i + 1},${i === 29_000 ? "oops" : i}`)];
    const imported = await importUpload({
      dataDir,
      workspaceId: randomUUID(),
      fileName: "late.csv",
      content: csv(`${lines.join("\n")}\n`),
      format: "csv",
    });
    expect(imported).toMatchObject({ rows: 30_000, columns: [{ name: "id" }, { name: "v", type: "string" }] });
  });
});
