/** Error fields read defensively: SDK errors are plain objects with optional, loosely typed fields. */

export function field(error: unknown, key: string): unknown {
  return typeof error === "object" && error !== null ? Reflect.get(error, key) : undefined;
}

export function stringField(error: unknown, key: string): string | undefined {
  const value = field(error, key);
  return typeof value === "string" ? value : undefined;
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return stringField(error, "message") ?? String(error);
}

/** The socket-level code of a network failure, looking through `cause` chains. */
export function networkCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 5; depth++) {
    const code = stringField(current, "code");
    if (code && /^E(?!RR_)[A-Z_]+$/.test(code)) return code;
    current = field(current, "cause");
  }
  return undefined;
}
