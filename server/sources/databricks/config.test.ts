import { describe, expect, it } from "vitest";
import { z } from "zod";
import { connectionOptions, displayHost, hostAndPort, normalizeHostname, normalizeHttpPath, ZDatabricksConfig } from "./config";

const valid = {
  serverHostname: "dbc-a1b2345c-d6e7.cloud.databricks.com",
  httpPath: "/sql/1.0/warehouses/abc123def456",
  accessToken: "dapi0123456789abcdef",
  catalog: "main",
  schema: "",
};

describe("databricks hostnames and paths", () => {
  it.each([
    ["dbc-a1b2345c-d6e7.cloud.databricks.com", "dbc-a1b2345c-d6e7.cloud.databricks.com"],
    ["https://adb-1234567890123456.7.azuredatabricks.net/", "adb-1234567890123456.7.azuredatabricks.net"],
    [" https://dbc-a1.cloud.databricks.com/sql/1.0/warehouses/x?o=1 ", "dbc-a1.cloud.databricks.com"],
    ["127.0.0.1:8443", "127.0.0.1:8443"],
  ])("%j → %j", (input, host) => {
    expect(normalizeHostname(input)).toBe(host);
  });

  it("adds the leading slash of the HTTP path", () => {
    expect(normalizeHttpPath("sql/1.0/warehouses/abc")).toBe("/sql/1.0/warehouses/abc");
    expect(normalizeHttpPath(" /sql/protocolv1/o/123/0123-456789-abcd ")).toBe("/sql/protocolv1/o/123/0123-456789-abcd");
  });

  it("splits host and port, 443 by default", () => {
    expect(hostAndPort("dbc-a1.cloud.databricks.com")).toEqual({ host: "dbc-a1.cloud.databricks.com", port: 443 });
    expect(hostAndPort("127.0.0.1:8443")).toEqual({ host: "127.0.0.1", port: 8443 });
    expect(displayHost("dbc-a1.cloud.databricks.com")).toBe("dbc-a1.cloud.databricks.com");
    expect(displayHost("127.0.0.1:8443")).toBe("127.0.0.1:8443");
  });
});

describe("ZDatabricksConfig", () => {
  it("accepts what the Connection details page shows, pasted as a URL", () => {
    const config = ZDatabricksConfig.parse({ ...valid, serverHostname: `https://${valid.serverHostname}/`, httpPath: "sql/1.0/warehouses/abc123def456" });
    expect(config).toMatchObject({ serverHostname: valid.serverHostname, httpPath: valid.httpPath });
  });

  it("names the field that is wrong", () => {
    expect(ZDatabricksConfig.safeParse({ ...valid, serverHostname: "dbc a1" }).error?.issues[0]).toMatchObject({ path: ["serverHostname"] });
    expect(ZDatabricksConfig.safeParse({ ...valid, httpPath: "" }).error?.issues[0]).toMatchObject({ path: ["httpPath"] });
    expect(ZDatabricksConfig.safeParse({ ...valid, accessToken: " " }).error?.issues[0]).toMatchObject({
      path: ["accessToken"],
      message: "Enter an access token.",
    });
  });

  it("draws a form in the order of the Connection details page", () => {
    const schema = z.toJSONSchema(ZDatabricksConfig, { io: "input", unrepresentable: "any" });
    expect(Object.keys(schema.properties ?? {})).toEqual(["serverHostname", "httpPath", "accessToken", "catalog", "schema"]);
    expect(schema.required).toEqual(["serverHostname", "httpPath", "accessToken"]);
  });
});

describe("databricks connectionOptions", () => {
  it("uses the token, keeps numbers exact and sends no telemetry", () => {
    const config = ZDatabricksConfig.parse(valid);
    expect(connectionOptions(config)).toEqual({
      host: valid.serverHostname,
      port: 443,
      path: valid.httpPath,
      authType: "access-token",
      token: valid.accessToken,
      userAgentEntry: "Sluice",
      telemetryEnabled: false,
      preserveBigNumericPrecision: true,
      socketTimeout: 120_000,
      retryMaxAttempts: undefined,
    });
  });

  it("makes one attempt with a short socket timeout for check", () => {
    const config = ZDatabricksConfig.parse({ ...valid, serverHostname: "127.0.0.1:9443" });
    expect(connectionOptions(config, { socketTimeoutMs: 1_500, retry: false })).toMatchObject({
      host: "127.0.0.1",
      port: 9443,
      socketTimeout: 1_500,
      retryMaxAttempts: 1,
    });
  });
});
