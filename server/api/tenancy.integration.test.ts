/**
 * Tenancy: whatever a caller of workspace A aims at workspace B — B's id, or B's object ids
 * under A's id — the answer is NOT_FOUND (B's existence is never confirmed) and B is unchanged.
 *
 * A new procedure that takes a workspaceId or an object id adds a line to `CASES`; one that is
 * not scoped by workspace adds itself to `NOT_WORKSPACE_SCOPED` with the reason. The coverage
 * test below fails until one of the two is done.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/database";
import { callerAs, uniqueEmail, type Actor, type Caller } from "@/test/factories";
import { createTenant, snapshotTenant, type Tenant } from "@/test/tenancy";
import { emptyAudienceDefinition } from "@/server/audiences/definition";
import { appRouter } from "./root";

type TenancyCase = {
  procedure: string;
  /** What of B the call carries: B's workspace id, or B's object id under A's workspace id. */
  aim: "B's workspace" | "B's object in A";
  call: (api: Caller, ids: { a: string; b: Tenant }) => Promise<unknown>;
};

const SQL = { kind: "sql" as const, sql: "select 1 as id" };
const MODEL = { name: "Stolen", description: null, query: SQL, primaryKey: "id" };
const syncOf = (b: Tenant) => ({
  name: "Stolen",
  modelId: b.modelId,
  destinationId: b.destinationId,
  destinationObject: "records",
  mode: "upsert" as const,
  mapping: { version: 1 as const, identifier: "id", fields: [{ source: "id", destination: "id", transform: "none" as const }] },
  schedule: { kind: "manual" as const },
  slaMinutes: 60,
});
const everyoneIn = (b: Tenant) => emptyAudienceDefinition(b.modelId);
const relationOf = (b: Tenant) => ({ parentModelId: b.modelId, parentColumn: "id", childModelId: b.modelId, childColumn: "id" });

