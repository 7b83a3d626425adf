import {
  createDestination,
  deleteDestination,
  getDestination,
  getDestinationRecord,
  listDestinations,
  recordDestinationCheck,
  updateDestination,
} from "@/db/queries/destinations";
import { getEnv } from "@/env";
import { destinationConnector } from "@/server/destinations/open";
import { DESTINATION_CONNECTORS } from "@/server/destinations/registry";
import { mergeConfig, openConfig, parseConfig, publicConfig, sealConfig } from "@/server/security/connection-config";
import { createTRPCRouter, editorProcedure, workspaceProcedure } from "../trpc";
import { connectorTypeOf, ZCheckOutput } from "./connection.schema";
import {
  ZCreateDestinationInput,
  ZDestinationDetailOutput,
  ZDestinationIdInput,
  ZDestinationOutput,
  ZDestinationTypeOutput,
  ZTestDestinationInput,
  ZUpdateDestinationInput,
} from "./destination.schema";

const key = () => getEnv().SLUICE_ENCRYPTION_KEY;

export const destinationRouter = createTRPCRouter({
  list: workspaceProcedure.output(ZDestinationOutput.array()).query(({ ctx }) => listDestinations(ctx.db, ctx.workspace.id)),

  get: workspaceProcedure
    .input(ZDestinationIdInput)
    .output(ZDestinationDetailOutput)
    .query(async ({ ctx, input }) => {
      const scope = { workspaceId: ctx.workspace.id, destinationId: input.destinationId };
      const record = await getDestinationRecord(ctx.db, scope);
      const connector = destinationConnector(record.type);
      const { values, secretsSet } = publicConfig(connector, openConfig(connector, record.encryptedConfig, key()));
      return { ...(await getDestination(ctx.db, scope)), config: values, secretsSet };
    }),

  /** The destinations people can add, with the JSON Schema of their settings form. */
  types: workspaceProcedure
    .output(ZDestinationTypeOutput.array())
    .query(() => Object.values(DESTINATION_CONNECTORS).map((connector) => ({ ...connectorTypeOf(connector), type: connector.type }))),

  create: editorProcedure
    .input(ZCreateDestinationInput)
    .output(ZDestinationOutput)
    .mutation(({ ctx, input }) => {
      const config = parseConfig(destinationConnector(input.type), input.config);
      return createDestination(ctx.db, { workspaceId: ctx.workspace.id, name: input.name, type: input.type, encryptedConfig: sealConfig(config, key()) });
    }),

  /** Renames, or changes settings; typing a new secret rotates it, leaving it blank keeps it. */
  update: editorProcedure
    .input(ZUpdateDestinationInput)
    .output(ZDestinationOutput)
    .mutation(async ({ ctx, input }) => {
      const scope = { workspaceId: ctx.workspace.id, destinationId: input.destinationId };
      const record = await getDestinationRecord(ctx.db, scope);
      const connector = destinationConnector(record.type);
      const encryptedConfig = input.config
        ? sealConfig(mergeConfig(connector, openConfig(connector, record.encryptedConfig, key()), input.config), key())
        : undefined;
      return updateDestination(ctx.db, { ...scope, name: input.name, encryptedConfig });
    }),

  delete: editorProcedure
    .input(ZDestinationIdInput)
    .mutation(({ ctx, input }) => deleteDestination(ctx.db, { workspaceId: ctx.workspace.id, destinationId: input.destinationId })),

  /** "Test connection": the connector's check on stored settings, a draft, or an edit. */
  test: editorProcedure
    .input(ZTestDestinationInput)
    .output(ZCheckOutput)
    .mutation(async ({ ctx, input }) => {
      if (!("destinationId" in input)) {
        const connector = destinationConnector(input.type);
        return connector.check(parseConfig(connector, input.config));
      }
      const scope = { workspaceId: ctx.workspace.id, destinationId: input.destinationId };
      const record = await getDestinationRecord(ctx.db, scope);
      const connector = destinationConnector(record.type);
      const stored = openConfig(connector, record.encryptedConfig, key());
      const result = await connector.check(input.config ? mergeConfig(connector, stored, input.config) : stored);
      if (!input.config) await recordDestinationCheck(ctx.db, { ...scope, error: result.ok ? null : result.message });
      return result;
    }),
});
