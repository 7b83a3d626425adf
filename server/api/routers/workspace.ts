import { createWorkspace, getWorkspace, listWorkspacesForUser, renameWorkspace } from "@/db/queries/workspaces";
import { getEnv } from "@/env";
import { adminProcedure, authedProcedure, createTRPCRouter, userProcedure, workspaceProcedure } from "../trpc";
import { ZCreateWorkspaceInput, ZUpdateWorkspaceInput, ZWorkspaceOutput } from "./workspace.schema";

export const workspaceRouter = createTRPCRouter({
  /** The caller's workspaces; an API token sees only its own. */
  list: authedProcedure.output(ZWorkspaceOutput.array()).query(async ({ ctx }) => {
    const { principal } = ctx;
    if (principal.kind === "token") {
      return [{ ...(await getWorkspace(ctx.db, principal.workspaceId)), role: principal.role }];
    }
    return listWorkspacesForUser(ctx.db, principal.userId);
  }),

  get: workspaceProcedure.output(ZWorkspaceOutput).query(async ({ ctx }) => ({
    ...(await getWorkspace(ctx.db, ctx.workspace.id)),
    role: ctx.workspace.role,
  })),

  create: userProcedure.input(ZCreateWorkspaceInput).output(ZWorkspaceOutput).mutation(async ({ ctx, input }) => {
    const workspace = await createWorkspace(ctx.db, {
      name: input.name,
      ownerUserId: ctx.user.userId,
      encryptionKey: getEnv().SLUICE_ENCRYPTION_KEY,
    });
    return { ...workspace, role: "owner" as const };
  }),

  update: adminProcedure.input(ZUpdateWorkspaceInput).output(ZWorkspaceOutput).mutation(async ({ ctx, input }) => ({
    ...(await renameWorkspace(ctx.db, { workspaceId: ctx.workspace.id, name: input.name })),
    role: ctx.workspace.role,
  })),
});
