/**
 * Checks a sync's settings against what they point at — the model's columns, the destination's
 * objects and fields, the operations the mode needs — before it is saved, so a sync that cannot
 * work is refused with the reason instead of failing at 3 a.m.
 */
import type { Db } from "@/db/client";
import { InvalidRequestError } from "@/db/errors";
import { getModel } from "@/db/queries/models";
import type { SyncMapping, SyncMode, SyncSchedule } from "@/db/schema";
import { openDestination } from "../destinations/open";
import type { DestinationObject } from "../destinations/types";
import { mappingProblems } from "./mapping";
import { operationsOf } from "./plan";
import { cronProblem } from "./schedule";

export type SyncSettings = {
  modelId: string;
  destinationId: string;
  destinationObject: string;
  mode: SyncMode;
  mapping: SyncMapping;
  schedule: SyncSchedule;
};

export async function destinationObjects(db: Db, scope: { workspaceId: string; destinationId: string }, signal?: AbortSignal): Promise<DestinationObject[]> {
  const { connector, config } = await openDestination(db, scope);
  return connector.discover(config, { signal });
}

export async function assertSyncSettings(db: Db, workspaceId: string, settings: SyncSettings, signal?: AbortSignal): Promise<void> {
  const model = await getModel(db, { workspaceId, modelId: settings.modelId });
  const problems = mappingProblems(
    settings.mapping,
    model.columns.map((column) => column.name),
  );
  const objects = await destinationObjects(db, { workspaceId, destinationId: settings.destinationId }, signal);
  const object = objects.find((candidate) => candidate.name === settings.destinationObject);
  if (!object) {
    problems.push(`The destination has no "${settings.destinationObject}". Choose one of: ${objects.map((o) => o.label).join(", ") || "none"}.`);
  } else {
    problems.push(...objectProblems(object, settings));
  }
  if (settings.schedule.kind === "cron") {
    const problem = cronProblem(settings.schedule.expression, settings.schedule.timezone);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw new InvalidRequestError(problems.join(" "));
}

function objectProblems(object: DestinationObject, settings: SyncSettings): string[] {
  const problems: string[] = [];
  const missing = operationsOf(settings.mode).filter((operation) => !object.operations.includes(operation));
  if (missing.length > 0) {
    problems.push(`${object.label} cannot ${missing.join(" or ")} records, which ${settings.mode} mode needs. Choose another mode.`);
  }
  if (object.acceptsCustomFields) return problems;
  const fields = new Map(object.fields.map((field) => [field.name, field]));
  for (const field of settings.mapping.fields) {
    if (!fields.has(field.destination)) problems.push(`${object.label} has no field "${field.destination}".`);
  }
  const identifier = fields.get(settings.mapping.identifier);
  if (identifier && !identifier.identifier) {
    problems.push(`"${identifier.name}" cannot identify records in ${object.label}: choose a key or unique field to match on.`);
  }
  const mapped = new Set(settings.mapping.fields.map((field) => field.destination));
  const required = object.fields.filter((field) => field.required && !mapped.has(field.name)).map((field) => field.name);
  if (required.length > 0 && settings.mode !== "update") problems.push(`${object.label} needs a value for ${required.join(", ")}: map them.`);
  return problems;
}
