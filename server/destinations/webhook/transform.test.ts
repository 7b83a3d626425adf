import { describe, expect, it } from "vitest";
import type { DestinationRecord } from "../types";
import type { HttpResult } from "./api";
import { ZWebhookConfig } from "./config";
import {
  checkResultFor,
  outcomesFor,
  rejectedKeys,
  requestBody,
  requestHeaders,
  responseDetail,
  signatureHeader,
  verifySignature,
} from "./transform";

const secret = "sluice-test-secret-0123456789";
const context = { host: "hooks.example.com", method: "POST", nowMs: Date.parse("2025-01-01T00:00:00Z") };
const batch: DestinationRecord[] = [
  { key: "a", operation: "upsert", payload: { email: "a@example.com", plan: "pro" } },
  { key: "b", operation: "delete", payload: {} },
  { key: "c", operation: "add", payload: { score: 3 } },
];

function response(status: number, body: unknown = "", headers: Record<string, string> = {}): HttpResult {
  return { kind: "response", status, headers, body: typeof body === "string" ? body : JSON.stringify(body) };
}

function outcomes(result: HttpResult) {
  const verdict = outcomesFor(result, batch, context);
  if (verdict.kind !== "outcomes") throw new Error(`expected outcomes, got ${verdict.message}`);
  return verdict.outcomes;
}

describe("requestBody", () => {
  it("holds the batch id and each record's key, operation and payload only", () => {
    const extra = { ...batch[0], internal: "not sent" } as DestinationRecord;
    expect(JSON.parse(requestBody("run.1", [extra]))).toEqual({
      batch_id: "run.1",
      records: [{ key: "a", operation: "upsert", payload: { email: "a@example.com", plan: "pro" } }],
    });
  });
});

describe("signature", () => {
  const body = '{"batch_id":"b","records":[]}';

  it("matches an HMAC-SHA256 computed by openssl", () => {
    // printf '%s' '1700000000.{"batch_id":"b","records":[]}' | openssl dgst -sha256 -hmac 'sluice-test-secret-0123456789'
    expect(signatureHeader(secret, 1_700_000_000, body)).toBe(
      "t=1700000000,v1=832fe1da0b88a02333b2150874f9393c45dec3f396038ff7829b692bb497c52b",
    );
  });

  it("verifies its own header and refuses a changed body, another secret or an old timestamp", () => {
    const header = signatureHeader(secret, 1_700_000_000, body);
    expect(verifySignature(header, secret, body, 1_700_000_100)).toBe(true);
    expect(verifySignature(header, secret, `${body} `, 1_700_000_100)).toBe(false);
    expect(verifySignature(header, "another-secret-0123456789", body, 1_700_000_100)).toBe(false);
    expect(verifySignature(header, secret, body, 1_700_000_301)).toBe(false);
    expect(verifySignature(undefined, secret, body, 1_700_000_000)).toBe(false);
    expect(verifySignature("t=1700000000,v1=zz", secret, body, 1_700_000_000)).toBe(false);
  });

  it("accepts any of several v1 values (secret rotation)", () => {
    const good = signatureHeader(secret, 1_700_000_000, body).split(",v1=")[1] ?? "";
    expect(verifySignature(`t=1700000000,v1=${"0".repeat(64)},v1=${good}`, secret, body, 1_700_000_000)).toBe(true);
  });
});

describe("requestHeaders", () => {
  it("sends JSON, the custom and secret headers, and the signature", () => {
    const config = ZWebhookConfig.parse({
      url: "https://hooks.example.com/in",
      signingSecret: secret,
      headers: [{ name: "X-Team", value: "growth" }],
      secretHeaders: [{ name: "Authorization", value: "Bearer t0ken" }],
    });
    const headers = requestHeaders(config, "{}", 1_700_000_000);
    expect(headers).toMatchObject({ "content-type": "application/json", "x-team": "growth", authorization: "Bearer t0ken" });
    expect(verifySignature(headers["x-sluice-signature"], secret, "{}", 1_700_000_000)).toBe(true);
  });
});

