import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/database";
import { callerAs, createTeam, createUser } from "@/test/factories";

const db = useTestDatabase();

describe("workspace.create", () => {
  it("makes the caller owner, with a slug and the demo source", async () => {
    const user = await createUser(db());
    const api = await callerAs(db(), { user });
    const workspace = await api.workspace.create({ name: "  Growth Team!  " });
    expect(workspace).toMatchObject({ name: "Growth Team!", role: "owner" });
    expect(workspace.slug).toMatch(/^growth-team-[0-9a-f]{6}$/);
    expect(await api.source.list({ workspaceId: workspace.id })).toHaveLength(1);
    const members = await api.member.list({ workspaceId: workspace.id });
    expect(members.map((member) => [member.userId, member.role])).toEqual([[user.id, "owner"]]);
  });

  it("gives two workspaces of the same name different slugs", async () => {
    const api = await callerAs(db(), { user: await createUser(db()) });
    const first = await api.workspace.create({ name: "Same" });
    const second = await api.workspace.create({ name: "Same" });
    expect(first.slug).not.toBe(second.slug);
  });

  it("refuses an empty name", async () => {
    const api = await callerAs(db(), { user: await createUser(db()) });
    const attempt = api.workspace.create({ name: "   " });
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(attempt).rejects.toThrow("Give the workspace a name.");
    expect(await api.workspace.list()).toEqual([]);
  });
});

describe("workspace.list", () => {
  it("lists only the caller's workspaces, each with the caller's role", async () => {
    const team = await createTeam(db());
    const other = await createTeam(db());
    const viewer = await team.as("viewer");
    expect((await viewer.workspace.list()).map((workspace) => [workspace.id, workspace.role])).toEqual([
      [team.workspace.id, "viewer"],
    ]);
    const own = await viewer.workspace.create({ name: "Side project" });
    const listed = await viewer.workspace.list();
    expect(listed.map((workspace) => [workspace.id, workspace.role])).toEqual([
      [team.workspace.id, "viewer"],
      [own.id, "owner"],
    ]);
    expect(listed.map((workspace) => workspace.id)).not.toContain(other.workspace.id);
  });
});

describe("workspace.update", () => {
  it("renames for an admin; everyone sees the new name", async () => {
    const team = await createTeam(db());
    const admin = await team.as("admin");
    const updated = await admin.workspace.update({ workspaceId: team.workspace.id, name: "Renamed" });
    expect(updated).toMatchObject({ id: team.workspace.id, name: "Renamed", slug: team.workspace.slug, role: "admin" });
    await expect((await team.as("viewer")).workspace.get({ workspaceId: team.workspace.id })).resolves.toMatchObject({
      name: "Renamed",
      role: "viewer",
    });
  });
});

describe("workspace.get", () => {
  it("BAD_REQUEST for an id that is not a uuid", async () => {
    const team = await createTeam(db());
    await expect((await team.as("owner")).workspace.get({ workspaceId: "not-a-uuid" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
