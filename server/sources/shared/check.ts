/** How `check` answers for settings that do not parse. */
import type { z } from "zod";
import type { CheckResult } from "../types";

/** Settings that do not parse, as `check`'s answer: the first problem, named by its field. */
export function invalidSettings(error: z.ZodError): CheckResult {
  const issue = error.issues[0];
  const field = issue?.path.join(".");
  return { ok: false, code: "invalid_config", message: `${field ? `${field}: ` : ""}${issue?.message ?? "Invalid settings"}` };
}
