import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoWarehousePath } from "@/server/worker/jobs/generate-demo-warehouse";
import { DuckdbUnavailableError } from "./errors";
import { duckdbConfigSchema, filePathProblem, resolveDatabasePath, uploadsDatabasePath } from "./paths";

const DATA = "/srv/sluice-data";
const WORKSPACE = "8b0e6a4e-3f7c-4a55-9d8e-2f1b8f9d2c11";

describe("resolveDatabasePath", () => {
  it("reads the installation's demo warehouse and the workspace's uploads database", () => {
    expect(resolveDatabasePath({ database: "demo" }, DATA)).toBe(demoWarehousePath(DATA));
    expect(resolveDatabasePath({ database: "uploads", workspaceId: WORKSPACE }, DATA)).toBe(
      path.join(DATA, "uploads", `${WORKSPACE}.duckdb`),
    );
  });

  it("reads a file inside <dataDir>/duckdb/", () => {
    expect(resolveDatabasePath({ database: "file", path: `${DATA}/duckdb/shop.duckdb` }, DATA)).toBe(`${DATA}/duckdb/shop.duckdb`);
    expect(resolveDatabasePath({ database: "file", path: `${DATA}/duckdb/team/a.db` }, DATA)).toBe(`${DATA}/duckdb/team/a.db`);
  });

  it.each([
    ["/etc/passwd"],
    [`${DATA}/secrets.json`],
    [`${DATA}/duckdb/../uploads/${WORKSPACE}.duckdb`],
    [`${DATA}/duckdb`],
    [`${DATA}/duckdb-other/x.duckdb`],
    ["duckdb/shop.duckdb"],
    [`${DATA}/duckdb/data.csv`],
  ])("refuses %s", (filePath) => {
    expect(() => resolveDatabasePath({ database: "file", path: filePath }, DATA)).toThrow(DuckdbUnavailableError);
  });

  it("says where files may go", () => {
    expect(filePathProblem("/etc/passwd", DATA)).toBe(
      `Only DuckDB files inside ${DATA}/duckdb/ can be read. Copy the file there and enter its path.`,
    );
  });

  it("refuses a workspace id that is not a UUID (no path tricks)", () => {
    expect(() => uploadsDatabasePath(DATA, "../../etc/passwd")).toThrow(DuckdbUnavailableError);
  });
});

describe("duckdbConfigSchema", () => {
  const schema = duckdbConfigSchema(() => DATA);

  it("accepts the three kinds of database", () => {
    expect(schema.parse({ database: "demo" })).toEqual({ database: "demo" });
    expect(schema.parse({ database: "uploads", workspaceId: WORKSPACE })).toEqual({ database: "uploads", workspaceId: WORKSPACE });
    expect(schema.parse({ database: "file", path: ` ${DATA}/duckdb/shop.duckdb ` })).toEqual({
      database: "file",
      path: `${DATA}/duckdb/shop.duckdb`,
    });
  });

  it("refuses a file outside the allowed folder when the settings are saved", () => {
    const parsed = schema.safeParse({ database: "file", path: "/etc/passwd" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(`${DATA}/duckdb/`);
    expect(parsed.error?.issues[0]?.path).toEqual(["path"]);
  });

  it("refuses unknown kinds and bad workspace ids", () => {
    expect(schema.safeParse({ database: "other" }).success).toBe(false);
    expect(schema.safeParse({ database: "uploads", workspaceId: "x" }).success).toBe(false);
  });
});
