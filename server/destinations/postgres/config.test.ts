import { describe, expect, it } from "vitest";
import { ZPostgresTableConfig } from "./config";

const base = { host: "db.internal", database: "crm", user: "writer" };

describe("ZPostgresTableConfig", () => {
  it("is the source's connection form plus write settings, and parses to itself", () => {
    const config = ZPostgresTableConfig.parse(base);
    expect(config).toEqual({ ...base, port: 5432, password: "", sslMode: "require", batchSize: 1000, concurrency: 4 });
    expect(ZPostgresTableConfig.parse(config)).toEqual(config);
    expect(ZPostgresTableConfig.parse({ ...base, batchSize: "250", concurrency: "2", schemas: "public" })).toMatchObject({ batchSize: 250, concurrency: 2, schemas: "public" });
  });

  it("bounds the batch size and concurrency", () => {
    expect(ZPostgresTableConfig.safeParse({ ...base, batchSize: 10_000 }).success).toBe(true);
    expect(ZPostgresTableConfig.safeParse({ ...base, batchSize: 10_001 }).success).toBe(false);
    expect(ZPostgresTableConfig.safeParse({ ...base, concurrency: 0 }).success).toBe(false);
  });
});
