import { describe, expect, it } from "vitest";
import type { MemberRole } from "@/db/schema";
import { useTestDatabase } from "@/test/database";
import { addMember, createTeam, uniqueEmail, type Caller, type Team } from "@/test/factories";

const db = useTestDatabase();

/** Admin-only actions, each aimed at the team's own workspace. */
const ADMIN_ACTIONS: { name: string; call: (api: Caller, team: Team) => Promise<unknown> }[] = [
  { name: "invite.create", call: (api, t) => api.invite.create({ workspaceId: t.workspace.id, email: uniqueEmail(), role: "viewer" }) },
  { name: "invite.list", call: (api, t) => api.invite.list({ workspaceId: t.workspace.id }) },
  { name: "apiToken.create", call: (api, t) => api.apiToken.create({ workspaceId: t.workspace.id, name: "CI", role: "viewer" }) },
  { name: "apiToken.list", call: (api, t) => api.apiToken.list({ workspaceId: t.workspace.id }) },
  { name: "workspace.update", call: (api, t) => api.workspace.update({ workspaceId: t.workspace.id, name: "Renamed" }) },
  { name: "member.updateRole", call: (api, t) => api.member.updateRole({ workspaceId: t.workspace.id, userId: t.users.viewer.id, role: "editor" }) },
  { name: "member.remove", call: (api, t) => api.member.remove({ workspaceId: t.workspace.id, userId: t.users.viewer.id }) },
];

async function roleOf(api: Caller, workspaceId: string, userId: string): Promise<MemberRole | undefined> {
  const members = await api.member.list({ workspaceId });
  return members.find((member) => member.userId === userId)?.role;
}

describe.each<MemberRole>(["viewer", "editor"])("a %s", (role) => {
  it("can read the workspace, its members and sources", async () => {
    const team = await createTeam(db());
    const api = await team.as(role);
    const workspaceId = team.workspace.id;
    await expect(api.workspace.get({ workspaceId })).resolves.toMatchObject({ id: workspaceId, role });
    expect(await api.member.list({ workspaceId })).toHaveLength(4);
    expect(await api.source.list({ workspaceId })).toHaveLength(1);
  });

  it.each(ADMIN_ACTIONS)("is FORBIDDEN to $name, and nothing changes", async ({ call }) => {
    const team = await createTeam(db());
    const owner = await team.as("owner");
    const workspaceId = team.workspace.id;
    const before = {
      workspace: await owner.workspace.get({ workspaceId }),
      members: await owner.member.list({ workspaceId }),
      invites: await owner.invite.list({ workspaceId }),
      tokens: await owner.apiToken.list({ workspaceId }),
    };

    await expect(call(await team.as(role), team)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: `This needs the admin role or higher; you are a ${role}.`,
    });

    expect({
      workspace: await owner.workspace.get({ workspaceId }),
      members: await owner.member.list({ workspaceId }),
      invites: await owner.invite.list({ workspaceId }),
      tokens: await owner.apiToken.list({ workspaceId }),
    }).toEqual(before);
  });
});

