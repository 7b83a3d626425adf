import { describe, expect, it } from "vitest";
import { MEMBER_ROLES, type MemberRole } from "@/db/schema/workspaces";
import { assignableRoles, hasRole, roleChangeRefusal, roleRank } from "./roles";

describe("hasRole", () => {
  it("orders roles viewer < editor < admin < owner", () => {
    expect(MEMBER_ROLES.map(roleRank)).toEqual([0, 1, 2, 3]);
  });

  it.each<[MemberRole, MemberRole, boolean]>([
    ["viewer", "viewer", true],
    ["viewer", "editor", false],
    ["editor", "viewer", true],
    ["editor", "admin", false],
    ["admin", "editor", true],
    ["admin", "owner", false],
    ["owner", "admin", true],
  ])("%s has %s: %s", (actual, required, expected) => {
    expect(hasRole(actual, required)).toBe(expected);
  });
});

describe("roleChangeRefusal", () => {
  it.each<MemberRole>(["viewer", "editor"])("refuses every change by a %s", (actor) => {
    expect(roleChangeRefusal(actor, "viewer", "editor")).toBe("Only admins and owners can change roles.");
  });

  it("lets an admin move people among viewer, editor and admin", () => {
    expect(roleChangeRefusal("admin", "viewer", "admin")).toBeNull();
    expect(roleChangeRefusal("admin", "admin", "viewer")).toBeNull();
  });

  it("refuses an admin making or unmaking owners", () => {
    expect(roleChangeRefusal("admin", "editor", "owner")).toBe("Only an owner can add or remove owners.");
    expect(roleChangeRefusal("admin", "owner", "viewer")).toBe("Only an owner can add or remove owners.");
  });

  it("lets an owner make and unmake owners", () => {
    expect(roleChangeRefusal("owner", "viewer", "owner")).toBeNull();
    expect(roleChangeRefusal("owner", "owner", "admin")).toBeNull();
  });
});

describe("assignableRoles", () => {
  it.each<[MemberRole, MemberRole[]]>([
    ["viewer", []],
    ["editor", []],
    ["admin", ["viewer", "editor", "admin"]],
    ["owner", ["viewer", "editor", "admin", "owner"]],
  ])("a %s can hand out %j", (actor, roles) => {
    expect(assignableRoles(actor)).toEqual(roles);
  });
});
