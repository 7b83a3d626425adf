/** Schemas shared by the source and destination routers (both hold connection settings). */
import { z } from "zod";

/** Settings as typed into the form; the connector's own schema validates them on the server. */
export const ZConfigInput = z.record(z.string(), z.unknown());

export const ZName = z.string().trim().min(1, "Give it a name.").max(80);

export const ZCheckOutput = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);

/** A connector people can add, with the JSON Schema of its settings form. */
export const ZConnectorTypeOutput = z.object({
  type: z.string(),
  label: z.string(),
  configSchema: z.record(z.string(), z.unknown()),
  secretFields: z.array(z.string()),
});

/** Settings for an edit form: secrets are absent, only named in `secretsSet`. */
export const ZPublicConfig = z.object({ config: z.record(z.string(), z.unknown()), secretsSet: z.array(z.string()) });

export function connectorTypeOf(connector: { type: string; label: string; configSchema: z.ZodType<unknown>; secretFields: readonly string[] }) {
  return {
    type: connector.type,
    label: connector.label,
    configSchema: z.toJSONSchema(connector.configSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>,
    secretFields: [...connector.secretFields],
  };
}
