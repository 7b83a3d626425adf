import { z } from "zod";
import { ZMemberRole } from "./member.schema";

export const ZCreateInviteInput = z.object({
  email: z.string().trim().pipe(z.email("Enter a valid email address.")),
  role: ZMemberRole,
});
export const ZRevokeInviteInput = z.object({ inviteId: z.uuid() });
export const ZInviteTokenInput = z.object({ token: z.string().min(1).max(200) });

export const ZInviteOutput = z.object({
  id: z.uuid(),
  email: z.string(),
  role: ZMemberRole,
  expiresAt: z.date(),
  createdAt: z.date(),
});

export const ZCreatedInviteOutput = z.object({
  invite: ZInviteOutput,
  /** The link to share when no mail server is configured (null when the email was sent). */
  inviteUrl: z.string().nullable(),
  emailed: z.boolean(),
});

export const ZInvitePreviewOutput = z.object({
  email: z.string(),
  role: ZMemberRole,
  workspaceName: z.string(),
  expiresAt: z.date(),
});

export const ZAcceptedInviteOutput = z.object({ workspaceId: z.uuid(), workspaceSlug: z.string() });
