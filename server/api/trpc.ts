/**
 * tRPC building blocks. Procedures narrow the context step by step:
 * - `authedProcedure`: a user session or a valid API token (else 401);
 * - `userProcedure`: a signed-in person (API tokens cannot create workspaces or accept invites);
 * - `workspaceProcedure`: input has `workspaceId`; the caller belongs to it (else NOT_FOUND, so
 *   other workspaces' existence is never revealed) and `ctx.workspace` holds its id and role;
 * - `editorProcedure`, `adminProcedure`: the same, requiring at least that role (else FORBIDDEN).
 * Typed errors from db/errors.ts become the matching tRPC codes; unexpected errors are logged
 * and reach the client as a generic message, never a stack trace.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError } from "@/db/errors";
import { getMemberRole } from "@/db/queries/workspaces";
import type { MemberRole } from "@/db/schema";
import { hasRole } from "@/server/auth/roles";
import { AudienceProblemsError } from "@/server/audiences/compile";
import { UploadError } from "@/server/sources/duckdb/uploads";
import { SourceCancelledError, SourceQueryError } from "@/server/sources/types";
import type { Context } from "./context";

/** Per-field messages of an input that failed validation, for forms to show beside the field. */
function fieldErrorsOf(cause: unknown): Record<string, string[] | undefined> | undefined {
  return cause instanceof ZodError ? z.flattenError(cause).fieldErrors : undefined;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    message:
      error.code === "INTERNAL_SERVER_ERROR"
        ? "Something went wrong on our side. Please try again."
        : error.cause instanceof ZodError
          ? z.prettifyError(error.cause)
          : shape.message,
    data: {
      code: shape.data.code,
      httpStatus: shape.data.httpStatus,
      path: shape.data.path,
      fieldErrors: fieldErrorsOf(error.cause),
      /** Where in a model's SQL the warehouse found the problem (1-based character offset). */
      queryErrorPosition: error.cause instanceof SourceQueryError ? (error.cause.position ?? null) : undefined,
    },
  }),
});

const DOMAIN_ERRORS = [
  [NotFoundError, "NOT_FOUND"],
  [ConflictError, "CONFLICT"],
  [InvalidRequestError, "BAD_REQUEST"],
  [ForbiddenError, "FORBIDDEN"],
  [SourceQueryError, "BAD_REQUEST"],
  [UploadError, "BAD_REQUEST"],
  [AudienceProblemsError, "BAD_REQUEST"],
  [SourceCancelledError, "TIMEOUT"],
] as const;

const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    const mapped = DOMAIN_ERRORS.find(([type]) => cause instanceof type);
    if (mapped && cause) throw new TRPCError({ code: mapped[1], message: cause.message, cause });
    if (result.error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path}`, result.error.cause ?? result.error);
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.rejectedToken) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "This API token is not valid or has been revoked." });
  }
  if (!ctx.principal) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in or send an API token." });
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});

export const userProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.principal.kind !== "user") {
    throw new TRPCError({ code: "FORBIDDEN", message: "This action needs a signed-in person, not an API token." });
  }
  return next({ ctx: { ...ctx, user: ctx.principal } });
});

export const workspaceProcedure = authedProcedure
  .input(z.object({ workspaceId: z.uuid() }))
  .use(async ({ ctx, input, next }) => {
    const { principal } = ctx;
    const role =
      principal.kind === "token"
        ? principal.workspaceId === input.workspaceId
          ? principal.role
          : undefined
        : await getMemberRole(ctx.db, { workspaceId: input.workspaceId, userId: principal.userId });
    if (!role) throw new TRPCError({ code: "NOT_FOUND", message: "Workspace not found" });
    return next({ ctx: { ...ctx, workspace: { id: input.workspaceId, role } } });
  });

function requireRole(required: MemberRole) {
  return workspaceProcedure.use(({ ctx, next }) => {
    if (!hasRole(ctx.workspace.role, required)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `This needs the ${required} role or higher; you are a ${ctx.workspace.role}.`,
      });
    }
    return next();
  });
}

export const editorProcedure = requireRole("editor");
export const adminProcedure = requireRole("admin");

/** The acting user's id for audit columns, or null when an API token acts. */
export function actorUserId(ctx: Context): string | null {
  return ctx.principal?.kind === "user" ? ctx.principal.userId : null;
}