describe("outcomesFor", () => {
  it("accepts every record on 2xx", () => {
    expect(outcomes(response(200, { ok: true }))).toEqual(batch.map(({ key }) => ({ key, status: "accepted" })));
    expect(outcomes(response(204))).toEqual(batch.map(({ key }) => ({ key, status: "accepted" })));
  });

  it("honours a partial `rejected` list and ignores unknown keys", () => {
    const result = response(200, { rejected: [{ key: "b", reason: "no such user" }, { key: "zzz", reason: "?" }] });
    expect(outcomes(result)).toEqual([
      { key: "a", status: "accepted" },
      { key: "b", status: "rejected", reason: "no such user", scope: "record" },
      { key: "c", status: "accepted" },
    ]);
  });

  it("retries every record after Retry-After on 429 and 503, or after 1 s without it", () => {
    expect(outcomes(response(429, { error: "slow down" }, { "retry-after": "7" }))[0]).toEqual({
      key: "a",
      status: "retry",
      afterSeconds: 7,
      reason: "HTTP 429 from hooks.example.com: slow down",
    });
    expect(outcomes(response(503, "", { "retry-after": "Wed, 01 Jan 2025 00:00:12 GMT" }))[2]).toMatchObject({ afterSeconds: 12 });
    expect(outcomes(response(429))[1]).toMatchObject({ status: "retry", afterSeconds: 1 });
  });

  it("retries with backoff on 5xx, 408, timeouts and network failures", () => {
    expect(outcomes(response(500, "boom"))[0]).toEqual({ key: "a", status: "retry", afterSeconds: null, reason: "HTTP 500 from hooks.example.com: boom" });
    expect(outcomes(response(408))[0]).toMatchObject({ status: "retry", afterSeconds: null });
    expect(outcomes({ kind: "timeout", timeoutMs: 30_000 })[0]).toEqual({
      key: "a",
      status: "retry",
      afterSeconds: null,
      reason: "No answer from hooks.example.com within 30 s.",
    });
    expect(outcomes({ kind: "network", code: "ECONNRESET", message: "socket hang up" })[0]).toMatchObject({
      status: "retry",
      reason: "Could not reach hooks.example.com: socket hang up (ECONNRESET).",
    });
  });

  it("rejects the batch as a whole on other 4xx", () => {
    expect(outcomes(response(400, { error: { message: "email is not valid" } }))).toEqual(
      batch.map(({ key }) => ({ key, status: "rejected", scope: "batch", reason: "HTTP 400 from hooks.example.com: email is not valid" })),
    );
    expect(outcomes(response(413))[0]).toMatchObject({ status: "rejected", scope: "batch", reason: "HTTP 413 from hooks.example.com" });
  });

  it("refuses the configuration on redirects, 401, 403, 404, 405 and 410", () => {
    expect(outcomesFor(response(401, { error: "invalid signature" }), batch, context)).toMatchObject({
      kind: "refused",
      code: "auth_failed",
      message: expect.stringContaining("signing secret") as string,
    });
    expect(outcomesFor(response(403), batch, context)).toMatchObject({ kind: "refused", code: "permission_denied" });
    expect(outcomesFor(response(404), batch, context)).toMatchObject({ kind: "refused", code: "not_found" });
    expect(outcomesFor(response(410), batch, context)).toMatchObject({ kind: "refused", code: "not_found" });
    expect(outcomesFor(response(405), batch, context)).toMatchObject({ kind: "refused", code: "invalid_config" });
    expect(outcomesFor(response(308, "", { location: "https://other.example.com/in?token=x" }), batch, context)).toEqual({
      kind: "refused",
      code: "invalid_config",
      message: "hooks.example.com redirects this URL (HTTP 308) to other.example.com. Enter the final URL: Sluice does not follow redirects.",
    });
  });
});

describe("responseDetail and rejectedKeys", () => {
  it("quotes the JSON error, or the start of the text", () => {
    expect(responseDetail('{"message":"bad"}')).toBe("bad");
    expect(responseDetail('{"reason":"nope"}')).toBe("nope");
    expect(responseDetail("<html>\n  Oops\n</html>")).toBe("<html> Oops </html>");
    expect(responseDetail("x".repeat(2000))).toHaveLength(500);
  });

  it("reads numeric keys and fills in a missing reason; a body without a list rejects nothing", () => {
    expect([...rejectedKeys('{"rejected":[{"key":7}]}')]).toEqual([["7", "Rejected by the endpoint."]]);
    expect(rejectedKeys('{"rejected":"all"}').size).toBe(0);
    expect(rejectedKeys("not json").size).toBe(0);
  });
});

describe("checkResultFor", () => {
  it("is ok on 2xx", () => {
    expect(checkResultFor(response(202), context)).toEqual({ ok: true });
  });

  it("names the signing secret on 401", () => {
    expect(checkResultFor(response(401), context)).toMatchObject({ ok: false, code: "auth_failed", message: expect.stringContaining("signing secret") as string });
  });

  it("explains network failures", () => {
    expect(checkResultFor({ kind: "network", code: "ECONNREFUSED", message: "connect ECONNREFUSED" }, context)).toMatchObject({ code: "connection_refused" });
    expect(checkResultFor({ kind: "network", code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND" }, context)).toMatchObject({ code: "host_not_found" });
    expect(checkResultFor({ kind: "network", code: "CERT_HAS_EXPIRED", message: "certificate has expired" }, context)).toMatchObject({ code: "tls_failed" });
    expect(checkResultFor({ kind: "timeout", timeoutMs: 10_000 }, context)).toMatchObject({ code: "timeout", message: expect.stringContaining("10 s") as string });
  });

  it("reports rate limits and other answers", () => {
    expect(checkResultFor(response(429, "", { "retry-after": "30" }), context)).toEqual({
      ok: false,
      code: "rate_limited",
      message: "hooks.example.com is reachable but asked Sluice to slow down (HTTP 429); try again in 30 s.",
    });
    expect(checkResultFor(response(422, { error: "records must not be empty" }), context)).toMatchObject({
      code: "unexpected_response",
      message: expect.stringContaining("records must not be empty") as string,
    });
    expect(checkResultFor(response(502), context)).toMatchObject({ code: "unexpected_response", message: "hooks.example.com failed with HTTP 502." });
  });
});
