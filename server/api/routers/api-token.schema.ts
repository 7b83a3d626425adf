import { z } from "zod";
import { ZMemberRole } from "./member.schema";

export const ZCreateApiTokenInput = z.object({
  name: z.string().trim().min(1, "Name the token after what will use it.").max(80),
  role: ZMemberRole.exclude(["owner"]),
});
export const ZRevokeApiTokenInput = z.object({ tokenId: z.uuid() });

export const ZApiTokenOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  role: ZMemberRole,
  prefix: z.string(),
  lastUsedAt: z.date().nullable(),
  createdAt: z.date(),
});

/** The only response that ever carries the token itself. */
export const ZCreatedApiTokenOutput = z.object({ apiToken: ZApiTokenOutput, secret: z.string() });
