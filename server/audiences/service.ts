/**
 * Audiences on top of the stored models: builds the compile context from a workspace's models
 * and relations, runs counts and previews on the parent model's source, and keeps each saved
 * audience's own model (and one per split group) in step with its definition, so syncs read an
 * audience like any model.
 *
 * Event models: a related model is one when it has a text column named like an event name
 * (event_type, event_name, event, type, name) and a timestamp column (occurred_at, timestamp,
 * event_time, created_at, or else the first timestamp column). Relations do not store this yet.
 */
import type { Db } from "@/db/client";
import { ConflictError, InvalidRequestError } from "@/db/errors";
import { listAudiences, updateAudience, type Audience } from "@/db/queries/audiences";
import { createModel, deleteModel, getModel, listRelations, updateModel, type Model } from "@/db/queries/models";
import { assertNotUsedBySyncs } from "@/db/queries/syncs";
import type { SplitModel } from "@/db/schema";
import { openSource } from "../sources/models";
import type { ColumnType } from "../sources/types";
import { compileAudience, compileMembersPreview, compileOverlap, AudienceProblemsError } from "./compile";
import type { AudienceContext, AudienceModel } from "./context";
import { referencedAudienceIds, ZAudienceDefinition, type AudienceDefinition } from "./definition";
import { audienceProblems, type AudienceProblem } from "./validate";

const EVENT_NAME_COLUMNS = ["event_type", "event_name", "event", "type", "name"];
const TIMESTAMP_COLUMNS = ["occurred_at", "timestamp", "event_time", "created_at"];
const QUERY_TIMEOUT_MS = 30_000;

function audienceModel(model: Model): AudienceModel {
  return {
    id: model.id,
    name: model.name,
    query: model.queryKind === "table" ? { kind: "table", schema: model.tableSchema, table: model.tableName ?? "" } : { kind: "sql", sql: model.sql ?? "" },
    primaryKey: model.primaryKey,
    columns: model.columns.map((column) => ({ name: column.name, type: column.type as ColumnType })),
  };
}

function eventColumns(model: AudienceModel): { eventNameColumn: string | null; timestampColumn: string | null } {
  const named = (names: string[], type: ColumnType) =>
    names.map((name) => model.columns.find((column) => column.name === name && column.type === type)).find(Boolean)?.name ?? null;
  const eventNameColumn = named(EVENT_NAME_COLUMNS, "string");
  const timestampColumn = named(TIMESTAMP_COLUMNS, "timestamp") ?? model.columns.find((column) => column.type === "timestamp")?.name ?? null;
  return eventNameColumn && timestampColumn ? { eventNameColumn, timestampColumn } : { eventNameColumn: null, timestampColumn: null };
}

export function parseDefinition(stored: unknown): AudienceDefinition {
  return ZAudienceDefinition.parse(stored);
}

/** The compile context for audiences on `parentModelId`, and the parent model itself. */
export async function audienceContext(
  db: Db,
  params: { workspaceId: string; parentModelId: string; selfId?: string | null; audiences?: readonly Audience[] },
) {
  const parent = await getModel(db, { workspaceId: params.workspaceId, modelId: params.parentModelId });
  const relations = (await listRelations(db, { workspaceId: params.workspaceId, modelId: parent.id })).filter((relation) => relation.parentModelId === parent.id);
  const related = await Promise.all(
    relations.map(async (relation) => {
      const model = audienceModel(await getModel(db, { workspaceId: params.workspaceId, modelId: relation.childModelId }));
      return { id: relation.id, model, parentColumn: relation.parentColumn, childColumn: relation.childColumn, ...eventColumns(model) };
    }),
  );
  const siblings = (params.audiences ?? (await listAudiences(db, params.workspaceId))).filter((audience) => audience.parentModelId === parent.id);
  const byId = new Map(siblings.map((audience) => [audience.id, audience]));
  const self = params.selfId ? byId.get(params.selfId) : undefined;
  const context: AudienceContext = {
    parent: audienceModel(parent),
    related,
    self: self ? { id: self.id, name: self.name } : null,
    audience(id) {
      const found = byId.get(id);
      const parsed = found ? ZAudienceDefinition.safeParse(found.definition) : undefined;
      return found && parsed?.success ? { id: found.id, name: found.name, definition: parsed.data } : undefined;
    },
  };
  return { parent, context, others: siblings.filter((audience) => audience.id !== params.selfId) };
}

