/**
 * The webhook connector against a real receiver on 127.0.0.1 that verifies signatures and
 * enforces the contract (test/fakes/webhook-receiver.ts). No traffic leaves the machine.
 */
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closedPort, useLoopbackGuard } from "@/test/loopback";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/fakes/webhook-receiver";
import { DestinationRefusedError, type DestinationRecord } from "../types";
import { type TWebhookConfig, ZWebhookConfig } from "./config";
import { checkWebhook, webhookDestination } from "./index";

const secret = "receiver-secret-0123456789";
let receiver: WebhookReceiver;

useLoopbackGuard();

beforeEach(async () => {
  receiver = await startWebhookReceiver({ secret, maxBatchSize: 5 });
});

afterEach(async () => {
  await receiver.close();
});

function config(overrides: Partial<Record<keyof TWebhookConfig, unknown>> = {}): TWebhookConfig {
  return ZWebhookConfig.parse({ url: receiver.url, signingSecret: secret, ...overrides });
}

const batch: DestinationRecord[] = [
  { key: "u1", operation: "upsert", payload: { email: "ada@example.com", ltv: "1234.50", tags: ["vip"] } },
  { key: "u2", operation: "delete", payload: {} },
  { key: "u3", operation: "add", payload: { list: "beta" } },
];

function write(settings: TWebhookConfig, records = batch, signal = new AbortController().signal) {
  return webhookDestination.write(settings, records, { signal, batchId: "run.1", target: { object: "records", identifier: "email" } });
}

describe("check", () => {
  it("passes with the receiver's signing secret, sending a signed empty batch", async () => {
    await expect(webhookDestination.check(config())).resolves.toEqual({ ok: true });
    expect(receiver.requests).toMatchObject([{ status: 200, keys: [] }]);
    expect(receiver.requests[0]?.batchId).toMatch(/^check-/);
  });

  it("fails with a clear message when the signing secret is wrong", async () => {
    const host = new URL(receiver.url).host;
    await expect(webhookDestination.check(config({ signingSecret: "not-the-receivers-secret" }))).resolves.toEqual({
      ok: false,
      code: "auth_failed",
      message: `${host} refused the request (HTTP 401) ("invalid signature"): the signature or the credentials did not verify. Check that the signing secret in Sluice is the one your endpoint verifies with, and any Authorization header.`,
    });
  });

  it("reports a wrong path, a wrong method and a port nobody listens on", async () => {
    await expect(webhookDestination.check(config({ url: receiver.url.replace("/hooks/sluice", "/hooks/other") }))).resolves.toMatchObject({
      ok: false,
      code: "not_found",
    });
    await expect(webhookDestination.check(config({ method: "PUT" }))).resolves.toMatchObject({
      ok: false,
      code: "invalid_config",
      message: expect.stringContaining("does not accept PUT") as string,
    });
    const port = await closedPort();
    await expect(webhookDestination.check(config({ url: `http://127.0.0.1:${port}/hook` }))).resolves.toEqual({
      ok: false,
      code: "connection_refused",
      message: `Nothing accepted the connection on 127.0.0.1:${port}: check the URL, and that the endpoint is running.`,
    });
  });

  it("reports an HTTPS endpoint whose certificate nobody vouches for as a TLS failure", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sluice-webhook-tls-"));
    const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
    await promisify(execFile)("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert,
    ]);
    const server = https.createServer({ key: await fs.readFile(key), cert: await fs.readFile(cert) }, (_, response) => response.end("{}"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      await expect(webhookDestination.check(config({ url: `https://127.0.0.1:${port}/hook` }))).resolves.toMatchObject({
        ok: false,
        code: "tls_failed",
        message: expect.stringContaining("DEPTH_ZERO_SELF_SIGNED_CERT") as string,
      });
    } finally {
      server.close();
      await fs.rm(dir, { recursive: true });
    }
  });

  it("settles within its time limit when the endpoint never answers", async () => {
    receiver.always("hang");
    const started = performance.now();
    await expect(checkWebhook(config(), 300)).resolves.toMatchObject({ ok: false, code: "timeout", message: expect.stringContaining("0.3 s") as string });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("reports invalid settings without sending anything", async () => {
    await expect(checkWebhook({ url: "ftp://x", signingSecret: secret })).resolves.toEqual({
      ok: false,
      code: "invalid_config",
      message: "url: The URL must start with https:// or http://",
    });
    expect(receiver.requests).toHaveLength(0);
  });
});

describe("write", () => {
  it("delivers the batch signed, with the custom headers, and accepts every record", async () => {
    const settings = config({ headers: [{ name: "X-Team", value: "growth" }], secretHeaders: [{ name: "Authorization", value: "Bearer t0ken" }] });
    await expect(write(settings)).resolves.toEqual(batch.map(({ key }) => ({ key, status: "accepted" })));
    expect(receiver.payloads.get("u1")).toEqual(batch[0]?.payload);
    expect(receiver.requests[0]).toMatchObject({ batchId: "run.1", keys: ["u1", "u2", "u3"], headers: { "x-team": "growth", authorization: "Bearer t0ken" } });
  });

  it("honours a partial `rejected` list", async () => {
    receiver.poison("u2", "partial", "email missing");
    await expect(write(config())).resolves.toEqual([
      { key: "u1", status: "accepted" },
      { key: "u2", status: "rejected", reason: "email missing", scope: "record" },
      { key: "u3", status: "accepted" },
    ]);
  });

  it("turns a whole-batch 400 and a 413 into batch rejections", async () => {
    const host = new URL(receiver.url).host;
    receiver.poison("u3", "batch", "u3: email is not valid");
    expect((await write(config()))[0]).toEqual({ key: "u1", status: "rejected", scope: "batch", reason: `HTTP 400 from ${host}: u3: email is not valid` });
    const six = Array.from({ length: 6 }, (_, i): DestinationRecord => ({ key: `s${i}`, operation: "upsert", payload: {} }));
    expect((await write(config(), six))[5]).toEqual({ key: "s5", status: "rejected", scope: "batch", reason: `HTTP 413 from ${host}: at most 5 records per batch` });
  });

  it("asks for a retry on 429 (with Retry-After), 500 and a timeout", async () => {
    receiver.script({ status: 429, headers: { "retry-after": "7" }, body: { error: "slow down" } }, { status: 500 }, "hang");
    expect((await write(config()))[0]).toMatchObject({ status: "retry", afterSeconds: 7, reason: expect.stringContaining("HTTP 429") as string });
    expect((await write(config()))[0]).toMatchObject({ status: "retry", afterSeconds: null, reason: expect.stringContaining("HTTP 500") as string });
    expect((await write(config({ timeoutSeconds: 1 })))[0]).toMatchObject({ status: "retry", afterSeconds: null, reason: expect.stringContaining("within 1 s") as string });
    expect(receiver.accepted.size).toBe(0);
  });

  it("throws DestinationRefusedError when the signature does not verify", async () => {
    await expect(write(config({ signingSecret: "not-the-receivers-secret" }))).rejects.toMatchObject({
      name: "DestinationRefusedError",
      code: "auth_failed",
    });
    await expect(write(config({ signingSecret: "not-the-receivers-secret" }))).rejects.toBeInstanceOf(DestinationRefusedError);
  });

  it("stops at once when its signal aborts", async () => {
    receiver.always("hang");
    const controller = new AbortController();
    const pending = write(config(), batch, controller.signal);
    await receiver.waitFor(() => receiver.requests.length === 1);
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    await receiver.waitFor(() => receiver.inFlight() === 0);
  });
});
