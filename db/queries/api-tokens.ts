import { and, desc, eq, isNull } from "drizzle-orm";
import { generateSecret, hashSecret } from "@/server/security/tokens";
import type { Db } from "../client";
import { NotFoundError } from "../errors";
import { apiTokens, type MemberRole } from "../schema";

export type ApiToken = {
  id: string;
  name: string;
  role: MemberRole;
  prefix: string;
  lastUsedAt: Date | null;
  createdAt: Date;
};

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  role: apiTokens.role,
  prefix: apiTokens.prefix,
  lastUsedAt: apiTokens.lastUsedAt,
  createdAt: apiTokens.createdAt,
};

/** Creates a token; the plain secret is returned here once and never again. */
export async function createApiToken(
  db: Db,
  params: { workspaceId: string; name: string; role: MemberRole; createdByUserId: string | null },
): Promise<{ apiToken: ApiToken; secret: string }> {
  const secret = generateSecret("sluice");
  const [apiToken] = await db
    .insert(apiTokens)
    .values({
      workspaceId: params.workspaceId,
      name: params.name,
      role: params.role,
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, 12),
      createdByUserId: params.createdByUserId,
    })
    .returning(tokenColumns);
  if (!apiToken) throw new Error("API token insert returned no row");
  return { apiToken, secret };
}

export async function listApiTokens(db: Db, workspaceId: string): Promise<ApiToken[]> {
  return db
    .select(tokenColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.workspaceId, workspaceId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db, params: { workspaceId: string; tokenId: string }): Promise<void> {
  const [revoked] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(apiTokens.workspaceId, params.workspaceId), eq(apiTokens.id, params.tokenId), isNull(apiTokens.revokedAt)),
    )
    .returning({ id: apiTokens.id });
  if (!revoked) throw new NotFoundError("API token");
}

/** The workspace and role a presented secret grants, or undefined if it is unknown or revoked. */
export async function authenticateApiToken(
  db: Db,
  secret: string,
): Promise<{ tokenId: string; workspaceId: string; role: MemberRole } | undefined> {
  const [token] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, hashSecret(secret)), isNull(apiTokens.revokedAt)))
    .returning({ tokenId: apiTokens.id, workspaceId: apiTokens.workspaceId, role: apiTokens.role });
  return token;
}
