import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, InvalidRequestError } from "@/db/errors";
import { userPasswords, users } from "@/db/schema";
import { useTestDatabase } from "@/test/database";
import { callerAs, createTeam, createUser, TEST_PASSWORD, uniqueEmail } from "@/test/factories";
import { signUpWithPassword, verifyCredentials } from "./sign-up";

const db = useTestDatabase();

const password = "tundra-violin-7-mosaic";

async function usersWithEmail(email: string) {
  return db().select({ id: users.id }).from(users).where(eq(users.email, email));
}

describe("signUpWithPassword", () => {
  it("creates the account, a personal workspace it owns and the demo warehouse source", async () => {
    const email = uniqueEmail("ada");
    const { user, workspaceSlug } = await signUpWithPassword(db(), { name: "Ada Lovelace", email, password });
    expect(user).toEqual({ id: expect.any(String), email, name: "Ada Lovelace" });

    const api = await callerAs(db(), { user });
    const workspaces = await api.workspace.list();
    expect(workspaces).toEqual([expect.objectContaining({ slug: workspaceSlug, name: "Ada Lovelace's workspace", role: "owner" })]);
    const [workspace] = workspaces;
    const sources = await api.source.list({ workspaceId: workspace?.id ?? "" });
    expect(sources).toEqual([expect.objectContaining({ name: "Demo warehouse", type: "duckdb", isDemo: true })]);
  });

  it("stores the email trimmed and lower-cased, and a bcrypt hash at the configured cost", async () => {
    const email = uniqueEmail("grace");
    const { user } = await signUpWithPassword(db(), { name: "Grace", email: `  ${email.toUpperCase()} `, password });
    expect(user.email).toBe(email);
    const [row] = await db().select({ hash: userPasswords.hash }).from(userPasswords).where(eq(userPasswords.userId, user.id));
    expect(row?.hash).toMatch(/^\$2[aby]\$04\$/);
    expect(row?.hash).not.toContain(password);
  });

  it.each([
    ["the same email", (email: string) => email],
    ["a different case", (email: string) => email.toUpperCase()],
    ["surrounding whitespace", (email: string) => `\t ${email}  `],
  ])("refuses %s twice with a ConflictError, creating nothing", async (_name, variant) => {
    const email = uniqueEmail("twice");
    await signUpWithPassword(db(), { name: "First", email, password });
    const second = signUpWithPassword(db(), { name: "Second", email: variant(email), password });
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    await expect(second).rejects.toThrow("An account with this email already exists. Sign in instead.");
    expect(await usersWithEmail(email)).toHaveLength(1);
  });

  it.each(["password123", "short", "aaaaaaaaaaaa"])("refuses the weak password %j with an InvalidRequestError, creating nothing", async (weak) => {
    const email = uniqueEmail("weak");
    await expect(signUpWithPassword(db(), { name: "Weak", email, password: weak })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(await usersWithEmail(email)).toEqual([]);
  });

  it("refuses the person's own email as password", async () => {
    const email = uniqueEmail("self");
    await expect(signUpWithPassword(db(), { name: "Self", email, password: email })).rejects.toThrow("too easy to guess");
    expect(await usersWithEmail(email)).toEqual([]);
  });

  describe("with an invite", () => {
    it("joins the invited workspace with the invited role and makes no personal workspace", async () => {
      const team = await createTeam(db());
      const email = uniqueEmail("invited");
      const { inviteUrl } = await (await team.as("owner")).invite.create({ workspaceId: team.workspace.id, email, role: "editor" });
      const inviteToken = inviteUrl?.split("/invite/")[1];

      const { user, workspaceSlug } = await signUpWithPassword(db(), { name: "Invited", email, password, inviteToken });
      expect(workspaceSlug).toBe(team.workspace.slug);
      const workspaces = await (await callerAs(db(), { user })).workspace.list();
      expect(workspaces).toEqual([expect.objectContaining({ id: team.workspace.id, role: "editor" })]);
    });

    it("refuses another email with a ForbiddenError naming the invited one, creating nothing", async () => {
      const team = await createTeam(db());
      const invited = uniqueEmail("invited");
      const { inviteUrl } = await (await team.as("owner")).invite.create({ workspaceId: team.workspace.id, email: invited, role: "viewer" });
      const email = uniqueEmail("someone-else");

      const attempt = signUpWithPassword(db(), { name: "Other", email, password, inviteToken: inviteUrl?.split("/invite/")[1] });
      await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
      await expect(attempt).rejects.toThrow(`This invite was sent to ${invited}.`);
      expect(await usersWithEmail(email)).toEqual([]);
    });

    it("refuses an unusable invite before creating the account", async () => {
      const email = uniqueEmail("late");
      await expect(signUpWithPassword(db(), { name: "Late", email, password, inviteToken: "inv_unknown" })).rejects.toThrow(
        "Invite not found",
      );
      expect(await usersWithEmail(email)).toEqual([]);
    });
  });
});

describe("verifyCredentials", () => {
  it("returns the user for the right password, in any email case", async () => {
    const user = await createUser(db());
    await expect(verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD })).resolves.toEqual(user);
    await expect(verifyCredentials(db(), { email: ` ${user.email.toUpperCase()} `, password: TEST_PASSWORD })).resolves.toEqual(user);
  });

  it("returns undefined for a wrong password and for an unknown email", async () => {
    const user = await createUser(db());
    await expect(verifyCredentials(db(), { email: user.email, password: `${TEST_PASSWORD}!` })).resolves.toBeUndefined();
    await expect(verifyCredentials(db(), { email: uniqueEmail("nobody"), password: TEST_PASSWORD })).resolves.toBeUndefined();
  });
});

describe("password hashes", () => {
  it("appear in no API output", async () => {
    const { user } = await signUpWithPassword(db(), { name: "Hidden", email: uniqueEmail("hidden"), password });
    const api = await callerAs(db(), { user });
    const [workspace] = await api.workspace.list();
    const workspaceId = workspace?.id ?? "";
    const outputs = [
      await api.workspace.list(),
      await api.workspace.get({ workspaceId }),
      await api.member.list({ workspaceId }),
      await api.member.updateRole({ workspaceId, userId: user.id, role: "owner" }),
      await api.invite.list({ workspaceId }),
      await api.apiToken.list({ workspaceId }),
    ];
    const [hash] = await db().select({ hash: userPasswords.hash }).from(userPasswords).where(eq(userPasswords.userId, user.id));
    const json = JSON.stringify(outputs);
    expect(json).not.toContain("$2");
    expect(json).not.toContain(hash?.hash ?? "no hash stored");
  });
});
