/**
 * Two-workspace fixture for tenancy tests: a tenant holds one object of every kind the API
 * addresses by id, so a test can aim another tenant's ids at the API and check that the
 * answer is NOT_FOUND and that nothing of the victim changed.
 */
import type { Db } from "@/db/client";
import { createAudience } from "@/db/queries/audiences";
import { createDestination } from "@/db/queries/destinations";
import { createModel, createRelation } from "@/db/queries/models";
import { createRun } from "@/db/queries/sync-runs";
import { createSync } from "@/db/queries/syncs";
import { getEnv } from "@/env";
import { emptyAudienceDefinition } from "@/server/audiences/definition";
import { sealConfig } from "@/server/security/connection-config";
import type { PublicUser } from "@/db/queries/users";
import type { Workspace } from "@/db/queries/workspaces";
import { addMember, callerAs, createToken, createUser, createWorkspace, uniqueEmail, type Caller } from "./factories";

export type Tenant = {
  workspace: Workspace;
  owner: PublicUser;
  /** A non-owner member, the target of member.updateRole / member.remove. */
  member: PublicUser;
  inviteId: string;
  token: { id: string; secret: string };
  sourceId: string;
  modelId: string;
  relationId: string;
  destinationId: string;
  syncId: string;
  runId: string;
  audienceId: string;
  asOwner: () => Promise<Caller>;
};

const COLUMNS = [{ name: "id", type: "integer", nativeType: "int4", samples: [1] }];

export async function createTenant(db: Db, name: string): Promise<Tenant> {
  const owner = await createUser(db, { name: `${name} owner` });
  const workspace = await createWorkspace(db, { owner, name });
  const member = await addMember(db, { workspaceId: workspace.id, role: "editor" });
  const asOwner = () => callerAs(db, { user: owner });
  const api = await asOwner();
  const email = uniqueEmail("invitee");
  const { invite } = await api.invite.create({ workspaceId: workspace.id, email, role: "viewer" });
  const token = await createToken(db, { workspaceId: workspace.id, role: "admin", createdBy: owner });
  const [source] = await api.source.list({ workspaceId: workspace.id });
  if (!source) throw new Error("A new workspace should have its demo source");
  // Models are inserted directly: tenancy is about ids, and this needs no warehouse.
  const model = (table: string) =>
    createModel(db, {
      workspaceId: workspace.id,
      sourceId: source.id,
      name: table,
      description: null,
      queryKind: "table",
      tableSchema: null,
      tableName: table,
      sql: null,
      primaryKey: "id",
      columns: COLUMNS,
      createdByUserId: owner.id,
    });
  const parent = await model("customers");
  const child = await model("orders");
  const relation = await createRelation(db, {
    workspaceId: workspace.id,
    parentModelId: parent.id,
    parentColumn: "id",
    childModelId: child.id,
    childColumn: "id",
  });
  const destination = await createDestination(db, {
    workspaceId: workspace.id,
    name: "Hook",
    type: "webhook",
    encryptedConfig: sealConfig({ url: "http://127.0.0.1:9/hook", signingSecret: "a-signing-secret-of-16+" }, getEnv().SLUICE_ENCRYPTION_KEY),
  });
  const sync = await createSync(db, {
    workspaceId: workspace.id,
    name: "Customers to hook",
    modelId: parent.id,
    destinationId: destination.id,
    destinationObject: "records",
    mode: "upsert",
    mapping: { version: 1, identifier: "id", fields: [{ source: "id", destination: "id", transform: "none" }] },
    schedule: { kind: "manual" },
    slaMinutes: 60,
    nextRunAt: null,
    createdByUserId: owner.id,
  });
  const run = await createRun(db, { workspaceId: workspace.id, syncId: sync.id, trigger: "manual" });
  const audience = await createAudience(db, {
    workspaceId: workspace.id,
    name: "Everyone",
    description: null,
    parentModelId: parent.id,
    definition: emptyAudienceDefinition(parent.id),
    createdByUserId: owner.id,
  });
  return {
    workspace,
    owner,
    member,
    inviteId: invite.id,
    token,
    sourceId: source.id,
    modelId: parent.id,
    relationId: relation.id,
    destinationId: destination.id,
    syncId: sync.id,
    runId: run.id,
    audienceId: audience.id,
    asOwner,
  };
}

/** Everything of a tenant the API can show its owner, to compare before and after an attack. */
export async function snapshotTenant(tenant: Tenant) {
  const api = await tenant.asOwner();
  const workspaceId = tenant.workspace.id;
  return {
    workspace: await api.workspace.get({ workspaceId }),
    members: await api.member.list({ workspaceId }),
    invites: await api.invite.list({ workspaceId }),
    tokens: await api.apiToken.list({ workspaceId }),
    // Without status and tables: those follow the installation-wide demo task, which other
    // test files sharing the Postgres database may be moving along.
    sources: (await api.source.list({ workspaceId })).map((source) => ({
      id: source.id,
      name: source.name,
      type: source.type,
      managed: source.managed,
      createdAt: source.createdAt,
    })),
    models: await api.model.list({ workspaceId }),
    relations: await api.modelRelation.list({ workspaceId }),
    destinations: await api.destination.list({ workspaceId }),
    syncs: await api.sync.list({ workspaceId }),
    runs: await api.syncRun.list({ workspaceId, syncId: tenant.syncId }),
    audiences: await api.audience.list({ workspaceId }),
  };
}
