/** Opaque secrets handed to people once (API tokens, invite links); only their SHA-256 is stored. */
import crypto from "node:crypto";

export function generateSecret(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(32).toString("base64url")}`;
}

/** Secrets are 256 random bits, so a fast hash is enough: there is nothing to brute-force. */
export function hashSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret).digest("hex");
}
