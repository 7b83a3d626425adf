/** Workspace roles, ordered from least to most powerful, and the rules for changing them. */
import { MEMBER_ROLES, type MemberRole } from "@/db/schema/constants";

export function roleRank(role: MemberRole): number {
  return MEMBER_ROLES.indexOf(role);
}

export function hasRole(actual: MemberRole, required: MemberRole): boolean {
  return roleRank(actual) >= roleRank(required);
}

/**
 * Who may give whom which role: admins manage viewers, editors and admins; only owners
 * touch owners. Returns the reason it is not allowed, or null.
 */
export function roleChangeRefusal(actor: MemberRole, from: MemberRole, to: MemberRole): string | null {
  if (!hasRole(actor, "admin")) return "Only admins and owners can change roles.";
  if ((from === "owner" || to === "owner") && actor !== "owner") return "Only an owner can add or remove owners.";
  return null;
}

/** Roles a person with `actor` may hand out in invites and API tokens. */
export function assignableRoles(actor: MemberRole): MemberRole[] {
  if (!hasRole(actor, "admin")) return [];
  return MEMBER_ROLES.filter((role) => role !== "owner" || actor === "owner");
}
