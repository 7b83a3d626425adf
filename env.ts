/**
 * The one place that reads process.env. Validated once with zod.
 *
 * Zero-setup promise: outside production, a missing AUTH_SECRET or SLUICE_ENCRYPTION_KEY is
 * generated on first run into `<data dir>/secrets.json` and reused afterwards. In production
 * both must be set, and the process refuses to start with a message that says how.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  SLUICE_DATA_DIR: z.string().default(".data"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  SLUICE_ENCRYPTION_KEY: z
    .string()
    .refine((key) => Buffer.from(key, "base64").length === 32, {
      message: "SLUICE_ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)",
    })
    .optional(),
  APP_URL: z.url().default("http://localhost:3000"),
  SLUICE_EMBEDDED_WORKER: booleanFlag.default(true),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Sluice <no-reply@sluice.local>"),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  SLUICE_DEMO_SCALE: z.coerce.number().positive().max(10).default(1),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  /** Seconds between the scheduler's passes (due syncs, stalled runs, log retention) in each worker. */
  SLUICE_SCHEDULER_SECONDS: z.coerce.number().positive().max(300).default(15),
  /** A running run whose worker sent no heartbeat for this long is started again by another worker. */
  SLUICE_RUN_STALE_SECONDS: z.coerce.number().positive().max(3600).default(60),
  /** Sync runs one worker process works on at once. */
  SLUICE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Days a run's row-level log is kept. */
  SLUICE_RUN_LOG_DAYS: z.coerce.number().positive().max(3650).default(30),
});

export type Env = z.infer<typeof EnvSchema> & {
  AUTH_SECRET: string;
  SLUICE_ENCRYPTION_KEY: string;
};

const GeneratedSecrets = z.object({ authSecret: z.string().min(32), encryptionKey: z.string().min(40) });
type GeneratedSecrets = z.infer<typeof GeneratedSecrets>;

function readSecrets(file: string): GeneratedSecrets {
  const parsed = GeneratedSecrets.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file} is damaged. Delete it to generate new development secrets.`);
  return parsed.data;
}

/**
 * Creates the secrets file atomically (written aside, then hard-linked into place), so two
 * processes starting at once agree on one set and never read a half-written file.
 */
function loadOrCreateDevSecrets(dataDir: string): GeneratedSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (fs.existsSync(file)) return readSecrets(file);
  const secrets: GeneratedSecrets = {
    authSecret: crypto.randomBytes(32).toString("base64url"),
    encryptionKey: crypto.randomBytes(32).toString("base64"),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  const draft = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
  fs.writeFileSync(draft, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  try {
    fs.linkSync(draft, file);
    return secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readSecrets(file);
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`).join("\n");
}

/** Checks the variables that are set; secrets may still be missing (e.g. at build time). */
export function validateEnvShape(source: Record<string, string | undefined>): z.infer<typeof EnvSchema> {
  // An empty variable (`DATABASE_URL=`) means "not set".
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = EnvSchema.safeParse(defined);
  if (!parsed.success) {
    throw new Error(`Sluice cannot start: invalid configuration.\n${formatIssues(parsed.error)}`);
  }
  return parsed.data;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const env = validateEnvShape(source);
  if (env.AUTH_SECRET && env.SLUICE_ENCRYPTION_KEY) {
    return { ...env, AUTH_SECRET: env.AUTH_SECRET, SLUICE_ENCRYPTION_KEY: env.SLUICE_ENCRYPTION_KEY };
  }
  if (env.NODE_ENV === "production") {
    const missing = [!env.AUTH_SECRET && "AUTH_SECRET", !env.SLUICE_ENCRYPTION_KEY && "SLUICE_ENCRYPTION_KEY"]
      .filter(Boolean)
      .join(" and ");
    throw new Error(
      `Sluice cannot start in production without ${missing}. ` +
        "Generate them with `openssl rand -base64 32` and set them in the environment.",
    );
  }
  const generated = loadOrCreateDevSecrets(env.SLUICE_DATA_DIR);
  return {
    ...env,
    AUTH_SECRET: env.AUTH_SECRET ?? generated.authSecret,
    SLUICE_ENCRYPTION_KEY: env.SLUICE_ENCRYPTION_KEY ?? generated.encryptionKey,
  };
}

let cached: Env | undefined;

/** The validated environment of this process, parsed on first use. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
