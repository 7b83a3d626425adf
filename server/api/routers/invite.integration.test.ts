import { describe, expect, it } from "vitest";
import { createInvite } from "@/db/queries/invites";
import { useTestDatabase } from "@/test/database";
import { callerAs, createTeam, createUser, uniqueEmail, type Team } from "@/test/factories";

const db = useTestDatabase();

/** The invite token, read from the link invite.create returns when no mail server is set. */
function tokenFrom(inviteUrl: string | null): string {
  const token = /\/invite\/([^/]+)$/.exec(inviteUrl ?? "")?.[1];
  if (!token) throw new Error(`No invite token in ${inviteUrl}`);
  return token;
}

async function invite(team: Team, params: { email?: string; role?: "viewer" | "editor" | "admin" | "owner" } = {}) {
  const email = params.email ?? uniqueEmail("invitee");
  const created = await (await team.as("owner")).invite.create({
    workspaceId: team.workspace.id,
    email,
    role: params.role ?? "editor",
  });
  return { ...created, email, token: tokenFrom(created.inviteUrl) };
}

describe("invite.create", () => {
  it("returns a shareable link when no mail server is configured", async () => {
    const team = await createTeam(db());
    const created = await invite(team, { role: "admin" });
    expect(created).toMatchObject({ emailed: false, invite: { email: created.email, role: "admin" } });
    expect(created.inviteUrl).toMatch(/^http:\/\/localhost:3000\/invite\/inv_[\w-]{43}$/);
    const listed = await (await team.as("admin")).invite.list({ workspaceId: team.workspace.id });
    expect(listed).toEqual([created.invite]);
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it("stores the email lower-cased", async () => {
    const team = await createTeam(db());
    const email = uniqueEmail("Mixed.Case");
    const created = await invite(team, { email: email.toUpperCase() });
    expect(created.invite.email).toBe(email.toLowerCase());
  });

  it("trims spaces around the email", async () => {
    const team = await createTeam(db());
    const email = uniqueEmail("spaced");
    const created = await invite(team, { email: `  ${email} ` });
    expect(created.invite.email).toBe(email);
  });

  it("refuses an invalid email", async () => {
    const team = await createTeam(db());
    const api = await team.as("owner");
    const attempt = api.invite.create({ workspaceId: team.workspace.id, email: "not-an-email", role: "viewer" });
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(attempt).rejects.toThrow("Enter a valid email address.");
  });

  it("CONFLICT when the person is already a member (whatever the case of the email)", async () => {
    const team = await createTeam(db());
    const api = await team.as("owner");
    const email = team.users.viewer.email;
    await expect(
      api.invite.create({ workspaceId: team.workspace.id, email: email.toUpperCase(), role: "admin" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: `${email} is already a member of this workspace.` });
    expect(await api.invite.list({ workspaceId: team.workspace.id })).toEqual([]);
  });

  it("re-inviting replaces the pending invite: one in the list, the old link withdrawn", async () => {
    const team = await createTeam(db());
    const first = await invite(team, { role: "viewer" });
    const second = await invite(team, { email: first.email, role: "admin" });

    const listed = await (await team.as("owner")).invite.list({ workspaceId: team.workspace.id });
    expect(listed).toEqual([second.invite]);
    const anonymous = await callerAs(db(), {});
    await expect(anonymous.invite.preview({ token: first.token })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This invite was withdrawn. Ask a workspace admin for a new one.",
    });
    await expect(anonymous.invite.preview({ token: second.token })).resolves.toMatchObject({ role: "admin" });
  });
});

describe("invite.preview", () => {
  it("shows the invite to anyone holding the link", async () => {
    const team = await createTeam(db());
    const created = await invite(team, { role: "viewer" });
    const preview = await (await callerAs(db(), {})).invite.preview({ token: created.token });
    expect(preview).toEqual({
      email: created.email,
      role: "viewer",
      workspaceName: team.workspace.name,
      expiresAt: created.invite.expiresAt,
    });
  });

  it("NOT_FOUND for an unknown token", async () => {
    await expect((await callerAs(db(), {})).invite.preview({ token: "inv_nope" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("BAD_REQUEST for an expired invite", async () => {
    const team = await createTeam(db());
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    const { token } = await createInvite(db(), {
      workspaceId: team.workspace.id,
      email: uniqueEmail(),
      role: "viewer",
      invitedByUserId: team.users.owner.id,
      now: eightDaysAgo,
    });
    await expect((await callerAs(db(), {})).invite.preview({ token })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This invite has expired. Ask a workspace admin to send you a new one.",
    });
    expect(await (await team.as("owner")).invite.list({ workspaceId: team.workspace.id })).toEqual([]);
  });
});

describe("invite.accept", () => {
  it("with the invited email makes the person a member with the invited role", async () => {
    const team = await createTeam(db());
    const created = await invite(team, { role: "admin" });
    const invitee = await createUser(db(), { email: created.email });
    const api = await callerAs(db(), { user: invitee });

    await expect(api.invite.accept({ token: created.token })).resolves.toEqual({
      workspaceId: team.workspace.id,
      workspaceSlug: team.workspace.slug,
    });
    await expect(api.workspace.get({ workspaceId: team.workspace.id })).resolves.toMatchObject({ role: "admin" });
    const members = await api.member.list({ workspaceId: team.workspace.id });
    expect(members.find((member) => member.userId === invitee.id)?.role).toBe("admin");
    expect(await api.invite.list({ workspaceId: team.workspace.id })).toEqual([]);
  });

  it("FORBIDDEN for someone else, naming the invited email; the invite stays usable", async () => {
    const team = await createTeam(db());
    const created = await invite(team);
    const stranger = await createUser(db());
    const api = await callerAs(db(), { user: stranger });

    await expect(api.invite.accept({ token: created.token })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: `This invite was sent to ${created.email}. Sign in with that email to accept it.`,
    });
    await expect(api.workspace.get({ workspaceId: team.workspace.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect((await callerAs(db(), {})).invite.preview({ token: created.token })).resolves.toMatchObject({
      email: created.email,
    });
  });

  it("BAD_REQUEST the second time", async () => {
    const team = await createTeam(db());
    const created = await invite(team, { role: "viewer" });
    const api = await callerAs(db(), { user: await createUser(db(), { email: created.email }) });
    await api.invite.accept({ token: created.token });
    await expect(api.invite.accept({ token: created.token })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This invite has already been used. Sign in to open the workspace.",
    });
  });

  it("BAD_REQUEST when revoked", async () => {
    const team = await createTeam(db());
    const created = await invite(team);
    await (await team.as("admin")).invite.revoke({ workspaceId: team.workspace.id, inviteId: created.invite.id });
    const api = await callerAs(db(), { user: await createUser(db(), { email: created.email }) });
    await expect(api.invite.accept({ token: created.token })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This invite was withdrawn. Ask a workspace admin for a new one.",
    });
    await expect(api.workspace.get({ workspaceId: team.workspace.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("BAD_REQUEST when expired", async () => {
    const team = await createTeam(db());
    const email = uniqueEmail();
    const { token } = await createInvite(db(), {
      workspaceId: team.workspace.id,
      email,
      role: "editor",
      invitedByUserId: null,
      now: new Date(Date.now() - 7 * 24 * 60 * 60 * 1000 - 1000),
    });
    const api = await callerAs(db(), { user: await createUser(db(), { email }) });
    await expect(api.invite.accept({ token })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This invite has expired. Ask a workspace admin to send you a new one.",
    });
    await expect(api.workspace.get({ workspaceId: team.workspace.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("needs a signed-in person", async () => {
    const team = await createTeam(db());
    const created = await invite(team);
    await expect((await callerAs(db(), {})).invite.accept({ token: created.token })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});

describe("invite.revoke", () => {
  it("withdraws a pending invite once; a second revoke is NOT_FOUND", async () => {
    const team = await createTeam(db());
    const created = await invite(team);
    const api = await team.as("admin");
    await api.invite.revoke({ workspaceId: team.workspace.id, inviteId: created.invite.id });
    expect(await api.invite.list({ workspaceId: team.workspace.id })).toEqual([]);
    await expect(
      api.invite.revoke({ workspaceId: team.workspace.id, inviteId: created.invite.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("NOT_FOUND for an invite that was already accepted", async () => {
    const team = await createTeam(db());
    const created = await invite(team);
    const invitee = await callerAs(db(), { user: await createUser(db(), { email: created.email }) });
    await invitee.invite.accept({ token: created.token });
    await expect(
      (await team.as("admin")).invite.revoke({ workspaceId: team.workspace.id, inviteId: created.invite.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
