import type { MemberRole } from "@/db/schema/constants";

export const ROLE_LABELS: Record<MemberRole, { name: string; description: string }> = {
  viewer: { name: "Viewer", description: "Sees everything, changes nothing." },
  editor: { name: "Editor", description: "Builds audiences, models and syncs." },
  admin: { name: "Admin", description: "Also invites people and manages API tokens." },
  owner: { name: "Owner", description: "Full control, including other owners." },
};