describe("an admin", () => {
  it.each(ADMIN_ACTIONS)("can $name", async ({ call }) => {
    const team = await createTeam(db());
    await expect(call(await team.as("admin"), team)).resolves.not.toThrow();
  });

  it("can invite and mint tokens up to admin, but not owner", async () => {
    const team = await createTeam(db());
    const api = await team.as("admin");
    const workspaceId = team.workspace.id;
    for (const role of ["viewer", "editor", "admin"] as const) {
      await expect(api.invite.create({ workspaceId, email: uniqueEmail(), role })).resolves.toMatchObject({ invite: { role } });
    }
    await expect(api.invite.create({ workspaceId, email: uniqueEmail(), role: "owner" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You cannot invite someone as owner.",
    });
    expect((await api.invite.list({ workspaceId })).map((invite) => invite.role).sort()).toEqual(["admin", "editor", "viewer"]);
  });

  it("can promote and demote among viewer, editor and admin", async () => {
    const team = await createTeam(db());
    const api = await team.as("admin");
    const { workspace, users } = team;
    await expect(api.member.updateRole({ workspaceId: workspace.id, userId: users.viewer.id, role: "admin" })).resolves.toMatchObject({
      userId: users.viewer.id,
      role: "admin",
    });
    await api.member.updateRole({ workspaceId: workspace.id, userId: users.editor.id, role: "viewer" });
    expect(await roleOf(api, workspace.id, users.viewer.id)).toBe("admin");
    expect(await roleOf(api, workspace.id, users.editor.id)).toBe("viewer");
  });

  it("cannot make an owner, demote an owner or remove an owner", async () => {
    const team = await createTeam(db());
    const api = await team.as("admin");
    const { workspace, users } = team;
    const refusal = { code: "FORBIDDEN", message: "Only an owner can add or remove owners." };
    await expect(api.member.updateRole({ workspaceId: workspace.id, userId: users.editor.id, role: "owner" })).rejects.toMatchObject(refusal);
    await expect(api.member.updateRole({ workspaceId: workspace.id, userId: users.owner.id, role: "admin" })).rejects.toMatchObject(refusal);
    await expect(api.member.remove({ workspaceId: workspace.id, userId: users.owner.id })).rejects.toMatchObject(refusal);
    expect(await roleOf(api, workspace.id, users.editor.id)).toBe("editor");
    expect(await roleOf(api, workspace.id, users.owner.id)).toBe("owner");
  });

  it("cannot promote themselves to owner", async () => {
    const team = await createTeam(db());
    const api = await team.as("admin");
    await expect(
      api.member.updateRole({ workspaceId: team.workspace.id, userId: team.users.admin.id, role: "owner" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("an owner", () => {
  it("can make another owner, who can then demote the first", async () => {
    const team = await createTeam(db());
    const { workspace, users } = team;
    const owner = await team.as("owner");
    await expect(owner.member.updateRole({ workspaceId: workspace.id, userId: users.admin.id, role: "owner" })).resolves.toMatchObject({
      role: "owner",
    });
    const secondOwner = await team.as("admin");
    await secondOwner.member.updateRole({ workspaceId: workspace.id, userId: users.owner.id, role: "editor" });
    expect(await roleOf(secondOwner, workspace.id, users.owner.id)).toBe("editor");
  });

  it("can invite owners", async () => {
    const team = await createTeam(db());
    const owner = await team.as("owner");
    await expect(owner.invite.create({ workspaceId: team.workspace.id, email: uniqueEmail(), role: "owner" })).resolves.toMatchObject({
      invite: { role: "owner" },
    });
  });

  it("can remove a member, who then no longer sees the workspace", async () => {
    const team = await createTeam(db());
    const owner = await team.as("owner");
    const { workspace, users } = team;
    await owner.member.remove({ workspaceId: workspace.id, userId: users.editor.id });
    expect(await roleOf(owner, workspace.id, users.editor.id)).toBeUndefined();
    const removed = await team.as("editor");
    await expect(removed.workspace.get({ workspaceId: workspace.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await removed.workspace.list()).toEqual([]);
  });

  it("cannot demote or remove themselves as the last owner", async () => {
    const team = await createTeam(db());
    const owner = await team.as("owner");
    const { workspace, users } = team;
    const lastOwner = { code: "BAD_REQUEST", message: "A workspace needs at least one owner. Make someone else an owner first." };
    await expect(owner.member.updateRole({ workspaceId: workspace.id, userId: users.owner.id, role: "admin" })).rejects.toMatchObject(lastOwner);
    await expect(owner.member.remove({ workspaceId: workspace.id, userId: users.owner.id })).rejects.toMatchObject(lastOwner);
    expect(await roleOf(owner, workspace.id, users.owner.id)).toBe("owner");
  });

  it("can step down once there is another owner", async () => {
    const team = await createTeam(db());
    const owner = await team.as("owner");
    const { workspace, users } = team;
    await addMember(db(), { workspaceId: workspace.id, role: "owner" });
    await owner.member.remove({ workspaceId: workspace.id, userId: users.owner.id });
    const members = await (await team.as("admin")).member.list({ workspaceId: workspace.id });
    expect(members.filter((member) => member.role === "owner")).toHaveLength(1);
    expect(members.map((member) => member.userId)).not.toContain(users.owner.id);
  });

  it("keeps the owner role when asked to make an owner an owner", async () => {
    const team = await createTeam(db());
    const owner = await team.as("owner");
    await expect(
      owner.member.updateRole({ workspaceId: team.workspace.id, userId: team.users.owner.id, role: "owner" }),
    ).resolves.toMatchObject({ role: "owner" });
  });
});

describe("member.list", () => {
  it("shows people, never password hashes", async () => {
    const team = await createTeam(db());
    const members = await (await team.as("viewer")).member.list({ workspaceId: team.workspace.id });
    expect(members.map((member) => member.role)).toEqual(["owner", "admin", "editor", "viewer"]);
    for (const member of members) {
      expect(Object.keys(member).sort()).toEqual(["email", "joinedAt", "name", "role", "userId"]);
    }
    expect(JSON.stringify(members)).not.toContain("$2");
  });

  it("NOT_FOUND for a member who is not in the workspace", async () => {
    const team = await createTeam(db());
    const other = await createTeam(db());
    const owner = await team.as("owner");
    await expect(
      owner.member.updateRole({ workspaceId: team.workspace.id, userId: other.users.viewer.id, role: "editor" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "Member not found" });
  });
});
