import { z } from "zod";
import { MEMBER_ROLES } from "@/db/schema/constants";

export const ZMemberRole = z.enum(MEMBER_ROLES);

export const ZUpdateMemberRoleInput = z.object({ userId: z.uuid(), role: ZMemberRole });
export const ZRemoveMemberInput = z.object({ userId: z.uuid() });

export const ZMemberOutput = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role: ZMemberRole,
  joinedAt: z.date(),
});
