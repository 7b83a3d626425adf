/**
 * BigQuery connection settings. Sluice signs in with a service account key; only the fields it
 * needs are taken from the pasted JSON (a service_account key, never another credential type,
 * which could make the auth library call URLs named in the file).
 *
 * Read-only access: grant the service account BigQuery Job User on the project and BigQuery Data
 * Viewer on the datasets. Model SQL runs as a subquery, one statement, so it cannot be DDL/DML.
 */
import crypto from "node:crypto";
import { z } from "zod";

export type ServiceAccountKey = { clientEmail: string; privateKey: string; privateKeyId?: string };

/** The key's fields Sluice uses, or why the pasted text is not a usable service account key. */
export function parseServiceAccountKey(json: string): { key: ServiceAccountKey } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { problem: "The service account key is not valid JSON. Paste the whole key file." };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { problem: "The service account key must be a JSON object. Paste the whole key file." };
  }
  const get = (name: string): unknown => Reflect.get(parsed, name);
  const type = get("type");
  if (type !== undefined && type !== "service_account") {
    const kind = typeof type === "string" ? `of type ${type}` : "not a service account key";
    return { problem: `This credential is ${kind}; Sluice needs a service account key (type service_account).` };
  }
  const clientEmail = get("client_email");
  const privateKey = get("private_key");
  const privateKeyId = get("private_key_id");
  if (typeof clientEmail !== "string" || !clientEmail.includes("@")) {
    return { problem: "The service account key has no client_email." };
  }
  if (typeof privateKey !== "string" || !privateKey.includes("-----BEGIN")) {
    return { problem: "The service account key has no private_key." };
  }
  try {
    crypto.createPrivateKey({ key: privateKey, format: "pem" });
  } catch {
    return { problem: "The private_key of the service account key could not be read." };
  }
  return { key: { clientEmail, privateKey, privateKeyId: typeof privateKeyId === "string" ? privateKeyId : undefined } };
}

/** Project ids (`my-project-123`), optionally domain-scoped (`example.com:my-project`). */
const PROJECT_PATTERN = /^([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

export const ZBigQueryConfig = z.object({
  projectId: z
    .string()
    .trim()
    .min(1, "Enter the project ID.")
    .regex(PROJECT_PATTERN, "Use the project ID (e.g. my-project-123), not its name or number.")
    .meta({ title: "Project ID", description: "The project that runs, and is billed for, Sluice's queries." }),
  location: z
    .string()
    .trim()
    .min(1, "Enter the dataset location.")
    .regex(/^[A-Za-z0-9-]+$/, "Use a location such as US, EU or europe-west2.")
    .default("US")
    .meta({ title: "Dataset location", description: "Where the datasets live: US, EU or a region such as europe-west2." }),
  serviceAccountKey: z
    .string()
    .trim()
    .min(1, "Paste the service account key.")
    .superRefine((json, context) => {
      const parsed = parseServiceAccountKey(json);
      if ("problem" in parsed) context.addIssue({ code: "custom", message: parsed.problem });
    })
    .meta({
      title: "Service account key",
      description: "The JSON key file of a service account with BigQuery Job User and BigQuery Data Viewer.",
    }),
  defaultDataset: z
    .string()
    .trim()
    .optional()
    .meta({ title: "Default dataset", description: "Dataset for unqualified table names in model SQL." }),
  previewLimitGb: z
    .number()
    .positive("Enter a positive number of GB.")
    .max(100_000)
    .default(10)
    .meta({
      title: "Preview scan limit (GB)",
      description: "Largest scan a preview, key check or table listing may bill. Syncs are not limited.",
    }),
});

export type BigQueryConfig = z.output<typeof ZBigQueryConfig>;
export const BIGQUERY_SECRET_FIELDS = ["serviceAccountKey"] as const;

/** Bytes a guarded job may bill (`maximumBytesBilled`), as the API's int64 string. */
export function maximumBytesBilled(config: Pick<BigQueryConfig, "previewLimitGb">): string {
  return String(Math.round(config.previewLimitGb * 1e9));
}

/** The key's service account email, for messages ("the key of …"). */
export function serviceAccountEmail(config: Pick<BigQueryConfig, "serviceAccountKey">): string {
  const parsed = parseServiceAccountKey(config.serviceAccountKey);
  return "key" in parsed ? parsed.key.clientEmail : "the service account";
}
