import crypto from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { NotFoundError } from "../errors";
import { members, workspaces, type MemberRole } from "../schema";
import { createDemoSource } from "./sources";

export type Workspace = typeof workspaces.$inferSelect;

function slugFor(name: string): string {
  const base = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "workspace"}-${crypto.randomBytes(3).toString("hex")}`;
}

/** A new workspace with its owner and the demo warehouse source every workspace starts with. */
export async function createWorkspace(
  db: Db,
  params: { name: string; ownerUserId: string; encryptionKey: string },
): Promise<Workspace> {
  return db.transaction(async (tx) => {
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: params.name, slug: slugFor(params.name) })
      .returning();
    if (!workspace) throw new Error("Workspace insert returned no row");
    await tx.insert(members).values({ workspaceId: workspace.id, userId: params.ownerUserId, role: "owner" });
    await createDemoSource(tx, { workspaceId: workspace.id, encryptionKey: params.encryptionKey });
    return workspace;
  });
}

export async function listWorkspacesForUser(
  db: Db,
  userId: string,
): Promise<(Workspace & { role: MemberRole })[]> {
  const rows = await db
    .select({ workspace: workspaces, role: members.role })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(eq(members.userId, userId))
    .orderBy(asc(workspaces.createdAt));
  return rows.map((row) => ({ ...row.workspace, role: row.role }));
}

export async function getWorkspace(db: Db, workspaceId: string): Promise<Workspace> {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!workspace) throw new NotFoundError("Workspace");
  return workspace;
}

export async function getMemberRole(
  db: Db,
  params: { workspaceId: string; userId: string },
): Promise<MemberRole | undefined> {
  const [row] = await db
    .select({ role: members.role })
    .from(members)
    .where(and(eq(members.workspaceId, params.workspaceId), eq(members.userId, params.userId)));
  return row?.role;
}

export async function renameWorkspace(db: Db, params: { workspaceId: string; name: string }): Promise<Workspace> {
  const [workspace] = await db
    .update(workspaces)
    .set({ name: params.name })
    .where(eq(workspaces.id, params.workspaceId))
    .returning();
  if (!workspace) throw new NotFoundError("Workspace");
  return workspace;
}
