import { createSource, deleteSource, getSource, getSourceRecord, listSources, recordSourceCheck, updateSource } from "@/db/queries/sources";
import { getEnv } from "@/env";
import { mergeConfig, openConfig, parseConfig, publicConfig, sealConfig } from "@/server/security/connection-config";
import { assertUserConfig, connectorFor } from "@/server/sources/config";
import { SOURCE_CONNECTORS } from "@/server/sources/registry";
import { PREVIEW_TIMEOUT_MS } from "@/server/sources/types";
import { openSource } from "@/server/sources/models";
import { createTRPCRouter, editorProcedure, workspaceProcedure } from "../trpc";
import { connectorTypeOf, ZCheckOutput } from "./connection.schema";
import {
  ZCreateSourceInput,
  ZDiscoverOutput,
  ZGetSourceInput,
  ZSourceDetailOutput,
  ZSourceIdInput,
  ZSourceOutput,
  ZSourceTypeOutput,
  ZTestSourceInput,
  ZUpdateSourceInput,
} from "./source.schema";

const key = () => getEnv().SLUICE_ENCRYPTION_KEY;

export const sourceRouter = createTRPCRouter({
  list: workspaceProcedure.output(ZSourceOutput.array()).query(({ ctx }) => listSources(ctx.db, ctx.workspace.id)),

  get: workspaceProcedure
    .input(ZGetSourceInput)
    .output(ZSourceDetailOutput)
    .query(async ({ ctx, input }) => {
      const scope = { workspaceId: ctx.workspace.id, sourceId: input.sourceId };
      const { connector, config } = await openSource(ctx.db, scope);
      const { values, secretsSet } = publicConfig(connector, config);
      return { ...(await getSource(ctx.db, scope)), config: values, secretsSet };
    }),

  /** The connectors people can add, with the JSON Schema of their settings form. */
  types: workspaceProcedure.output(ZSourceTypeOutput.array()).query(() =>
    Object.values(SOURCE_CONNECTORS).map((connector) => ({ ...connectorTypeOf(connector), type: connector.type })),
  ),

  create: editorProcedure
    .input(ZCreateSourceInput)
    .output(ZSourceOutput)
    .mutation(({ ctx, input }) => {
      const connector = connectorFor(input.type);
      const config = parseConfig(connector, input.config);
      assertUserConfig(input.type, config);
      return createSource(ctx.db, { workspaceId: ctx.workspace.id, name: input.name, type: input.type, encryptedConfig: sealConfig(config, key()) });
    }),

  /** Renames, or changes settings; typing a new secret rotates it, leaving it blank keeps it. */
  update: editorProcedure
    .input(ZUpdateSourceInput)
    .output(ZSourceOutput)
    .mutation(async ({ ctx, input }) => {
      const scope = { workspaceId: ctx.workspace.id, sourceId: input.sourceId };
      const record = await getSourceRecord(ctx.db, scope);
      const connector = connectorFor(record.type);
      let encryptedConfig: string | undefined;
      if (input.config) {
        const config = mergeConfig(connector, openConfig(connector, record.encryptedConfig, key()), input.config);
        assertUserConfig(connector.type, config);
        encryptedConfig = sealConfig(config, key());
      }
      return updateSource(ctx.db, { ...scope, name: input.name, encryptedConfig });
    }),

  delete: editorProcedure
    .input(ZSourceIdInput)
    .mutation(({ ctx, input }) => deleteSource(ctx.db, { workspaceId: ctx.workspace.id, sourceId: input.sourceId })),

  /** "Test connection": runs the connector's check on stored settings, a draft, or an edit. */
  test: editorProcedure
    .input(ZTestSourceInput)
    .output(ZCheckOutput)
    .mutation(async ({ ctx, input }) => {
      if (!("sourceId" in input)) {
        const connector = connectorFor(input.type);
        const config = parseConfig(connector, input.config);
        assertUserConfig(input.type, config);
        return connector.check(config);
      }
      const scope = { workspaceId: ctx.workspace.id, sourceId: input.sourceId };
      const { connector, config } = await openSource(ctx.db, scope);
      const candidate = input.config ? mergeConfig(connector, config, input.config) : config;
      if (input.config) assertUserConfig(connector.type, candidate);
      const result = await connector.check(candidate);
      if (!input.config) await recordSourceCheck(ctx.db, { ...scope, error: result.ok ? null : result.message });
      return result;
    }),

  discover: workspaceProcedure
    .input(ZSourceIdInput)
    .output(ZDiscoverOutput)
    .query(async ({ ctx, input, signal }) => {
      const { connector, config } = await openSource(ctx.db, { workspaceId: ctx.workspace.id, sourceId: input.sourceId });
      return connector.discover(config, { signal, timeoutMs: PREVIEW_TIMEOUT_MS });
    }),
});
