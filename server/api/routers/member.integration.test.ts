import { describe, expect, it } from "vitest";
import type { MemberRole } from "@/db/schema";
import { useTestDatabase } from "@/test/database";
import { addMember, createTeam, uniqueEmail, type Caller, type Team } from "@/test/factories";

const db = useTestDatabase();

/** Admin-only actions, each aimed at the team's own workspace. */
const ADMIN_ACTIONS: { name: string; call: (api: Caller, team: Team) => Promise<unknown> }[] = [
  {
    name: "invite.create",
    call: (api, t) => api.invite.create({ workspaceId: t.workspace.id, email: uniqueEmail(), role: "viewer" }),
  },
  { name: "invite.list", call: (api, t) => api.invite.list({ workspaceId: t.workspace.id }) },
  {
    name: "apiToken.create",
    call: (api, t) => api.apiToken.create({ workspaceId: t.workspace.id, name: "CI", role: "viewer" }),
  },
  { name: "apiToken.list", call: (api, t) => api.apiToken.list({ workspaceId: t.workspace.id }) },
  { name: "workspace.update", call: (api, t) => api.workspace.update({ workspaceId: t.workspace.id, name: "Renamed" }) },
  {
    name: "member.updateRole",
    call: (api, t) => api.member.updateRole({ workspaceId: t.workspace.id, userId: t.users.viewer.id, role: "editor" }),
  },
  {
    name: "member.remove",
    call: (api, t) => api.member.remove({ workspaceId: t.workspace.id, userId: t.users.viewer.id }),
  },
];

async function roleOf(api: Caller, workspaceId: string, userId: string): Promise<MemberRole | undefined> {
  const members = await api.member.list({ workspaceId });
  return members.find((member) => member.userId === userId)?.role;
}

/** What the owner sees of the workspace, to show a refused action changed nothing. */
async function snapshot(team: Team) {
  const owner = await team.as("owner");
  const workspaceId = team.workspace.id;
  return {
    workspace: await owner.workspace.get({ workspaceId }),
    members: await owner.member.list({ workspaceId }),
    invites: await owner.invite.list({ workspaceId }),
    tokens: await owner.apiToken.list({ workspaceId }),
  };
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
    const before = await snapshot(team);
    await expect(call(await team.as(role), team)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: `This needs the admin role or higher; you are a ${role}.`,
    });
    expect(await snapshot(team)).toEqual(before);
  });
});

