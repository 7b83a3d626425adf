/**
 * Typed errors thrown by query functions. The tRPC layer maps them to NOT_FOUND, CONFLICT,
 * BAD_REQUEST and FORBIDDEN; their messages are written for the person who caused them.
 */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

export class ConflictError extends Error {
  override name = "ConflictError";
}

export class InvalidRequestError extends Error {
  override name = "InvalidRequestError";
}

export class ForbiddenError extends Error {
  override name = "ForbiddenError";
}

/** The SQLSTATE of a database error (postgres.js and PGlite set `code`; Drizzle wraps them in `cause`). */
export function sqlState(error: unknown): string | undefined {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = "23505";
export const FOREIGN_KEY_VIOLATION = "23503";
