/**
 * Snowflake connection settings. The zod schema drives the form (one variant per way to sign in)
 * and accepts what people paste: a whole account URL, or a PEM key whose line breaks a one-line
 * field removed.
 *
 * Read-only access: Snowflake has no read-only session or transaction, so the role is what keeps
 * Sluice read-only. Use a role that only has USAGE on the warehouse, database and schemas and
 * SELECT on the tables and views; model SQL additionally runs as a subquery, one statement at a
 * time (MULTI_STATEMENT_COUNT = 1), so it cannot be a DDL or DML statement.
 */
import crypto from "node:crypto";
import type { ConnectionOptions } from "snowflake-sdk";
import { z } from "zod";

/** The host part Snowflake's SDK accepts (letters, digits, `_`, separated by `.` or `-`). */
const ACCOUNT_PATTERN = /^\w+([.-]\w+)*$/;

/** `https://xy12345.eu-west-1.snowflakecomputing.com/` → `xy12345.eu-west-1`. */
export function normalizeAccount(input: string): string {
  return input
    .trim()
    .replace(/^https?:\/\//i, "")
    .replace(/[/?#].*$/, "")
    .replace(/\.snowflakecomputing\.(com|cn)$/i, "");
}

/**
 * Re-wraps a PEM block whose line breaks were lost (a one-line input drops them). Blocks with
 * headers (legacy encrypted PKCS#1 keys) are left as typed.
 */
export function normalizePem(input: string): string {
  const text = input.trim();
  const match = /^-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----$/.exec(text);
  const label = match?.[1];
  const body = match?.[2];
  if (label === undefined || body === undefined || body.includes(":")) return text;
  const lines = body.replace(/\s+/g, "").match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join("\n") + "\n";
}

/** Why Node cannot use this private key with this passphrase, or null when it can. */
export function privateKeyProblem(pem: string, passphrase: string | undefined): string | null {
  if (!pem.includes("-----BEGIN")) return "Paste the private key in PEM format (it starts with -----BEGIN PRIVATE KEY-----).";
  const encrypted = pem.includes("-----BEGIN ENCRYPTED PRIVATE KEY-----") || pem.includes("Proc-Type: 4,ENCRYPTED");
  if (encrypted && !passphrase) return "The private key is encrypted: enter its passphrase.";
  try {
    crypto.createPrivateKey({ key: pem, format: "pem", passphrase: passphrase || undefined });
    return null;
  } catch {
    return encrypted
      ? "The passphrase does not unlock the private key."
      : "The private key could not be read. Paste the whole PEM block of an RSA private key.";
  }
}

const name = (title: string, description: string) => z.string().trim().min(1, `Enter the ${title.toLowerCase()}.`).meta({ title, description });
const optionalName = (title: string, description: string) => z.string().trim().optional().meta({ title, description });

const common = {
  account: z
    .string()
    .overwrite(normalizeAccount)
    .min(1, "Enter the account identifier.")
    .regex(ACCOUNT_PATTERN, "Use the account identifier, e.g. myorg-myaccount or xy12345.us-east-1.")
    .meta({
      title: "Account identifier",
      description: "The part before .snowflakecomputing.com, e.g. myorg-myaccount or xy12345.us-east-1.",
    }),
  username: name("Username", "The Snowflake user Sluice signs in as."),
};
const placement = {
  warehouse: name("Warehouse", "The virtual warehouse that runs Sluice's queries."),
  database: name("Database", "Tables and views of this database are listed. Unquoted names are case-insensitive."),
  schema: optionalName("Schema", "Default schema for unqualified table names in model SQL."),
  role: optionalName(
    "Role",
    "Snowflake has no read-only sessions: use a role with only USAGE and SELECT grants. Empty: the user's default role.",
  ),
};

const ZPasswordAuth = z
  .object({
    auth: z.literal("password"),
    ...common,
    password: z.string().min(1, "Enter the password.").meta({ title: "Password" }),
    ...placement,
  })
  .meta({ title: "Password" });

const ZKeyPairAuth = z
  .object({
    auth: z.literal("key_pair"),
    ...common,
    privateKey: z
      .string()
      .overwrite(normalizePem)
      .min(1, "Paste the private key.")
      .meta({ title: "Private key", description: "PEM private key whose public key is set on the user (RSA_PUBLIC_KEY)." }),
    privateKeyPassphrase: z.string().optional().meta({ title: "Private key passphrase", description: "Only for an encrypted key." }),
    ...placement,
  })
  .meta({ title: "Key pair" })
  .superRefine((config, context) => {
    const problem = privateKeyProblem(config.privateKey, config.privateKeyPassphrase);
    if (problem) context.addIssue({ code: "custom", path: ["privateKey"], message: problem });
  });

export const ZSnowflakeConfig = z.discriminatedUnion("auth", [ZPasswordAuth, ZKeyPairAuth]);

/** The settings, with every secret field named so `secretFields` can list them. */
export type SnowflakeConfig = z.output<typeof ZSnowflakeConfig> & {
  password?: string;
  privateKey?: string;
  privateKeyPassphrase?: string;
};

export const SNOWFLAKE_SECRET_FIELDS = ["password", "privateKey", "privateKeyPassphrase"] as const;

/** The host Sluice talks to, for messages. */
export function snowflakeHost(config: Pick<SnowflakeConfig, "account">): string {
  return `${config.account}.snowflakecomputing.com`;
}

/** The SDK's connection options for these settings (no network, no secrets logged). */
export function connectionOptions(config: SnowflakeConfig): ConnectionOptions {
  const base: ConnectionOptions = {
    account: config.account,
    username: config.username,
    warehouse: config.warehouse,
    database: config.database,
    schema: config.schema || undefined,
    role: config.role || undefined,
    application: "Sluice",
    // Numbers are fetched as strings (exact); without this a NULL number would read as "NULL".
    representNullAsStringNull: false,
  };
  if (config.auth === "key_pair") {
    return {
      ...base,
      authenticator: "SNOWFLAKE_JWT",
      privateKey: config.privateKey,
      privateKeyPass: config.privateKeyPassphrase || undefined,
    };
  }
  return { ...base, password: config.password };
}
