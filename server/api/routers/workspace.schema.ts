import { z } from "zod";
import { MEMBER_ROLES } from "@/db/schema/constants";

export const ZWorkspaceName = z.string().trim().min(1, "Give the workspace a name.").max(80);

export const ZCreateWorkspaceInput = z.object({ name: ZWorkspaceName });
export const ZUpdateWorkspaceInput = z.object({ name: ZWorkspaceName });

export const ZWorkspaceOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  role: z.enum(MEMBER_ROLES),
  createdAt: z.date(),
});
