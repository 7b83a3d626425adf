import { describe, expect, it } from "vitest";
import { ZMysqlTableConfig } from "./config";

const base = { host: "db.internal", database: "crm", user: "writer" };

describe("ZMysqlTableConfig", () => {
  it("is the source's connection form without its database list, plus write settings, and parses to itself", () => {
    const config = ZMysqlTableConfig.parse({ ...base, schemas: "other" });
    expect(config).toEqual({ ...base, port: 3306, password: "", sslMode: "require", batchSize: 1000, concurrency: 4 });
    expect(ZMysqlTableConfig.parse(config)).toEqual(config);
  });

  it("keeps the source's rule for verify-full, and bounds the write settings", () => {
    const byIp = ZMysqlTableConfig.safeParse({ ...base, host: "10.0.0.5", sslMode: "verify-full" });
    expect(byIp.success || byIp.error.issues[0]?.path).toEqual(["host"]);
    expect(ZMysqlTableConfig.safeParse({ ...base, batchSize: 0 }).success).toBe(false);
    expect(ZMysqlTableConfig.safeParse({ ...base, concurrency: 17 }).success).toBe(false);
  });
});
