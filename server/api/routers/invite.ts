import { TRPCError } from "@trpc/server";
import { acceptInvite, createInvite, getUsableInvite, listPendingInvites, revokeInvite } from "@/db/queries/invites";
import { getUser } from "@/db/queries/users";
import { getWorkspace } from "@/db/queries/workspaces";
import { getEnv } from "@/env";
import { assignableRoles } from "@/server/auth/roles";
import { sendInviteEmail } from "@/server/mail/invite";
import { actorUserId, adminProcedure, createTRPCRouter, publicProcedure, userProcedure } from "../trpc";
import {
  ZAcceptedInviteOutput,
  ZCreatedInviteOutput,
  ZCreateInviteInput,
  ZInviteOutput,
  ZInvitePreviewOutput,
  ZInviteTokenInput,
  ZRevokeInviteInput,
} from "./invite.schema";

export const inviteRouter = createTRPCRouter({
  list: adminProcedure.output(ZInviteOutput.array()).query(({ ctx }) => listPendingInvites(ctx.db, ctx.workspace.id)),

  create: adminProcedure
    .input(ZCreateInviteInput)
    .output(ZCreatedInviteOutput)
    .mutation(async ({ ctx, input }) => {
      if (!assignableRoles(ctx.workspace.role).includes(input.role)) {
        throw new TRPCError({ code: "FORBIDDEN", message: `You cannot invite someone as ${input.role}.` });
      }
      const invitedByUserId = actorUserId(ctx);
      const { invite, token } = await createInvite(ctx.db, { ...input, workspaceId: ctx.workspace.id, invitedByUserId });
      const url = new URL(`/invite/${token}`, getEnv().APP_URL).toString();
      const workspace = await getWorkspace(ctx.db, ctx.workspace.id);
      const inviter = invitedByUserId ? await getUser(ctx.db, invitedByUserId) : undefined;
      const emailed = await sendInviteEmail({
        to: invite.email,
        url,
        workspaceName: workspace.name,
        inviterName: inviter?.name ?? inviter?.email ?? null,
      });
      return { invite, inviteUrl: emailed ? null : url, emailed };
    }),

  revoke: adminProcedure
    .input(ZRevokeInviteInput)
    .mutation(({ ctx, input }) => revokeInvite(ctx.db, { workspaceId: ctx.workspace.id, inviteId: input.inviteId })),

  /** What the invite page shows before the invitee signs in; explains expired or used invites. */
  preview: publicProcedure
    .input(ZInviteTokenInput)
    .output(ZInvitePreviewOutput)
    .query(({ ctx, input }) => getUsableInvite(ctx.db, input.token)),

  accept: userProcedure
    .input(ZInviteTokenInput)
    .output(ZAcceptedInviteOutput)
    .mutation(({ ctx, input }) =>
      acceptInvite(ctx.db, { token: input.token, userId: ctx.user.userId, userEmail: ctx.user.email }),
    ),
});
