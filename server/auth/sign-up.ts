/** Creating accounts and checking passwords; the one path both the UI and tests use. */
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { ForbiddenError, InvalidRequestError } from "@/db/errors";
import { acceptInvite, getUsableInvite } from "@/db/queries/invites";
import { createUserWithPassword, findUserCredentials, normalizeEmail, type PublicUser } from "@/db/queries/users";
import { createWorkspace } from "@/db/queries/workspaces";
import { getEnv } from "@/env";
import { hashPassword, passwordWeakness, verifyPassword } from "./password";

let dummyHash: Promise<string> | undefined;

/** Compared against when the email is unknown, so both failures take the same time. */
function hashForUnknownUsers(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString("hex"), getEnv().BCRYPT_COST);
  return dummyHash;
}

/** Words of the person's name and email, which a password must not be built from. */
function personalWords(name: string, email: string): string[] {
  const local = email.split("@")[0] ?? "";
  const words = [name, email, local, ...name.split(/\s+/), ...local.split(/[._+-]+/)];
  return words.map((word) => word.toLowerCase()).filter((word) => word.length > 2);
}

export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string },
): Promise<PublicUser | undefined> {
  const found = await findUserCredentials(db, input.email);
  const matches = await verifyPassword(input.password, found?.passwordHash ?? (await hashForUnknownUsers()));
  return found && matches ? found.user : undefined;
}

export async function createPersonalWorkspace(db: Db, user: { id: string; name: string | null; email: string }) {
  const owner = user.name?.trim() || user.email.split("@")[0] || "My";
  return createWorkspace(db, {
    name: `${owner}'s workspace`,
    ownerUserId: user.id,
    encryptionKey: getEnv().SLUICE_ENCRYPTION_KEY,
  });
}

/**
 * Creates the account and returns the slug of the workspace to open: the one the invite is
 * for, or a new personal workspace.
 */
export async function signUpWithPassword(
  db: Db,
  input: { name: string; email: string; password: string; inviteToken?: string },
): Promise<{ user: PublicUser; workspaceSlug: string }> {
  const weakness = passwordWeakness(input.password, personalWords(input.name, input.email));
  if (weakness) throw new InvalidRequestError(weakness);
  // Check the invite before creating anything, so a bad invite leaves no half-made account.
  if (input.inviteToken) {
    const invite = await getUsableInvite(db, input.inviteToken);
    if (invite.email !== normalizeEmail(input.email)) {
      throw new ForbiddenError(`This invite was sent to ${invite.email}. Sign up with that email to accept it.`);
    }
  }
  const passwordHash = await hashPassword(input.password, getEnv().BCRYPT_COST);
  const user = await createUserWithPassword(db, { email: input.email, name: input.name, passwordHash });
  if (input.inviteToken) {
    const invite = await acceptInvite(db, { token: input.inviteToken, userId: user.id, userEmail: user.email });
    return { user, workspaceSlug: invite.workspaceSlug };
  }
  const workspace = await createPersonalWorkspace(db, user);
  return { user, workspaceSlug: workspace.slug };
}