const CASES: TenancyCase[] = [
  { procedure: "workspace.get", aim: "B's workspace", call: (api, { b }) => api.workspace.get({ workspaceId: b.workspace.id }) },
  { procedure: "workspace.update", aim: "B's workspace", call: (api, { b }) => api.workspace.update({ workspaceId: b.workspace.id, name: "Taken" }) },
  { procedure: "member.list", aim: "B's workspace", call: (api, { b }) => api.member.list({ workspaceId: b.workspace.id }) },
  { procedure: "member.updateRole", aim: "B's workspace", call: (api, { b }) => api.member.updateRole({ workspaceId: b.workspace.id, userId: b.member.id, role: "viewer" }) },
  { procedure: "member.updateRole", aim: "B's object in A", call: (api, { a, b }) => api.member.updateRole({ workspaceId: a, userId: b.member.id, role: "viewer" }) },
  { procedure: "member.remove", aim: "B's workspace", call: (api, { b }) => api.member.remove({ workspaceId: b.workspace.id, userId: b.member.id }) },
  { procedure: "member.remove", aim: "B's object in A", call: (api, { a, b }) => api.member.remove({ workspaceId: a, userId: b.member.id }) },
  { procedure: "invite.list", aim: "B's workspace", call: (api, { b }) => api.invite.list({ workspaceId: b.workspace.id }) },
  { procedure: "invite.create", aim: "B's workspace", call: (api, { b }) => api.invite.create({ workspaceId: b.workspace.id, email: uniqueEmail(), role: "admin" }) },
  { procedure: "invite.revoke", aim: "B's workspace", call: (api, { b }) => api.invite.revoke({ workspaceId: b.workspace.id, inviteId: b.inviteId }) },
  { procedure: "invite.revoke", aim: "B's object in A", call: (api, { a, b }) => api.invite.revoke({ workspaceId: a, inviteId: b.inviteId }) },
  { procedure: "apiToken.list", aim: "B's workspace", call: (api, { b }) => api.apiToken.list({ workspaceId: b.workspace.id }) },
  { procedure: "apiToken.create", aim: "B's workspace", call: (api, { b }) => api.apiToken.create({ workspaceId: b.workspace.id, name: "Backdoor", role: "admin" }) },
  { procedure: "apiToken.revoke", aim: "B's workspace", call: (api, { b }) => api.apiToken.revoke({ workspaceId: b.workspace.id, tokenId: b.token.id }) },
  { procedure: "apiToken.revoke", aim: "B's object in A", call: (api, { a, b }) => api.apiToken.revoke({ workspaceId: a, tokenId: b.token.id }) },
  { procedure: "source.list", aim: "B's workspace", call: (api, { b }) => api.source.list({ workspaceId: b.workspace.id }) },
  { procedure: "source.get", aim: "B's workspace", call: (api, { b }) => api.source.get({ workspaceId: b.workspace.id, sourceId: b.sourceId }) },
  { procedure: "source.get", aim: "B's object in A", call: (api, { a, b }) => api.source.get({ workspaceId: a, sourceId: b.sourceId }) },
  { procedure: "source.types", aim: "B's workspace", call: (api, { b }) => api.source.types({ workspaceId: b.workspace.id }) },
  { procedure: "source.create", aim: "B's workspace", call: (api, { b }) => api.source.create({ workspaceId: b.workspace.id, name: "Mine", type: "postgres", config: {} }) },
  { procedure: "source.update", aim: "B's workspace", call: (api, { b }) => api.source.update({ workspaceId: b.workspace.id, sourceId: b.sourceId, name: "Taken" }) },
  { procedure: "source.update", aim: "B's object in A", call: (api, { a, b }) => api.source.update({ workspaceId: a, sourceId: b.sourceId, name: "Taken" }) },
  { procedure: "source.delete", aim: "B's workspace", call: (api, { b }) => api.source.delete({ workspaceId: b.workspace.id, sourceId: b.sourceId }) },
  { procedure: "source.delete", aim: "B's object in A", call: (api, { a, b }) => api.source.delete({ workspaceId: a, sourceId: b.sourceId }) },
  { procedure: "source.test", aim: "B's workspace", call: (api, { b }) => api.source.test({ workspaceId: b.workspace.id, sourceId: b.sourceId }) },
  { procedure: "source.test", aim: "B's object in A", call: (api, { a, b }) => api.source.test({ workspaceId: a, sourceId: b.sourceId }) },
  { procedure: "source.discover", aim: "B's workspace", call: (api, { b }) => api.source.discover({ workspaceId: b.workspace.id, sourceId: b.sourceId }) },
  { procedure: "source.discover", aim: "B's object in A", call: (api, { a, b }) => api.source.discover({ workspaceId: a, sourceId: b.sourceId }) },
  { procedure: "model.list", aim: "B's workspace", call: (api, { b }) => api.model.list({ workspaceId: b.workspace.id }) },
  { procedure: "model.get", aim: "B's workspace", call: (api, { b }) => api.model.get({ workspaceId: b.workspace.id, modelId: b.modelId }) },
  { procedure: "model.get", aim: "B's object in A", call: (api, { a, b }) => api.model.get({ workspaceId: a, modelId: b.modelId }) },
  { procedure: "model.preview", aim: "B's workspace", call: (api, { b }) => api.model.preview({ workspaceId: b.workspace.id, sourceId: b.sourceId, query: SQL }) },
  { procedure: "model.preview", aim: "B's object in A", call: (api, { a, b }) => api.model.preview({ workspaceId: a, sourceId: b.sourceId, query: SQL }) },
  { procedure: "model.checkKey", aim: "B's workspace", call: (api, { b }) => api.model.checkKey({ workspaceId: b.workspace.id, sourceId: b.sourceId, query: SQL, primaryKey: "id" }) },
  { procedure: "model.checkKey", aim: "B's object in A", call: (api, { a, b }) => api.model.checkKey({ workspaceId: a, sourceId: b.sourceId, query: SQL, primaryKey: "id" }) },
  { procedure: "model.create", aim: "B's workspace", call: (api, { b }) => api.model.create({ workspaceId: b.workspace.id, sourceId: b.sourceId, ...MODEL }) },
  { procedure: "model.create", aim: "B's object in A", call: (api, { a, b }) => api.model.create({ workspaceId: a, sourceId: b.sourceId, ...MODEL }) },
  { procedure: "model.update", aim: "B's workspace", call: (api, { b }) => api.model.update({ workspaceId: b.workspace.id, modelId: b.modelId, ...MODEL }) },
  { procedure: "model.update", aim: "B's object in A", call: (api, { a, b }) => api.model.update({ workspaceId: a, modelId: b.modelId, ...MODEL }) },
  { procedure: "model.delete", aim: "B's workspace", call: (api, { b }) => api.model.delete({ workspaceId: b.workspace.id, modelId: b.modelId }) },
  { procedure: "model.delete", aim: "B's object in A", call: (api, { a, b }) => api.model.delete({ workspaceId: a, modelId: b.modelId }) },
  { procedure: "model.refresh", aim: "B's workspace", call: (api, { b }) => api.model.refresh({ workspaceId: b.workspace.id, modelId: b.modelId }) },
  { procedure: "model.refresh", aim: "B's object in A", call: (api, { a, b }) => api.model.refresh({ workspaceId: a, modelId: b.modelId }) },
  { procedure: "model.upload", aim: "B's workspace", call: (api, { b }) => api.model.upload({ workspaceId: b.workspace.id, fileName: "x.csv", format: "csv", contentBase64: "YSxiCjEsMgo=" }) },
  { procedure: "modelRelation.list", aim: "B's workspace", call: (api, { b }) => api.modelRelation.list({ workspaceId: b.workspace.id }) },
  { procedure: "modelRelation.create", aim: "B's workspace", call: (api, { b }) => api.modelRelation.create({ workspaceId: b.workspace.id, ...relationOf(b) }) },
  { procedure: "modelRelation.create", aim: "B's object in A", call: (api, { a, b }) => api.modelRelation.create({ workspaceId: a, ...relationOf(b) }) },
  { procedure: "modelRelation.delete", aim: "B's workspace", call: (api, { b }) => api.modelRelation.delete({ workspaceId: b.workspace.id, relationId: b.relationId }) },
  { procedure: "modelRelation.delete", aim: "B's object in A", call: (api, { a, b }) => api.modelRelation.delete({ workspaceId: a, relationId: b.relationId }) },
  { procedure: "destination.list", aim: "B's workspace", call: (api, { b }) => api.destination.list({ workspaceId: b.workspace.id }) },
  { procedure: "destination.types", aim: "B's workspace", call: (api, { b }) => api.destination.types({ workspaceId: b.workspace.id }) },
  { procedure: "destination.get", aim: "B's workspace", call: (api, { b }) => api.destination.get({ workspaceId: b.workspace.id, destinationId: b.destinationId }) },
  { procedure: "destination.get", aim: "B's object in A", call: (api, { a, b }) => api.destination.get({ workspaceId: a, destinationId: b.destinationId }) },
  { procedure: "destination.create", aim: "B's workspace", call: (api, { b }) => api.destination.create({ workspaceId: b.workspace.id, name: "Mine", type: "webhook", config: {} }) },
  { procedure: "destination.update", aim: "B's workspace", call: (api, { b }) => api.destination.update({ workspaceId: b.workspace.id, destinationId: b.destinationId, name: "Taken" }) },
  { procedure: "destination.update", aim: "B's object in A", call: (api, { a, b }) => api.destination.update({ workspaceId: a, destinationId: b.destinationId, name: "Taken" }) },
  { procedure: "destination.delete", aim: "B's workspace", call: (api, { b }) => api.destination.delete({ workspaceId: b.workspace.id, destinationId: b.destinationId }) },
  { procedure: "destination.delete", aim: "B's object in A", call: (api, { a, b }) => api.destination.delete({ workspaceId: a, destinationId: b.destinationId }) },
  { procedure: "destination.test", aim: "B's workspace", call: (api, { b }) => api.destination.test({ workspaceId: b.workspace.id, destinationId: b.destinationId }) },
  { procedure: "destination.test", aim: "B's object in A", call: (api, { a, b }) => api.destination.test({ workspaceId: a, destinationId: b.destinationId }) },
  { procedure: "sync.list", aim: "B's workspace", call: (api, { b }) => api.sync.list({ workspaceId: b.workspace.id }) },
  { procedure: "sync.transforms", aim: "B's workspace", call: (api, { b }) => api.sync.transforms({ workspaceId: b.workspace.id }) },
  { procedure: "sync.get", aim: "B's workspace", call: (api, { b }) => api.sync.get({ workspaceId: b.workspace.id, syncId: b.syncId }) },
  { procedure: "sync.get", aim: "B's object in A", call: (api, { a, b }) => api.sync.get({ workspaceId: a, syncId: b.syncId }) },
  { procedure: "sync.destinationObjects", aim: "B's workspace", call: (api, { b }) => api.sync.destinationObjects({ workspaceId: b.workspace.id, destinationId: b.destinationId }) },
  { procedure: "sync.destinationObjects", aim: "B's object in A", call: (api, { a, b }) => api.sync.destinationObjects({ workspaceId: a, destinationId: b.destinationId }) },
  { procedure: "sync.create", aim: "B's workspace", call: (api, { b }) => api.sync.create({ workspaceId: b.workspace.id, ...syncOf(b) }) },
  { procedure: "sync.create", aim: "B's object in A", call: (api, { a, b }) => api.sync.create({ workspaceId: a, ...syncOf(b) }) },
  { procedure: "sync.update", aim: "B's workspace", call: (api, { b }) => api.sync.update({ workspaceId: b.workspace.id, syncId: b.syncId, ...syncOf(b) }) },
  { procedure: "sync.update", aim: "B's object in A", call: (api, { a, b }) => api.sync.update({ workspaceId: a, syncId: b.syncId, ...syncOf(b) }) },
  { procedure: "sync.delete", aim: "B's workspace", call: (api, { b }) => api.sync.delete({ workspaceId: b.workspace.id, syncId: b.syncId }) },
  { procedure: "sync.delete", aim: "B's object in A", call: (api, { a, b }) => api.sync.delete({ workspaceId: a, syncId: b.syncId }) },
  { procedure: "sync.setPaused", aim: "B's workspace", call: (api, { b }) => api.sync.setPaused({ workspaceId: b.workspace.id, syncId: b.syncId, paused: true }) },
  { procedure: "sync.setPaused", aim: "B's object in A", call: (api, { a, b }) => api.sync.setPaused({ workspaceId: a, syncId: b.syncId, paused: true }) },
  { procedure: "sync.run", aim: "B's workspace", call: (api, { b }) => api.sync.run({ workspaceId: b.workspace.id, syncId: b.syncId }) },
  { procedure: "sync.run", aim: "B's object in A", call: (api, { a, b }) => api.sync.run({ workspaceId: a, syncId: b.syncId }) },
  { procedure: "sync.rejections", aim: "B's workspace", call: (api, { b }) => api.sync.rejections({ workspaceId: b.workspace.id, syncId: b.syncId }) },
  { procedure: "sync.rejections", aim: "B's object in A", call: (api, { a, b }) => api.sync.rejections({ workspaceId: a, syncId: b.syncId }) },
  { procedure: "sync.replayParked", aim: "B's workspace", call: (api, { b }) => api.sync.replayParked({ workspaceId: b.workspace.id, syncId: b.syncId }) },
  { procedure: "sync.replayParked", aim: "B's object in A", call: (api, { a, b }) => api.sync.replayParked({ workspaceId: a, syncId: b.syncId }) },
  { procedure: "syncRun.list", aim: "B's workspace", call: (api, { b }) => api.syncRun.list({ workspaceId: b.workspace.id, syncId: b.syncId }) },
  { procedure: "syncRun.list", aim: "B's object in A", call: (api, { a, b }) => api.syncRun.list({ workspaceId: a, syncId: b.syncId }) },
  { procedure: "syncRun.get", aim: "B's workspace", call: (api, { b }) => api.syncRun.get({ workspaceId: b.workspace.id, runId: b.runId }) },
  { procedure: "syncRun.get", aim: "B's object in A", call: (api, { a, b }) => api.syncRun.get({ workspaceId: a, runId: b.runId }) },
  { procedure: "syncRun.cancel", aim: "B's workspace", call: (api, { b }) => api.syncRun.cancel({ workspaceId: b.workspace.id, runId: b.runId }) },
  { procedure: "syncRun.cancel", aim: "B's object in A", call: (api, { a, b }) => api.syncRun.cancel({ workspaceId: a, runId: b.runId }) },
  { procedure: "syncRun.changes", aim: "B's workspace", call: (api, { b }) => api.syncRun.changes({ workspaceId: b.workspace.id, runId: b.runId }) },
  { procedure: "syncRun.changes", aim: "B's object in A", call: (api, { a, b }) => api.syncRun.changes({ workspaceId: a, runId: b.runId }) },
  { procedure: "metric.sync", aim: "B's workspace", call: (api, { b }) => api.metric.sync({ workspaceId: b.workspace.id, syncId: b.syncId }) },
  { procedure: "metric.sync", aim: "B's object in A", call: (api, { a, b }) => api.metric.sync({ workspaceId: a, syncId: b.syncId }) },
  { procedure: "metric.workspace", aim: "B's workspace", call: (api, { b }) => api.metric.workspace({ workspaceId: b.workspace.id }) },
  { procedure: "audience.list", aim: "B's workspace", call: (api, { b }) => api.audience.list({ workspaceId: b.workspace.id }) },
  { procedure: "audience.get", aim: "B's workspace", call: (api, { b }) => api.audience.get({ workspaceId: b.workspace.id, audienceId: b.audienceId }) },
  { procedure: "audience.get", aim: "B's object in A", call: (api, { a, b }) => api.audience.get({ workspaceId: a, audienceId: b.audienceId }) },
  { procedure: "audience.builderContext", aim: "B's workspace", call: (api, { b }) => api.audience.builderContext({ workspaceId: b.workspace.id, parentModelId: b.modelId }) },
  { procedure: "audience.builderContext", aim: "B's object in A", call: (api, { a, b }) => api.audience.builderContext({ workspaceId: a, parentModelId: b.modelId }) },
  { procedure: "audience.values", aim: "B's workspace", call: (api, { b }) => api.audience.values({ workspaceId: b.workspace.id, modelId: b.modelId, column: "id" }) },
  { procedure: "audience.values", aim: "B's object in A", call: (api, { a, b }) => api.audience.values({ workspaceId: a, modelId: b.modelId, column: "id" }) },
  { procedure: "audience.estimate", aim: "B's workspace", call: (api, { b }) => api.audience.estimate({ workspaceId: b.workspace.id, definition: everyoneIn(b) }) },
  { procedure: "audience.estimate", aim: "B's object in A", call: (api, { a, b }) => api.audience.estimate({ workspaceId: a, definition: everyoneIn(b) }) },
  { procedure: "audience.preview", aim: "B's workspace", call: (api, { b }) => api.audience.preview({ workspaceId: b.workspace.id, definition: everyoneIn(b) }) },
  { procedure: "audience.preview", aim: "B's object in A", call: (api, { a, b }) => api.audience.preview({ workspaceId: a, definition: everyoneIn(b) }) },
  { procedure: "audience.overlap", aim: "B's workspace", call: (api, { b }) => api.audience.overlap({ workspaceId: b.workspace.id, definition: everyoneIn(b), otherAudienceId: b.audienceId }) },
  { procedure: "audience.overlap", aim: "B's object in A", call: (api, { a, b }) => api.audience.overlap({ workspaceId: a, definition: everyoneIn(b), otherAudienceId: b.audienceId }) },
  { procedure: "audience.create", aim: "B's workspace", call: (api, { b }) => api.audience.create({ workspaceId: b.workspace.id, name: "Stolen", description: null, definition: everyoneIn(b) }) },
  { procedure: "audience.create", aim: "B's object in A", call: (api, { a, b }) => api.audience.create({ workspaceId: a, name: "Stolen", description: null, definition: everyoneIn(b) }) },
  { procedure: "audience.update", aim: "B's workspace", call: (api, { b }) => api.audience.update({ workspaceId: b.workspace.id, audienceId: b.audienceId, name: "Taken", description: null, definition: everyoneIn(b) }) },
  { procedure: "audience.update", aim: "B's object in A", call: (api, { a, b }) => api.audience.update({ workspaceId: a, audienceId: b.audienceId, name: "Taken", description: null, definition: everyoneIn(b) }) },
  { procedure: "audience.delete", aim: "B's workspace", call: (api, { b }) => api.audience.delete({ workspaceId: b.workspace.id, audienceId: b.audienceId }) },
  { procedure: "audience.delete", aim: "B's object in A", call: (api, { a, b }) => api.audience.delete({ workspaceId: a, audienceId: b.audienceId }) },
];

