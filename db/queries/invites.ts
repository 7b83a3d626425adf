import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { generateSecret, hashSecret } from "@/server/security/tokens";
import type { Db } from "../client";
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError } from "../errors";
import { invites, INVITE_TTL_DAYS, members, users, workspaces, type MemberRole } from "../schema";
import { normalizeEmail } from "./users";

export type Invite = {
  id: string;
  email: string;
  role: MemberRole;
  expiresAt: Date;
  createdAt: Date;
};

const inviteColumns = {
  id: invites.id,
  email: invites.email,
  role: invites.role,
  expiresAt: invites.expiresAt,
  createdAt: invites.createdAt,
};

/** Creates an invite and returns its one-time token; a pending invite to the same email is replaced. */
export async function createInvite(
  db: Db,
  params: { workspaceId: string; email: string; role: MemberRole; invitedByUserId: string | null; now?: Date },
): Promise<{ invite: Invite; token: string }> {
  const email = normalizeEmail(params.email);
  const now = params.now ?? new Date();
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ userId: members.userId })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.workspaceId, params.workspaceId), eq(users.email, email)));
    if (existing) throw new ConflictError(`${email} is already a member of this workspace.`);
    await tx
      .update(invites)
      .set({ revokedAt: now })
      .where(and(eq(invites.workspaceId, params.workspaceId), eq(invites.email, email), isNull(invites.acceptedAt)));
    const token = generateSecret("inv");
    const [invite] = await tx
      .insert(invites)
      .values({
        workspaceId: params.workspaceId,
        email,
        role: params.role,
        tokenHash: hashSecret(token),
        invitedByUserId: params.invitedByUserId,
        expiresAt: new Date(now.getTime() + INVITE_TTL_DAYS * 24 * 60 * 60 * 1000),
      })
      .returning(inviteColumns);
    if (!invite) throw new Error("Invite insert returned no row");
    return { invite, token };
  });
}

export async function listPendingInvites(db: Db, workspaceId: string, now = new Date()): Promise<Invite[]> {
  return db
    .select(inviteColumns)
    .from(invites)
    .where(
      and(
        eq(invites.workspaceId, workspaceId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, now),
      ),
    )
    .orderBy(desc(invites.createdAt));
}

export async function revokeInvite(db: Db, params: { workspaceId: string; inviteId: string }): Promise<void> {
  const [revoked] = await db
    .update(invites)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invites.workspaceId, params.workspaceId),
        eq(invites.id, params.inviteId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
      ),
    )
    .returning({ id: invites.id });
  if (!revoked) throw new NotFoundError("Invite");
}

export type InviteDetails = Invite & { workspaceId: string; workspaceName: string; workspaceSlug: string };

/** Looks an invite up by its token and explains, in words for the invitee, why it cannot be used. */
export async function getUsableInvite(db: Db, token: string, now = new Date()): Promise<InviteDetails> {
  const [row] = await db
    .select({
      ...inviteColumns,
      acceptedAt: invites.acceptedAt,
      revokedAt: invites.revokedAt,
      workspaceId: workspaces.id,
      workspaceName: workspaces.name,
      workspaceSlug: workspaces.slug,
    })
    .from(invites)
    .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
    .where(eq(invites.tokenHash, hashSecret(token)));
  if (!row) throw new NotFoundError("Invite");
  const { acceptedAt, revokedAt, ...invite } = row;
  if (acceptedAt) throw new InvalidRequestError("This invite has already been used. Sign in to open the workspace.");
  if (revokedAt) throw new InvalidRequestError("This invite was withdrawn. Ask a workspace admin for a new one.");
  if (invite.expiresAt <= now) {
    throw new InvalidRequestError("This invite has expired. Ask a workspace admin to send you a new one.");
  }
  return invite;
}

export async function acceptInvite(
  db: Db,
  params: { token: string; userId: string; userEmail: string; now?: Date },
): Promise<InviteDetails> {
  const invite = await getUsableInvite(db, params.token, params.now);
  if (normalizeEmail(params.userEmail) !== invite.email) {
    throw new ForbiddenError(`This invite was sent to ${invite.email}. Sign in with that email to accept it.`);
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(members)
      .values({ workspaceId: invite.workspaceId, userId: params.userId, role: invite.role })
      .onConflictDoNothing();
    await tx.update(invites).set({ acceptedAt: params.now ?? new Date() }).where(eq(invites.id, invite.id));
  });
  return invite;
}
