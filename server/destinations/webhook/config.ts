/**
 * Settings of a webhook destination. Parsing is idempotent: a parsed config parses to itself,
 * because stored settings are parsed again when they are opened.
 */
import { z } from "zod";

export const WEBHOOK_METHODS = ["POST", "PUT"] as const;

/** Headers Sluice sets itself; a custom header may not replace them. */
export const RESERVED_HEADERS = [
  "content-type",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "host",
  "x-sluice-signature",
] as const;

/** RFC 9110 §5.1: a field name is a token. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 §5.5: visible characters, spaces and tabs; never CR, LF or NUL. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

const ZHeader = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the header name")
    .regex(HEADER_NAME, "A header name has letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ only")
    .refine((name) => !(RESERVED_HEADERS as readonly string[]).includes(name.toLowerCase()), {
      message: "Sluice sets this header itself",
    }),
  value: z.string().regex(HEADER_VALUE, "A header value cannot contain line breaks or control characters"),
});

export type WebhookHeader = z.infer<typeof ZHeader>;

function httpUrlProblem(text: string): string | null {
  if (!URL.canParse(text)) return "Enter a full URL, such as https://example.com/hooks/sluice";
  const url = new URL(text);
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The URL must start with https:// or http://";
  if (url.username !== "" || url.password !== "") return "Put credentials in a secret header, not in the URL";
  if (url.hash !== "") return "Remove the #fragment: it is never sent to the server";
  return null;
}

/** Blank form fields mean "not set". */
const blankAsUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const ZWebhookConfig = z
  .object({
    url: z
      .string()
      .trim()
      .min(1, "Enter the URL Sluice sends batches to")
      .superRefine((text, ctx) => {
        const problem = text === "" ? null : httpUrlProblem(text);
        if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
      })
      .meta({ title: "URL" }),
    method: z.enum(WEBHOOK_METHODS).default("POST").meta({ title: "Method" }),
    headers: z.array(ZHeader).max(20).default([]).meta({ title: "Headers", description: "Sent with every request." }),
    secretHeaders: z
      .array(ZHeader)
      .max(20)
      .default([])
      .meta({ title: "Secret headers", description: "Like headers, but stored encrypted and never shown again (e.g. Authorization)." }),
    signingSecret: z
      .string()
      .min(16, "Use at least 16 characters; a long random value is best")
      .max(256)
      .meta({
        title: "Signing secret",
        description: "Signs every request (X-Sluice-Signature, HMAC-SHA256); your endpoint verifies it with the same value.",
      }),
    batchSize: z.coerce.number().int().min(1).max(10_000).default(500).meta({ title: "Records per request" }),
    timeoutSeconds: z.coerce.number().int().min(1).max(120).default(30).meta({ title: "Timeout (seconds)" }),
    concurrency: z.coerce.number().int().min(1).max(16).default(4).meta({ title: "Requests in parallel" }),
    requestsPerSecond: z.preprocess(
      blankAsUndefined,
      z.coerce
        .number()
        .positive()
        .max(10_000)
        .optional()
        .meta({ title: "Requests per second", description: "Shared by every sync and worker sending to this URL. Empty: only the number of parallel requests limits the rate." }),
    ),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    for (const [list, headers] of [["headers", config.headers], ["secretHeaders", config.secretHeaders]] as const) {
      headers.forEach((header, index) => {
        const name = header.name.toLowerCase();
        if (seen.has(name)) ctx.addIssue({ code: "custom", path: [list, index, "name"], message: `"${header.name}" is set twice` });
        seen.add(name);
      });
    }
  });

export type TWebhookConfig = z.infer<typeof ZWebhookConfig>;
