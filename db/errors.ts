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
