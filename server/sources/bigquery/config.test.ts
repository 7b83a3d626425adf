import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { maximumBytesBilled, parseServiceAccountKey, serviceAccountEmail, ZBigQueryConfig } from "./config";

const { privateKey } = crypto.generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const email = "sluice@acme-analytics.iam.gserviceaccount.com";
/** A key file as Google issues it (fields Sluice does not use included). */
const keyFile = {
  type: "service_account",
  project_id: "acme-analytics",
  private_key_id: "0123456789abcdef",
  private_key: privateKey,
  client_email: email,
  client_id: "1234567890",
  auth_uri: "https://accounts.google.com/o/oauth2/auth",
  token_uri: "https://oauth2.googleapis.com/token",
};

describe("parseServiceAccountKey", () => {
  it("takes the email and key of a service account key file", () => {
    expect(parseServiceAccountKey(JSON.stringify(keyFile, null, 2))).toEqual({
      key: { clientEmail: email, privateKey, privateKeyId: "0123456789abcdef" },
    });
  });

  it.each([
    ["{ not json", "The service account key is not valid JSON. Paste the whole key file."],
    ["[1, 2]", "The service account key must be a JSON object. Paste the whole key file."],
    [
      JSON.stringify({ type: "authorized_user", client_id: "x", refresh_token: "y" }),
      "This credential is of type authorized_user; Sluice needs a service account key (type service_account).",
    ],
    [
      JSON.stringify({ type: "external_account", credential_source: { url: "http://169.254.169.254/" } }),
      "This credential is of type external_account; Sluice needs a service account key (type service_account).",
    ],
    [JSON.stringify({ ...keyFile, client_email: undefined }), "The service account key has no client_email."],
    [JSON.stringify({ ...keyFile, private_key: "" }), "The service account key has no private_key."],
    [
      JSON.stringify({ ...keyFile, private_key: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" }),
      "The private_key of the service account key could not be read.",
    ],
  ])("refuses %s", (json, problem) => {
    expect(parseServiceAccountKey(json)).toEqual({ problem });
  });
});

describe("ZBigQueryConfig", () => {
  const valid = { projectId: "acme-analytics", serviceAccountKey: JSON.stringify(keyFile) };

  it("defaults the location to US and the preview scan limit to 10 GB", () => {
    const config = ZBigQueryConfig.parse(valid);
    expect(config).toMatchObject({ projectId: "acme-analytics", location: "US", previewLimitGb: 10 });
    expect(maximumBytesBilled(config)).toBe("10000000000");
    expect(maximumBytesBilled({ previewLimitGb: 0.5 })).toBe("500000000");
    expect(serviceAccountEmail(config)).toBe(email);
  });

  it("accepts domain-scoped projects and regional locations", () => {
    expect(ZBigQueryConfig.parse({ ...valid, projectId: "example.com:acme-analytics", location: "europe-west2" })).toMatchObject({
      projectId: "example.com:acme-analytics",
      location: "europe-west2",
    });
  });

  it("names the field that is wrong", () => {
    expect(ZBigQueryConfig.safeParse({ ...valid, projectId: "Acme Analytics" }).error?.issues[0]).toMatchObject({ path: ["projectId"] });
    expect(ZBigQueryConfig.safeParse({ ...valid, serviceAccountKey: "{}" }).error?.issues[0]).toMatchObject({
      path: ["serviceAccountKey"],
      message: "The service account key has no client_email.",
    });
    expect(ZBigQueryConfig.safeParse({ ...valid, location: "us central" }).error?.issues[0]).toMatchObject({ path: ["location"] });
    expect(ZBigQueryConfig.safeParse({ ...valid, previewLimitGb: 0 }).error?.issues[0]).toMatchObject({ path: ["previewLimitGb"] });
  });

  it("draws a form with titles and the defaults", () => {
    const schema = z.toJSONSchema(ZBigQueryConfig, { io: "input", unrepresentable: "any" });
    expect(Object.keys(schema.properties ?? {})).toEqual(["projectId", "location", "serviceAccountKey", "defaultDataset", "previewLimitGb"]);
    expect(schema.required).toEqual(["projectId", "serviceAccountKey"]);
    expect(schema.properties?.location).toMatchObject({ default: "US", title: "Dataset location" });
  });
});
