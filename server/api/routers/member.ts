import { listMembers, removeMember, updateMemberRole } from "@/db/queries/members";
import { adminProcedure, createTRPCRouter, workspaceProcedure } from "../trpc";
import { ZMemberOutput, ZRemoveMemberInput, ZUpdateMemberRoleInput } from "./member.schema";

export const memberRouter = createTRPCRouter({
  list: workspaceProcedure.output(ZMemberOutput.array()).query(({ ctx }) => listMembers(ctx.db, ctx.workspace.id)),

  updateRole: adminProcedure
    .input(ZUpdateMemberRoleInput)
    .output(ZMemberOutput)
    .mutation(({ ctx, input }) =>
      updateMemberRole(ctx.db, { ...input, workspaceId: ctx.workspace.id, actorRole: ctx.workspace.role }),
    ),

  remove: adminProcedure
    .input(ZRemoveMemberInput)
    .mutation(({ ctx, input }) =>
      removeMember(ctx.db, { ...input, workspaceId: ctx.workspace.id, actorRole: ctx.workspace.role }),
    ),
});
