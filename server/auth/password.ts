/** Password hashing (bcrypt) and the strength rule applied at sign-up. */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import bcrypt from "bcryptjs";

export const MIN_PASSWORD_LENGTH = 10;
/** bcrypt only reads the first 72 bytes; longer input would give a false sense of strength. */
export const MAX_PASSWORD_BYTES = 72;

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** Returns why a password is too weak, or null when it is acceptable. */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (Buffer.byteLength(password, "utf8") > MAX_PASSWORD_BYTES) {
    return `Use at most ${MAX_PASSWORD_BYTES} bytes.`;
  }
  // Separators add little real strength ("zorblax.quintavius"), so judge the password without them too.
  const compact = password.replace(/[\s._+-]+/g, "");
  const results = [password, compact].map((candidate) => zxcvbn.check(candidate, userInputs));
  const result = results.reduce((weakest, next) => (next.score < weakest.score ? next : weakest));
  if (result.score >= 3) return null;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0];
  return `This password is too easy to guess.${hint ? ` ${hint}` : ""} Try a longer phrase of unrelated words.`;
}
