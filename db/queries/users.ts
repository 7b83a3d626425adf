import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { ConflictError } from "../errors";
import { userPasswords, users } from "../schema";

export type PublicUser = { id: string; email: string; name: string | null };

const publicColumns = { id: users.id, email: users.email, name: users.name };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUserWithPassword(
  db: Db,
  params: { email: string; name: string; passwordHash: string },
): Promise<PublicUser> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: normalizeEmail(params.email), name: params.name })
      .onConflictDoNothing({ target: users.email })
      .returning(publicColumns);
    if (!user) throw new ConflictError("An account with this email already exists. Sign in instead.");
    await tx.insert(userPasswords).values({ userId: user.id, hash: params.passwordHash });
    return user;
  });
}

/** The user and their password hash, for sign-in only. Never return this to a client. */
export async function findUserCredentials(
  db: Db,
  email: string,
): Promise<{ user: PublicUser; passwordHash: string } | undefined> {
  const [row] = await db
    .select({ ...publicColumns, passwordHash: userPasswords.hash })
    .from(users)
    .innerJoin(userPasswords, eq(userPasswords.userId, users.id))
    .where(eq(users.email, normalizeEmail(email)));
  if (!row) return undefined;
  const { passwordHash, ...user } = row;
  return { user, passwordHash };
}

export async function getUser(db: Db, userId: string): Promise<PublicUser | undefined> {
  const [user] = await db.select(publicColumns).from(users).where(eq(users.id, userId));
  return user;
}
