/** Plain values shared by the schema, the server and the browser (no drizzle imports here). */

/** Workspace roles, from least to most powerful. */
export const MEMBER_ROLES = ["viewer", "editor", "admin", "owner"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const INVITE_TTL_DAYS = 7;
