import { describe, expect, it } from "vitest";
import { ZWebhookConfig } from "./config";

const base = { url: "https://hooks.example.com/in", signingSecret: "0123456789abcdef" };

function problem(input: object): string | undefined {
  const parsed = ZWebhookConfig.safeParse({ ...base, ...input });
  return parsed.success ? undefined : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
}

describe("ZWebhookConfig", () => {
  it("fills in defaults and parses to itself", () => {
    const config = ZWebhookConfig.parse(base);
    expect(config).toEqual({ ...base, method: "POST", headers: [], secretHeaders: [], batchSize: 500, timeoutSeconds: 30, concurrency: 4 });
    expect(ZWebhookConfig.parse(config)).toEqual(config);
    const full = ZWebhookConfig.parse({ ...base, requestsPerSecond: "2.5", batchSize: "100" });
    expect(full).toMatchObject({ requestsPerSecond: 2.5, batchSize: 100 });
    expect(ZWebhookConfig.parse(full)).toEqual(full);
  });

  it("takes http and https URLs only, without credentials or fragments", () => {
    expect(problem({ url: "http://127.0.0.1:8080/hook" })).toBeUndefined();
    expect(problem({ url: "ftp://example.com/x" })).toBe("url: The URL must start with https:// or http://");
    expect(problem({ url: "example.com/hook" })).toMatch(/^url: Enter a full URL/);
    expect(problem({ url: "https://user:pw@example.com/hook" })).toBe("url: Put credentials in a secret header, not in the URL");
    expect(problem({ url: "https://example.com/hook#x" })).toMatch(/#fragment/);
    expect(problem({ url: "  " })).toBe("url: Enter the URL Sluice sends batches to");
  });

  it("validates header names and values, and keeps Sluice's own headers", () => {
    expect(problem({ headers: [{ name: "X-Team", value: "growth" }] })).toBeUndefined();
    expect(problem({ headers: [{ name: "X Team", value: "a" }] })).toMatch(/^headers\.0\.name: A header name has/);
    expect(problem({ headers: [{ name: "X-Team", value: "a\r\nInjected: yes" }] })).toMatch(/^headers\.0\.value: /);
    expect(problem({ secretHeaders: [{ name: "X-Sluice-Signature", value: "x" }] })).toBe("secretHeaders.0.name: Sluice sets this header itself");
    expect(problem({ headers: [{ name: "Content-Type", value: "text/plain" }] })).toBe("headers.0.name: Sluice sets this header itself");
    expect(problem({ headers: [{ name: "Authorization", value: "a" }], secretHeaders: [{ name: "authorization", value: "b" }] })).toBe(
      'secretHeaders.0.name: "authorization" is set twice',
    );
  });

  it("bounds the batch size, method, timeout and rate", () => {
    expect(problem({ batchSize: 10_000 })).toBeUndefined();
    expect(problem({ batchSize: 10_001 })).toMatch(/^batchSize: /);
    expect(problem({ batchSize: 0 })).toMatch(/^batchSize: /);
    expect(problem({ method: "GET" })).toMatch(/^method: /);
    expect(problem({ timeoutSeconds: 0 })).toMatch(/^timeoutSeconds: /);
    expect(problem({ requestsPerSecond: "" })).toBeUndefined();
    expect(problem({ requestsPerSecond: -1 })).toMatch(/^requestsPerSecond: /);
  });

  it("asks for a signing secret of at least 16 characters", () => {
    expect(problem({ signingSecret: "short" })).toBe("signingSecret: Use at least 16 characters; a long random value is best");
  });
});
