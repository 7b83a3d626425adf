/**
 * Field mappings: which model column fills which destination field, through which transform.
 * A mapping is compiled once per run into a function from a source row to the payload sent.
 *
 * Transforms are pure and total: a value they cannot convert becomes null (e.g. "abc" as a
 * number), so one odd row never stops a run; the destination decides whether null is allowed.
 * `sha256` follows the ad platforms' customer-match rules: trim, lowercase, then SHA-256 hex.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { SyncMapping } from "@/db/schema";
import { setCell } from "../sources/shared/values";
import type { CellValue, Row } from "../sources/types";
import { payloadCanonicalizer } from "./fingerprint";

export const TRANSFORMS = {
  none: "As is",
  trim: "Trim spaces",
  lowercase: "Lowercase",
  uppercase: "Uppercase",
  sha256: "SHA-256 (trimmed, lowercased)",
  string: "Text",
  number: "Number",
  date: "Date (YYYY-MM-DD)",
} as const;
export type Transform = keyof typeof TRANSFORMS;
const TRANSFORM_NAMES = Object.keys(TRANSFORMS) as [Transform, ...Transform[]];

const ZFieldMapping = z.object({
  source: z.string().min(1, "Choose a model column."),
  destination: z.string().trim().min(1, "Name the destination field.").max(200),
  transform: z.enum(TRANSFORM_NAMES).default("none"),
});

export const ZSyncMapping = z
  .object({
    version: z.literal(1).default(1),
    identifier: z.string().min(1, "Choose the field that identifies a record in the destination."),
    fields: z.array(ZFieldMapping).min(1, "Map at least one field.").max(500),
  })
  .superRefine((mapping, context) => {
    const seen = new Set<string>();
    mapping.fields.forEach((field, index) => {
      if (seen.has(field.destination)) {
        context.addIssue({ code: "custom", path: ["fields", index, "destination"], message: `"${field.destination}" is mapped twice.` });
      }
      seen.add(field.destination);
    });
    if (mapping.identifier !== "" && !seen.has(mapping.identifier)) {
      context.addIssue({ code: "custom", path: ["identifier"], message: `The identifier "${mapping.identifier}" must be one of the mapped fields.` });
    }
  });

/** The problems of a mapping against the model's columns, in words for the person editing it. */
export function mappingProblems(mapping: SyncMapping, columns: readonly string[]): string[] {
  const known = new Set(columns);
  return mapping.fields
    .filter((field) => !known.has(field.source))
    .map((field) => `The model has no column "${field.source}" (mapped to ${field.destination}).`);
}

function applyTransform(transform: string, value: CellValue): CellValue {
  if (value === null || transform === "none") return value;
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  switch (transform) {
    case "trim":
      return typeof value === "string" ? value.trim() : value;
    case "lowercase":
      return typeof value === "string" ? value.toLowerCase() : value;
    case "uppercase":
      return typeof value === "string" ? value.toUpperCase() : value;
    case "sha256":
      return createHash("sha256").update(text.trim().toLowerCase()).digest("hex");
    case "string":
      return text;
    case "number": {
      const number = typeof value === "number" ? value : Number(text.trim());
      return text.trim() === "" || !Number.isFinite(number) ? null : number;
    }
    case "date": {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
    }
    default:
      return value;
  }
}

export type CompiledMapping = {
  /** The mapping as saved: changing any part of it changes every fingerprint (see detect.ts). */
  definition: SyncMapping;
  /** The model columns the payload is made of. */
  columns: string[];
  /** The payload sent for a row (destination field → value). */
  payload(row: Row): Record<string, CellValue>;
  /** `canonicalize(payload)`, with the keys sorted once per run (see fingerprint.ts). */
  canonical(payload: Record<string, CellValue>): string;
  /** The identifier value of a payload as JSON text (what deletes and removals are matched by). */
  identity(payload: Record<string, CellValue>): string;
  identifier: string;
};

export function compileMapping(mapping: SyncMapping): CompiledMapping {
  const fields = mapping.fields.map((field) => ({ ...field }));
  const canonical = payloadCanonicalizer(fields.map((field) => field.destination));
  return {
    canonical,
    definition: mapping,
    columns: [...new Set(fields.map((field) => field.source))],
    identifier: mapping.identifier,
    payload(row) {
      const payload: Record<string, CellValue> = {};
      for (const field of fields) setCell(payload, field.destination, applyTransform(field.transform, row[field.source] ?? null));
      return payload;
    },
    identity(payload) {
      return JSON.stringify(payload[mapping.identifier] ?? null);
    },
  };
}

/** The payload of a delete or removal: only the identifier, with the value last sent. */
export function identityPayload(identifier: string, identity: string): Record<string, CellValue> {
  return { [identifier]: JSON.parse(identity) as CellValue };
}
