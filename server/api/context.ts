/**
 * Who is calling: a signed-in user (next-auth session cookie) or an API token
 * (`Authorization: Bearer <token>`). A presented but unknown or revoked token is remembered
 * so the call fails with 401 instead of falling back to the cookie.
 */
import type { Db } from "@/db/client";
import { authenticateApiToken } from "@/db/queries/api-tokens";
import type { MemberRole } from "@/db/schema";

export type Principal =
  | { kind: "user"; userId: string; email: string }
  | { kind: "token"; tokenId: string; workspaceId: string; role: MemberRole };

/** Hands a queued sync run to the workers (the job queue in the app; tests run it in-process). */
export type RunDispatcher = (runId: string) => Promise<void>;

export type Context = {
  db: Db;
  principal: Principal | null;
  rejectedToken: boolean;
  dispatchRun: RunDispatcher;
};

type SessionLike = { user: { id: string; email: string } } | null;

export function bearerToken(headers: Headers): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match?.[1];
}

export async function createContext(params: {
  db: Db;
  headers: Headers;
  getSession: () => Promise<SessionLike>;
  dispatchRun: RunDispatcher;
}): Promise<Context> {
  const { db, dispatchRun } = params;
  const token = bearerToken(params.headers);
  if (token) {
    const granted = await authenticateApiToken(db, token);
    return { db, dispatchRun, principal: granted ? { kind: "token", ...granted } : null, rejectedToken: !granted };
  }
  const session = await params.getSession();
  return {
    db,
    dispatchRun,
    principal: session?.user.id ? { kind: "user", userId: session.user.id, email: session.user.email } : null,
    rejectedToken: false,
  };
}
