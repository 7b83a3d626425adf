import { TRPCError } from "@trpc/server";
import { createApiToken, listApiTokens, revokeApiToken } from "@/db/queries/api-tokens";
import { assignableRoles } from "@/server/auth/roles";
import { actorUserId, adminProcedure, createTRPCRouter } from "../trpc";
import {
  ZApiTokenOutput,
  ZCreateApiTokenInput,
  ZCreatedApiTokenOutput,
  ZRevokeApiTokenInput,
} from "./api-token.schema";

export const apiTokenRouter = createTRPCRouter({
  list: adminProcedure.output(ZApiTokenOutput.array()).query(({ ctx }) => listApiTokens(ctx.db, ctx.workspace.id)),

  create: adminProcedure
    .input(ZCreateApiTokenInput)
    .output(ZCreatedApiTokenOutput)
    .mutation(({ ctx, input }) => {
      if (!assignableRoles(ctx.workspace.role).includes(input.role)) {
        throw new TRPCError({ code: "FORBIDDEN", message: `You cannot create a token with the ${input.role} role.` });
      }
      return createApiToken(ctx.db, { ...input, workspaceId: ctx.workspace.id, createdByUserId: actorUserId(ctx) });
    }),

  revoke: adminProcedure
    .input(ZRevokeApiTokenInput)
    .mutation(({ ctx, input }) => revokeApiToken(ctx.db, { workspaceId: ctx.workspace.id, tokenId: input.tokenId })),
});