/**
 * The workspace's audiences, each with the first reason it cannot be counted or synced as it is
 * (a column deleted upstream, an audience it uses that is gone or became circular), or null.
 * Validation only, no warehouse query: cheap enough for every list.
 */
export async function listAudiencesWithStatus(db: Db, workspaceId: string) {
  const listed = await listAudiences(db, workspaceId);
  const contexts = new Map<string, Awaited<ReturnType<typeof audienceContext>>["context"]>();
  return Promise.all(
    listed.map(async (audience) => {
      const parsed = ZAudienceDefinition.safeParse(audience.definition);
      if (!parsed.success) return { ...audience, problem: "Its definition is from an unknown format." };
      let context = contexts.get(audience.parentModelId);
      if (!context) {
        context = (await audienceContext(db, { workspaceId, parentModelId: audience.parentModelId, audiences: listed })).context;
        contexts.set(audience.parentModelId, context);
      }
      const problems = audienceProblems(parsed.data, { ...context, self: { id: audience.id, name: audience.name } });
      return { ...audience, problem: problems[0]?.message ?? null };
    }),
  );
}

type Scope = { workspaceId: string; audienceId?: string | null; signal?: AbortSignal };

async function prepare(db: Db, definition: AudienceDefinition, scope: Scope) {
  const { parent, context } = await audienceContext(db, { workspaceId: scope.workspaceId, parentModelId: definition.parentModelId, selfId: scope.audienceId });
  const source = await openSource(db, { workspaceId: scope.workspaceId, sourceId: parent.sourceId });
  const run = async (sql: string, limit: number) =>
    source.connector.preview(source.config, { kind: "sql", sql }, { limit, signal: scope.signal, timeoutMs: QUERY_TIMEOUT_MS });
  return { parent, context, dialect: source.connector.dialect, run };
}

function numberOf(value: unknown): number {
  const number = typeof value === "number" ? value : Number(value);
  return Number.isFinite(number) ? number : 0;
}

export type Estimate = {
  problems: AudienceProblem[];
  count: number | null;
  breakdown: { conditionId: string; count: number }[];
  /** Members of each split group, when the audience is split. */
  splits: { groupId: string; count: number }[];
  sql: string | null;
  durationMs: number;
};

/** The live size while editing: problems, or the count and how many pass each top-level condition. */
export async function estimateAudience(db: Db, definition: AudienceDefinition, scope: Scope): Promise<Estimate> {
  const started = Date.now();
  const { context, dialect, run } = await prepare(db, definition, scope);
  const problems = audienceProblems(definition, context);
  if (problems.length > 0) return { problems, count: null, breakdown: [], splits: [], sql: null, durationMs: Date.now() - started };
  const compiled = compileAudience(definition, context, dialect);
  const [counted, broken, split] = await Promise.all([
    run(compiled.countSql, 1),
    run(compiled.breakdown.sql, 1),
    compiled.splits ? run(compiled.splits.countsSql, 1) : null,
  ]);
  const row = broken.rows[0] ?? {};
  const splitRow = split?.rows[0] ?? {};
  return {
    problems: [],
    count: numberOf(counted.rows[0]?.members),
    breakdown: compiled.breakdown.columns.map((column) => ({ conditionId: column.conditionId, count: numberOf(row[column.column]) })),
    splits: (compiled.splits?.groups ?? []).map((group, index) => ({ groupId: group.groupId, count: numberOf(splitRow[`group_${index + 1}`]) })),
    sql: compiled.sql,
    durationMs: Date.now() - started,
  };
}

export async function previewAudience(db: Db, definition: AudienceDefinition, scope: Scope & { columns: string[] }) {
  const { context, dialect, run } = await prepare(db, definition, scope);
  const result = await run(compileMembersPreview(definition, context, dialect, { columns: scope.columns, limit: 50 }), 50);
  return { columns: result.columns.map((column) => column.name), rows: result.rows };
}

export async function overlapAudience(db: Db, definition: AudienceDefinition, scope: Scope & { otherAudienceId: string }) {
  const { context, dialect, run } = await prepare(db, definition, scope);
  const result = await run(compileOverlap(definition, scope.otherAudienceId, context, dialect), 1);
  const row = result.rows[0] ?? {};
  return { audience: numberOf(row.audience), other: numberOf(row.other), both: numberOf(row.both) };
}