/** Procedures that take no workspace id, and where their tenancy is tested instead. */
const NOT_WORKSPACE_SCOPED: Record<string, string> = {
  "workspace.list": "lists the caller's own workspaces (workspace and api-token tests)",
  "workspace.create": "makes a new workspace owned by the caller",
  "invite.preview": "addressed by the invite's secret token (invite tests)",
  "invite.accept": "addressed by the invite's secret token and the invitee's email (invite tests)",
};

/** A's most powerful callers, so that only tenancy can be the reason for a refusal. */
const ACTORS: { name: string; actor: (a: Tenant) => Actor }[] = [
  { name: "A's owner", actor: (a) => ({ user: a.owner }) },
  { name: "A's admin API token", actor: (a) => ({ token: a.token.secret }) },
];

const db = useTestDatabase();

it("covers every procedure of the app router", () => {
  const covered = new Set([...CASES.map((c) => c.procedure), ...Object.keys(NOT_WORKSPACE_SCOPED)]);
  const procedures = Object.keys(appRouter._def.procedures);
  expect(procedures).toContain("workspace.get");
  expect(procedures.filter((procedure) => !covered.has(procedure))).toEqual([]);
});

describe.each(ACTORS)("$name", ({ actor }) => {
  let a: Tenant;
  let b: Tenant;
  let bBefore: Awaited<ReturnType<typeof snapshotTenant>>;

  beforeAll(async () => {
    a = await createTenant(db(), "Workspace A");
    b = await createTenant(db(), "Workspace B");
    bBefore = await snapshotTenant(b);
  });

  it.each(CASES)("$procedure with $aim: NOT_FOUND, B unchanged", async ({ call }) => {
    const api = await callerAs(db(), actor(a));
    await expect(call(api, { a: a.workspace.id, b })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshotTenant(b)).toEqual(bBefore);
  });
});
