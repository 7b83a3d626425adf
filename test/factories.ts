/**
 * Builders for integration tests. Every call makes new rows with unique emails, so a test
 * owns everything it touches and never depends on another test or on leftovers in a shared
 * Postgres database. Users are inserted with a precomputed hash (no bcrypt per user);
 * tests of the sign-up flow itself call signUpWithPassword instead.
 */
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { createApiToken } from "@/db/queries/api-tokens";
import { createUserWithPassword, type PublicUser } from "@/db/queries/users";
import { createWorkspace as insertWorkspace, type Workspace } from "@/db/queries/workspaces";
import { members, type MemberRole } from "@/db/schema";
import { getEnv } from "@/env";
import { createContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { executeRun } from "@/server/engine/run";

/** The password of every factory user; strong enough for the sign-up rule. */
export const TEST_PASSWORD = "correct horse battery staple 42";
/** bcrypt (cost 4) of TEST_PASSWORD. */
const TEST_PASSWORD_HASH = "$2b$04$v83pCd8Oafw.0EVtwbHF4./7h4UAeQ2FrCqskA1WwHpnaGGJChuVm";

export type Caller = ReturnType<typeof createCaller>;

/**
 * Who calls the API: a signed-in person (`user`), an API token sent as a bearer header
 * (`token`), both (the token wins, as in the app), or nobody (`{}`).
 */
export type Actor = { user?: { id: string; email: string }; token?: string };

export function uniqueEmail(label = "user"): string {
  return `${label}-${crypto.randomUUID()}@example.test`;
}

export function createUser(db: Db, params: { name?: string; email?: string } = {}): Promise<PublicUser> {
  const name = params.name ?? "Test user";
  return createUserWithPassword(db, {
    name,
    email: params.email ?? uniqueEmail(name.toLowerCase().replace(/\W+/g, "-")),
    passwordHash: TEST_PASSWORD_HASH,
  });
}

/** A workspace owned by `owner`, with the demo source every workspace starts with. */
export function createWorkspace(db: Db, params: { owner: PublicUser; name?: string }): Promise<Workspace> {
  return insertWorkspace(db, {
    name: params.name ?? "Test workspace",
    ownerUserId: params.owner.id,
    encryptionKey: getEnv().SLUICE_ENCRYPTION_KEY,
  });
}

/** Adds `user` (a new user when omitted) to the workspace with `role`. */
export async function addMember(
  db: Db,
  params: { workspaceId: string; role: MemberRole; user?: PublicUser },
): Promise<PublicUser> {
  const user = params.user ?? (await createUser(db, { name: `Test ${params.role}` }));
  await db.insert(members).values({ workspaceId: params.workspaceId, userId: user.id, role: params.role });
  return user;
}

/** An API token of the workspace; `secret` is what a client sends as `Bearer <secret>`. */
export async function createToken(
  db: Db,
  params: { workspaceId: string; role: Exclude<MemberRole, "owner">; createdBy?: PublicUser },
): Promise<{ id: string; secret: string }> {
  const { apiToken, secret } = await createApiToken(db, {
    workspaceId: params.workspaceId,
    name: `Test ${params.role} token`,
    role: params.role,
    createdByUserId: params.createdBy?.id ?? null,
  });
  return { id: apiToken.id, secret };
}

/** A tRPC caller going through the real context: session lookup or bearer-token authentication. */
export async function callerAs(db: Db, actor: Actor): Promise<Caller> {
  const headers = new Headers();
  if (actor.token !== undefined) headers.set("authorization", `Bearer ${actor.token}`);
  const session = actor.user ? { user: { id: actor.user.id, email: actor.user.email } } : null;
  // Runs started through the API are executed right here, before the call returns.
  const dispatchRun = async (runId: string) => void (await executeRun(db, runId, { heartbeatMs: 200 }));
  return createCaller(await createContext({ db, headers, getSession: () => Promise.resolve(session), dispatchRun }));
}

export type Team = {
  workspace: Workspace;
  users: Record<MemberRole, PublicUser>;
  as: (role: MemberRole) => Promise<Caller>;
};

/** A new workspace with one member of each role. */
export async function createTeam(db: Db): Promise<Team> {
  const owner = await createUser(db, { name: "Test owner" });
  const workspace = await createWorkspace(db, { owner });
  const users: Record<MemberRole, PublicUser> = {
    owner,
    admin: await addMember(db, { workspaceId: workspace.id, role: "admin" }),
    editor: await addMember(db, { workspaceId: workspace.id, role: "editor" }),
    viewer: await addMember(db, { workspaceId: workspace.id, role: "viewer" }),
  };
  return { workspace, users, as: (role) => callerAs(db, { user: users[role] }) };
}
