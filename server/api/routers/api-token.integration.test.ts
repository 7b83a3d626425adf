import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens } from "@/db/schema";
import { hashSecret } from "@/server/security/tokens";
import { useTestDatabase } from "@/test/database";
import { callerAs, createTeam, createToken, uniqueEmail } from "@/test/factories";

const db = useTestDatabase();

describe("apiToken.create / apiToken.list", () => {
  it("returns the secret once; the list never shows the secret or its hash", async () => {
    const team = await createTeam(db());
    const api = await team.as("admin");
    const workspaceId = team.workspace.id;

    const created = await api.apiToken.create({ workspaceId, name: "  Warehouse loader  ", role: "editor" });
    expect(created.secret).toMatch(/^sluice_[\w-]{43}$/);
    expect(created.apiToken).toMatchObject({ name: "Warehouse loader", role: "editor", lastUsedAt: null });
    expect(created.secret.startsWith(created.apiToken.prefix)).toBe(true);

    const listed = await api.apiToken.list({ workspaceId });
    expect(listed).toEqual([created.apiToken]);
    const [row] = await db()
      .select({ hash: apiTokens.tokenHash })
      .from(apiTokens)
      .where(eq(apiTokens.id, created.apiToken.id));
    expect(row?.hash).toBe(hashSecret(created.secret));
    const json = JSON.stringify(listed);
    expect(json).not.toContain(created.secret);
    expect(json).not.toContain(hashSecret(created.secret));
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix", "role"]);
  });

  it("refuses owner tokens (BAD_REQUEST) for everyone, and an empty name", async () => {
    const team = await createTeam(db());
    const api = await team.as("owner");
    const workspaceId = team.workspace.id;
    // @ts-expect-error the input type already leaves owner out; the server must refuse it too.
    const ownerToken = api.apiToken.create({ workspaceId, name: "Root", role: "owner" });
    await expect(ownerToken).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const unnamed = api.apiToken.create({ workspaceId, name: "   ", role: "viewer" });
    await expect(unnamed).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(unnamed).rejects.toThrow("Name the token after what will use it.");
    expect(await api.apiToken.list({ workspaceId })).toEqual([]);
  });
});

describe("calling with a token", () => {
  it("acts with the token's role: a viewer token can read but not invite", async () => {
    const team = await createTeam(db());
    const workspaceId = team.workspace.id;
    const admin = await team.as("admin");
    const { secret } = await admin.apiToken.create({ workspaceId, name: "Dashboard", role: "viewer" });
    const api = await callerAs(db(), { token: secret });

    await expect(api.workspace.get({ workspaceId })).resolves.toMatchObject({ id: workspaceId, role: "viewer" });
    expect(await api.member.list({ workspaceId })).toHaveLength(4);
    await expect(api.invite.create({ workspaceId, email: uniqueEmail(), role: "viewer" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await (await team.as("owner")).invite.list({ workspaceId })).toEqual([]);
  });

  it("an admin token can invite, and the invite has no inviting user", async () => {
    const team = await createTeam(db());
    const workspaceId = team.workspace.id;
    const token = await createToken(db(), { workspaceId, role: "admin" });
    const api = await callerAs(db(), { token: token.secret });
    const email = uniqueEmail("from-token");
    await expect(api.invite.create({ workspaceId, email, role: "editor" })).resolves.toMatchObject({
      invite: { email, role: "editor" },
      emailed: false,
    });
  });

  it("records when the token was last used", async () => {
    const team = await createTeam(db());
    const workspaceId = team.workspace.id;
    const token = await createToken(db(), { workspaceId, role: "viewer" });
    await (await callerAs(db(), { token: token.secret })).workspace.get({ workspaceId });
    const [listed] = await (await team.as("admin")).apiToken.list({ workspaceId });
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("cannot see another workspace (NOT_FOUND), even one its creator belongs to", async () => {
    const team = await createTeam(db());
    const other = await createTeam(db());
    const otherOwner = await other.as("owner");
    await otherOwner.invite.create({ workspaceId: other.workspace.id, email: uniqueEmail(), role: "viewer" });
    const token = await createToken(db(), {
      workspaceId: team.workspace.id,
      role: "admin",
      createdBy: team.users.owner,
    });
    const api = await callerAs(db(), { token: token.secret });
    await expect(api.workspace.get({ workspaceId: other.workspace.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.member.list({ workspaceId: other.workspace.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.invite.list({ workspaceId: other.workspace.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("workspace.list returns only the token's workspace, with the token's role", async () => {
    const team = await createTeam(db());
    await (await team.as("owner")).workspace.create({ name: "Second workspace" });
    const token = await createToken(db(), {
      workspaceId: team.workspace.id,
      role: "editor",
      createdBy: team.users.owner,
    });
    const workspaces = await (await callerAs(db(), { token: token.secret })).workspace.list();
    expect(workspaces).toMatchObject([{ id: team.workspace.id, role: "editor" }]);
    expect(workspaces).toHaveLength(1);
  });

  it("cannot do what needs a person: create a workspace or accept an invite", async () => {
    const team = await createTeam(db());
    const token = await createToken(db(), { workspaceId: team.workspace.id, role: "admin" });
    const api = await callerAs(db(), { token: token.secret });
    await expect(api.workspace.create({ name: "Token's own" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.invite.accept({ token: "inv_whatever" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a revoked token is UNAUTHORIZED and leaves the list", async () => {
    const team = await createTeam(db());
    const workspaceId = team.workspace.id;
    const admin = await team.as("admin");
    const { apiToken, secret } = await admin.apiToken.create({ workspaceId, name: "Old job", role: "admin" });
    await admin.apiToken.revoke({ workspaceId, tokenId: apiToken.id });

    const api = await callerAs(db(), { token: secret });
    await expect(api.workspace.get({ workspaceId })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "This API token is not valid or has been revoked.",
    });
    await expect(api.workspace.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await admin.apiToken.list({ workspaceId })).toEqual([]);
    await expect(admin.apiToken.revoke({ workspaceId, tokenId: apiToken.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("an unknown token is UNAUTHORIZED, even when a session is present", async () => {
    const team = await createTeam(db());
    const api = await callerAs(db(), { token: "sluice_not-a-real-token", user: team.users.owner });
    await expect(api.workspace.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(api.workspace.get({ workspaceId: team.workspace.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("nobody signed in is UNAUTHORIZED", async () => {
    const team = await createTeam(db());
    const api = await callerAs(db(), {});
    await expect(api.workspace.list()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "Sign in or send an API token.",
    });
    await expect(api.member.list({ workspaceId: team.workspace.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