/** Top values of a column, for the builder's suggestions. */
export async function topValues(db: Db, params: { workspaceId: string; modelId: string; column: string; search?: string; signal?: AbortSignal }) {
  const model = await getModel(db, { workspaceId: params.workspaceId, modelId: params.modelId });
  if (!model.columns.some((column) => column.name === params.column)) throw new InvalidRequestError(`${model.name} has no column "${params.column}".`);
  const source = await openSource(db, { workspaceId: params.workspaceId, sourceId: model.sourceId });
  const { dialect } = source.connector;
  const column = dialect.quoteIdentifier(params.column);
  const sql = `SELECT ${column} AS value, count(*) AS count FROM ${dialect.relation(audienceModel(model).query)} WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY count(*) DESC, ${column}`;
  const result = await source.connector.preview(source.config, { kind: "sql", sql }, { limit: 200, signal: params.signal, timeoutMs: QUERY_TIMEOUT_MS });
  const needle = params.search?.toLowerCase() ?? "";
  return result.rows
    .map((row) => ({ value: typeof row.value === "string" ? row.value : JSON.stringify(row.value), count: numberOf(row.count) }))
    .filter((row) => row.value.toLowerCase().includes(needle))
    .slice(0, 20);
}

const MANAGED_NOTE = "Managed by an audience: edit the audience to change who is in it.";

/**
 * Compiles a saved audience and writes its model (created on first save) and split models, and
 * records its size. Refuses a definition with problems (AudienceProblemsError → BAD_REQUEST).
 */
export async function publishAudience(db: Db, audience: Audience, params: { signal?: AbortSignal; createdByUserId: string | null }): Promise<Audience> {
  const definition = parseDefinition(audience.definition);
  const scope = { workspaceId: audience.workspaceId, audienceId: audience.id, signal: params.signal };
  const { parent, context, dialect, run } = await prepare(db, definition, scope);
  const compiled = compileAudience(definition, context, dialect);
  const counted = await run(compiled.countSql, 1);
  const save = async (existing: string | null, name: string, sql: string) => {
    if (existing) {
      await updateModel(db, { workspaceId: audience.workspaceId, modelId: existing, name, description: MANAGED_NOTE, sql });
      return existing;
    }
    const model = await createModel(db, {
      workspaceId: audience.workspaceId,
      sourceId: parent.sourceId,
      name,
      description: MANAGED_NOTE,
      queryKind: "sql",
      tableSchema: null,
      tableName: null,
      sql,
      primaryKey: parent.primaryKey,
      columns: parent.columns,
      createdByUserId: params.createdByUserId,
    });
    return model.id;
  };
  const modelId = await save(audience.modelId, `Audience: ${audience.name}`, compiled.sql);
  const previousSplits = new Map(audience.splitModels.map((split) => [split.groupId, split.modelId]));
  const splitModels: SplitModel[] = [];
  for (const group of compiled.splits?.groups ?? []) {
    const id = await save(previousSplits.get(group.groupId) ?? null, `Audience: ${audience.name} — ${group.name}`, group.sql);
    previousSplits.delete(group.groupId);
    splitModels.push({ groupId: group.groupId, name: group.name, modelId: id });
  }
  // deleteModel refuses (CONFLICT) while a sync still uses a split group that was removed.
  for (const orphan of previousSplits.values()) await deleteModel(db, { workspaceId: audience.workspaceId, modelId: orphan });
  return updateAudience(db, {
    workspaceId: audience.workspaceId,
    audienceId: audience.id,
    modelId,
    splitModels,
    lastCount: numberOf(counted.rows[0]?.members),
    lastCountedAt: new Date(),
  });
}

/** The models an audience owns go with it; refused while a sync uses one of them. */
export async function removeAudienceModels(db: Db, audience: Audience): Promise<void> {
  const owned = [audience.modelId, ...audience.splitModels.map((split) => split.modelId)].filter((id): id is string => id !== null);
  for (const modelId of owned) await assertNotUsedBySyncs(db, { workspaceId: audience.workspaceId, modelId });
  const users = (await listAudiences(db, audience.workspaceId)).filter((other) => {
    const parsed = ZAudienceDefinition.safeParse(other.definition);
    return other.id !== audience.id && parsed.success && referencedAudienceIds(parsed.data).includes(audience.id);
  });
  if (users.length > 0) throw new ConflictError(`“${users[0]?.name}” uses this audience. Remove it from there first.`);
  for (const modelId of owned) await deleteModel(db, { workspaceId: audience.workspaceId, modelId });
}

export { AudienceProblemsError };
