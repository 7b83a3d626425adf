import { and, asc, count, eq } from "drizzle-orm";
import { roleChangeRefusal } from "@/server/auth/roles";
import type { Db } from "../client";
import { ForbiddenError, InvalidRequestError, NotFoundError } from "../errors";
import { members, users, workspaces, type MemberRole } from "../schema";

export type Member = { userId: string; email: string; name: string | null; role: MemberRole; joinedAt: Date };

function selectMembers(db: Db) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: members.role, joinedAt: members.createdAt })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId));
}

export async function listMembers(db: Db, workspaceId: string): Promise<Member[]> {
  return selectMembers(db).where(eq(members.workspaceId, workspaceId)).orderBy(asc(members.createdAt));
}

async function getMember(db: Db, params: { workspaceId: string; userId: string }): Promise<Member> {
  const [member] = await selectMembers(db).where(
    and(eq(members.workspaceId, params.workspaceId), eq(members.userId, params.userId)),
  );
  if (!member) throw new NotFoundError("Member");
  return member;
}

async function assertNotLastOwner(db: Db, workspaceId: string, member: Member): Promise<void> {
  if (member.role !== "owner") return;
  const [row] = await db
    .select({ owners: count() })
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.role, "owner")));
  if ((row?.owners ?? 0) <= 1) {
    throw new InvalidRequestError("A workspace needs at least one owner. Make someone else an owner first.");
  }
}

/**
 * Runs a membership change with the workspace row locked, so concurrent changes are applied
 * one after another and the "at least one owner" check cannot be raced.
 */
async function withWorkspaceLocked<T>(db: Db, workspaceId: string, change: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for("update");
    return change(tx);
  });
}

export async function updateMemberRole(
  db: Db,
  params: { workspaceId: string; userId: string; role: MemberRole; actorRole: MemberRole },
): Promise<Member> {
  return withWorkspaceLocked(db, params.workspaceId, async (tx) => {
    const member = await getMember(tx, params);
    const refusal = roleChangeRefusal(params.actorRole, member.role, params.role);
    if (refusal) throw new ForbiddenError(refusal);
    if (params.role !== "owner") await assertNotLastOwner(tx, params.workspaceId, member);
    await tx
      .update(members)
      .set({ role: params.role })
      .where(and(eq(members.workspaceId, params.workspaceId), eq(members.userId, params.userId)));
    return { ...member, role: params.role };
  });
}

export async function removeMember(
  db: Db,
  params: { workspaceId: string; userId: string; actorRole: MemberRole },
): Promise<void> {
  await withWorkspaceLocked(db, params.workspaceId, async (tx) => {
    const member = await getMember(tx, params);
    const refusal = roleChangeRefusal(params.actorRole, member.role, "viewer");
    if (refusal) throw new ForbiddenError(refusal);
    await assertNotLastOwner(tx, params.workspaceId, member);
    await tx
      .delete(members)
      .where(and(eq(members.workspaceId, params.workspaceId), eq(members.userId, params.userId)));
  });
}
