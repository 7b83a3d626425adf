import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, InvalidRequestError } from "@/db/errors";
import { userPasswords, users } from "@/db/schema";
import { useTestDatabase } from "@/test/database";
import { callerAs, createTeam, createUser, TEST_PASSWORD, uniqueEmail, type Team } from "@/test/factories";
import { signUpWithPassword, verifyCredentials } from "./sign-up";

const db = useTestDatabase();

const password = "tundra-violin-7-mosaic";

function usersWithEmail(email: string) {
  return db().select({ id: users.id }).from(users).where(eq(users.email, email));
}

async function passwordHashOf(userId: string): Promise<string | undefined> {
  const [row] = await db()
    .select({ hash: userPasswords.hash })
    .from(userPasswords)
    .where(eq(userPasswords.userId, userId));
  return row?.hash;
}

/** Invites `email` to the team's workspace and returns the token from the shareable link. */
async function inviteToken(team: Team, email: string, role: "viewer" | "editor"): Promise<string | undefined> {
  const owner = await team.as("owner");
  const { inviteUrl } = await owner.invite.create({ workspaceId: team.workspace.id, email, role });
  return inviteUrl?.split("/invite/")[1];
}

describe("signUpWithPassword", () => {
  it("creates the account, a personal workspace it owns and the demo warehouse source", async () => {
    const email = uniqueEmail("ada");
    const { user, workspaceSlug } = await signUpWithPassword(db(), { name: "Ada Lovelace", email, password });
    expect(user).toMatchObject({ email, name: "Ada Lovelace" });

    const api = await callerAs(db(), { user });
    const workspaces = await api.workspace.list();
    expect(workspaces).toMatchObject([{ slug: workspaceSlug, name: "Ada Lovelace's workspace", role: "owner" }]);
    expect(workspaces).toHaveLength(1);
    const sources = await api.source.list({ workspaceId: workspaces[0]?.id ?? "" });
    expect(sources).toMatchObject([{ name: "Demo warehouse", type: "duckdb", managed: "demo" }]);
    expect(sources).toHaveLength(1);
  });

  it("stores the email trimmed and lower-cased, and a bcrypt hash at the configured cost", async () => {
    const email = uniqueEmail("grace");
    const { user } = await signUpWithPassword(db(), { name: "Grace", email: `  ${email.toUpperCase()} `, password });
    expect(user.email).toBe(email);
    const hash = await passwordHashOf(user.id);
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    expect(hash).not.toContain(password);
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

  it.each(["password123", "short", "aaaaaaaaaaaa"])(
    "refuses the weak password %j with an InvalidRequestError, creating nothing",
    async (weak) => {
      const email = uniqueEmail("weak");
      const attempt = signUpWithPassword(db(), { name: "Weak", email, password: weak });
      await expect(attempt).rejects.toBeInstanceOf(InvalidRequestError);
      expect(await usersWithEmail(email)).toEqual([]);
    },
  );

  it("refuses the person's own email as password", async () => {
    const email = uniqueEmail("self");
    const attempt = signUpWithPassword(db(), { name: "Self", email, password: email });
    await expect(attempt).rejects.toThrow("too easy to guess");
    expect(await usersWithEmail(email)).toEqual([]);
  });

  it.each(["zorblaxquintavius", "zorblax.quintavius", "quintavius-zorblax"])(
    "refuses a password made of the person's name (%s)",
    async (password) => {
      const email = uniqueEmail("zorblax");
      const attempt = signUpWithPassword(db(), { name: "Zorblax Quintavius", email, password });
      await expect(attempt).rejects.toThrow("too easy to guess");
      expect(await usersWithEmail(email)).toEqual([]);
    },
  );

  describe("with an invite", () => {
    it("joins the invited workspace with the invited role and makes no personal workspace", async () => {
      const team = await createTeam(db());
      const email = uniqueEmail("invited");
      const token = await inviteToken(team, email, "editor");

      const signUp = { name: "Invited", email, password, inviteToken: token };
      const { user, workspaceSlug } = await signUpWithPassword(db(), signUp);
      expect(workspaceSlug).toBe(team.workspace.slug);
      const workspaces = await (await callerAs(db(), { user })).workspace.list();
      expect(workspaces.map((workspace) => [workspace.id, workspace.role])).toEqual([[team.workspace.id, "editor"]]);
    });

    it("refuses another email with a ForbiddenError naming the invited one, creating nothing", async () => {
      const team = await createTeam(db());
      const invited = uniqueEmail("invited");
      const token = await inviteToken(team, invited, "viewer");
      const email = uniqueEmail("someone-else");

      const attempt = signUpWithPassword(db(), { name: "Other", email, password, inviteToken: token });
      await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
      await expect(attempt).rejects.toThrow(`This invite was sent to ${invited}.`);
      expect(await usersWithEmail(email)).toEqual([]);
    });

    it("refuses an unknown invite before creating the account", async () => {
      const email = uniqueEmail("late");
      const attempt = signUpWithPassword(db(), { name: "Late", email, password, inviteToken: "inv_unknown" });
      await expect(attempt).rejects.toThrow("Invite not found");
      expect(await usersWithEmail(email)).toEqual([]);
    });
  });
});

describe("verifyCredentials", () => {
  it("returns the user for the right password, in any email case", async () => {
    const user = await createUser(db());
    const messyEmail = ` ${user.email.toUpperCase()} `;
    await expect(verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD })).resolves.toEqual(user);
    await expect(verifyCredentials(db(), { email: messyEmail, password: TEST_PASSWORD })).resolves.toEqual(user);
  });

  it("returns undefined for a wrong password and for an unknown email", async () => {
    const user = await createUser(db());
    const wrongPassword = { email: user.email, password: `${TEST_PASSWORD}!` };
    const unknownEmail = { email: uniqueEmail("nobody"), password: TEST_PASSWORD };
    await expect(verifyCredentials(db(), wrongPassword)).resolves.toBeUndefined();
    await expect(verifyCredentials(db(), unknownEmail)).resolves.toBeUndefined();
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
      await api.source.list({ workspaceId }),
    ];
    const json = JSON.stringify(outputs);
    expect(json).not.toContain("$2");
    expect(json).not.toContain(await passwordHashOf(user.id));
  });
});