describe("an admin", () => {
  it.each(ADMIN_ACTIONS)("can $name", async ({ call }) => {
    const team = await createTeam(db());
    await expect(call(await team.as("admin"), team)).resolves.not.toThrow();
  });

  it("can invite up to admin, but not owner", async () => {
    const team = await createTeam(db());
    const api = await team.as("admin");
    const workspaceId = team.workspace.id;
    for (const role of ["viewer", "editor", "admin"] as const) {
      const created = await api.invite.create({ workspaceId, email: uniqueEmail(), role });
      expect(created.invite.role).toBe(role);
    }
    await expect(api.invite.create({ workspaceId, email: uniqueEmail(), role: "owner" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You cannot invite someone as owner.",
    });
    const invites = await api.invite.list({ workspaceId });
    expect(invites.map((invite) => invite.role).sort()).toEqual(["admin", "editor", "viewer"]);
  });

  it("can promote and demote among viewer, editor and admin", async () => {
    const { workspace, users, as } = await createTeam(db());
    const api = await as("admin");
    const workspaceId = workspace.id;
    const promoted = await api.member.updateRole({ workspaceId, userId: users.viewer.id, role: "admin" });
    expect(promoted).toMatchObject({ userId: users.viewer.id, email: users.viewer.email, role: "admin" });
    await api.member.updateRole({ workspaceId, userId: users.editor.id, role: "viewer" });
    expect(await roleOf(api, workspaceId, users.viewer.id)).toBe("admin");
    expect(await roleOf(api, workspaceId, users.editor.id)).toBe("viewer");
  });

  it("cannot make an owner, demote an owner or remove an owner", async () => {
    const team = await createTeam(db());
    const { workspace, users } = team;
    const workspaceId = workspace.id;
    const api = await team.as("admin");
    const before = await snapshot(team);
    const refusal = { code: "FORBIDDEN", message: "Only an owner can add or remove owners." };

    const makeOwner = api.member.updateRole({ workspaceId, userId: users.editor.id, role: "owner" });
    await expect(makeOwner).rejects.toMatchObject(refusal);
    const demoteOwner = api.member.updateRole({ workspaceId, userId: users.owner.id, role: "admin" });
    await expect(demoteOwner).rejects.toMatchObject(refusal);
    await expect(api.member.remove({ workspaceId, userId: users.owner.id })).rejects.toMatchObject(refusal);
    const promoteSelf = api.member.updateRole({ workspaceId, userId: users.admin.id, role: "owner" });
    await expect(promoteSelf).rejects.toMatchObject(refusal);
    expect(await snapshot(team)).toEqual(before);
  });
});

describe("an owner", () => {
  it("can make another owner, who can then demote the first", async () => {
    const { workspace, users, as } = await createTeam(db());
    const workspaceId = workspace.id;
    const owner = await as("owner");
    const promoted = await owner.member.updateRole({ workspaceId, userId: users.admin.id, role: "owner" });
    expect(promoted.role).toBe("owner");
    const secondOwner = await as("admin");
    await secondOwner.member.updateRole({ workspaceId, userId: users.owner.id, role: "editor" });
    expect(await roleOf(secondOwner, workspaceId, users.owner.id)).toBe("editor");
  });

  it("can invite owners", async () => {
    const team = await createTeam(db());
    const owner = await team.as("owner");
    const created = await owner.invite.create({ workspaceId: team.workspace.id, email: uniqueEmail(), role: "owner" });
    expect(created.invite.role).toBe("owner");
  });

  it("can remove a member, who then no longer sees the workspace", async () => {
    const { workspace, users, as } = await createTeam(db());
    const owner = await as("owner");
    await owner.member.remove({ workspaceId: workspace.id, userId: users.editor.id });
    expect(await roleOf(owner, workspace.id, users.editor.id)).toBeUndefined();
    const removed = await as("editor");
    await expect(removed.workspace.get({ workspaceId: workspace.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await removed.workspace.list()).toEqual([]);
  });

  it("cannot demote or remove themselves as the last owner", async () => {
    const team = await createTeam(db());
    const { workspace, users } = team;
    const owner = await team.as("owner");
    const before = await snapshot(team);
    const lastOwner = {
      code: "BAD_REQUEST",
      message: "A workspace needs at least one owner. Make someone else an owner first.",
    };
    const demote = owner.member.updateRole({ workspaceId: workspace.id, userId: users.owner.id, role: "admin" });
    await expect(demote).rejects.toMatchObject(lastOwner);
    await expect(owner.member.remove({ workspaceId: workspace.id, userId: users.owner.id })).rejects.toMatchObject(
      lastOwner,
    );
    expect(await snapshot(team)).toEqual(before);
  });

  it("keeps an owner when two owners step down at the same moment", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { workspace, users, as } = await createTeam(db());
      const second = await addMember(db(), { workspaceId: workspace.id, role: "owner" });
      const first = await as("owner");
      const results = await Promise.allSettled([
        first.member.updateRole({ workspaceId: workspace.id, userId: users.owner.id, role: "admin" }),
        first.member.remove({ workspaceId: workspace.id, userId: second.id }),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const members = await (await as("admin")).member.list({ workspaceId: workspace.id });
      expect(members.filter((member) => member.role === "owner")).toHaveLength(1);
    }
  });

  it("can step down once there is another owner", async () => {
    const { workspace, users, as } = await createTeam(db());
    await addMember(db(), { workspaceId: workspace.id, role: "owner" });
    await (await as("owner")).member.remove({ workspaceId: workspace.id, userId: users.owner.id });
    const members = await (await as("admin")).member.list({ workspaceId: workspace.id });
    expect(members.filter((member) => member.role === "owner")).toHaveLength(1);
    expect(members.map((member) => member.userId)).not.toContain(users.owner.id);
  });

  it("may set an owner's role to owner again", async () => {
    const { workspace, users, as } = await createTeam(db());
    const owner = await as("owner");
    const unchanged = await owner.member.updateRole({ workspaceId: workspace.id, userId: users.owner.id, role: "owner" });
    expect(unchanged.role).toBe("owner");
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
});

describe("member.updateRole", () => {
  it("NOT_FOUND for someone who is not a member", async () => {
    const team = await createTeam(db());
    const outsider = await addMember(db(), { workspaceId: (await createTeam(db())).workspace.id, role: "viewer" });
    const owner = await team.as("owner");
    await expect(
      owner.member.updateRole({ workspaceId: team.workspace.id, userId: outsider.id, role: "editor" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "Member not found" });
  });
});
