/**
 * Models on top of connectors: previews, primary-key checks and saving, with the rules that
 * keep them safe — table models only name tables found by `discover`, and a model is saved only
 * when its query runs and its primary key is unique and never null on the live data.
 */
import type { Db } from "@/db/client";
import { InvalidRequestError } from "@/db/errors";
import { createModel, getModel, updateModel, type Model, type ModelQueryFields } from "@/db/queries/models";
import { getSourceRecord, recordSourceCheck } from "@/db/queries/sources";
import type { ModelColumn } from "@/db/schema";
import { getEnv } from "@/env";
import { openConfig } from "@/server/security/connection-config";
import { connectorFor } from "./config";
import {
  PREVIEW_LIMIT,
  PREVIEW_TIMEOUT_MS,
  SourceCancelledError,
  SourceQueryError,
  type KeyCheck,
  type ModelQuery,
  type PreviewResult,
} from "./types";

type Scope = { workspaceId: string; sourceId: string };
const SAMPLE_VALUES = 3;

export async function openSource(db: Db, scope: Scope) {
  const source = await getSourceRecord(db, scope);
  const connector = connectorFor(source.type);
  return { source, connector, config: openConfig(connector, source.encryptedConfig, getEnv().SLUICE_ENCRYPTION_KEY) };
}

export function modelQueryOf(model: ModelQueryFields): ModelQuery {
  if (model.queryKind === "table") return { kind: "table", schema: model.tableSchema, table: model.tableName ?? "" };
  return { kind: "sql", sql: model.sql ?? "" };
}

export function modelFieldsOf(query: ModelQuery): ModelQueryFields {
  return query.kind === "table"
    ? { queryKind: "table", tableSchema: query.schema, tableName: query.table, sql: null }
    : { queryKind: "sql", tableSchema: null, tableName: null, sql: query.sql };
}

/**
 * Runs a connector operation; a failure that is not about the query itself is re-diagnosed
 * with `check`, so people read "The password for user … was rejected", not a driver stack.
 */
async function withSource<T>(db: Db, scope: Scope, operation: (opened: Awaited<ReturnType<typeof openSource>>) => Promise<T>): Promise<T> {
  const opened = await openSource(db, scope);
  try {
    return await operation(opened);
  } catch (error) {
    if (error instanceof SourceQueryError || error instanceof SourceCancelledError || error instanceof InvalidRequestError) {
      throw error;
    }
    const check = await opened.connector.check(opened.config);
    if (check.ok) throw error;
    await recordSourceCheck(db, { ...scope, error: check.message });
    throw new InvalidRequestError(`${opened.source.name}: ${check.message}`);
  }
}

async function assertTableExists(opened: Awaited<ReturnType<typeof openSource>>, query: ModelQuery, signal?: AbortSignal) {
  if (query.kind !== "table") return;
  const tables = await opened.connector.discover(opened.config, { signal });
  if (!tables.some((table) => table.name === query.table && table.schema === query.schema)) {
    const name = query.schema ? `${query.schema}.${query.table}` : query.table;
    throw new InvalidRequestError(`There is no table or view named ${name} in ${opened.source.name}.`);
  }
}

export async function previewModelQuery(
  db: Db,
  params: Scope & { query: ModelQuery; signal?: AbortSignal; limit?: number },
): Promise<PreviewResult & { durationMs: number }> {
  return withSource(db, params, async (opened) => {
    await assertTableExists(opened, params.query, params.signal);
    const started = performance.now();
    const result = await opened.connector.preview(opened.config, params.query, {
      limit: params.limit ?? PREVIEW_LIMIT,
      timeoutMs: PREVIEW_TIMEOUT_MS,
      signal: params.signal,
    });
    return { ...result, durationMs: Math.round(performance.now() - started) };
  });
}

export async function checkModelKey(
  db: Db,
  params: Scope & { query: ModelQuery; primaryKey: string; signal?: AbortSignal },
): Promise<KeyCheck> {
  return withSource(db, params, async (opened) => {
    await assertTableExists(opened, params.query, params.signal);
    return opened.connector.checkKey(opened.config, params.query, params.primaryKey, {
      timeoutMs: PREVIEW_TIMEOUT_MS,
      signal: params.signal,
    });
  });
}

/** Columns with their types and the first few distinct values seen in a preview. */
export function columnsWithSamples(preview: PreviewResult): ModelColumn[] {
  return preview.columns.map((column) => {
    const samples: unknown[] = [];
    const seen = new Set<string>();
    for (const row of preview.rows) {
      const value = row[column.name];
      const key = JSON.stringify(value);
      if (value === null || value === undefined || seen.has(key)) continue;
      seen.add(key);
      samples.push(value);
      if (samples.length === SAMPLE_VALUES) break;
    }
    return { ...column, samples };
  });
}

export function describeKeyProblem(primaryKey: string, check: KeyCheck): string | null {
  const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
  const problems = [
    check.duplicateKeys > 0 && count(check.duplicateKeys, "value appears more than once", "values appear more than once"),
    check.nullKeys > 0 && count(check.nullKeys, "row has no value", "rows have no value"),
  ].filter(Boolean);
  return problems.length ? `${primaryKey} is not a unique key: ${problems.join(" and ")}.` : null;
}

/** Validates the query and key on the live data, then creates or updates the model. */
export async function saveModel(
  db: Db,
  params: Scope & {
    modelId?: string;
    name: string;
    description: string | null;
    query: ModelQuery;
    primaryKey: string;
    createdByUserId: string | null;
    signal?: AbortSignal;
  },
): Promise<Model> {
  const preview = await previewModelQuery(db, params);
  if (!preview.columns.some((column) => column.name === params.primaryKey)) {
    throw new InvalidRequestError(`The query has no column named ${params.primaryKey}.`);
  }
  const problem = describeKeyProblem(params.primaryKey, await checkModelKey(db, params));
  if (problem) throw new InvalidRequestError(`${problem} Pick a column that identifies each row once.`);
  const fields = {
    ...modelFieldsOf(params.query),
    name: params.name,
    description: params.description,
    primaryKey: params.primaryKey,
    columns: columnsWithSamples(preview),
  };
  return params.modelId
    ? updateModel(db, { workspaceId: params.workspaceId, modelId: params.modelId, ...fields })
    : createModel(db, { ...fields, workspaceId: params.workspaceId, sourceId: params.sourceId, createdByUserId: params.createdByUserId });
}

/** Re-reads a model's columns and sample values from the source. */
export async function refreshModelColumns(db: Db, params: { workspaceId: string; modelId: string; signal?: AbortSignal }) {
  const model = await getModel(db, params);
  const preview = await previewModelQuery(db, {
    workspaceId: params.workspaceId,
    sourceId: model.sourceId,
    query: modelQueryOf(model),
    signal: params.signal,
  });
  return updateModel(db, { workspaceId: params.workspaceId, modelId: model.id, columns: columnsWithSamples(preview) });
}
