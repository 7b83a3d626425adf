import { createCallerFactory, createTRPCRouter } from "./trpc";
import { apiTokenRouter } from "./routers/api-token";
import { audienceRouter } from "./routers/audience";
import { destinationRouter } from "./routers/destination";
import { inviteRouter } from "./routers/invite";
import { memberRouter } from "./routers/member";
import { metricRouter } from "./routers/metric";
import { modelRouter } from "./routers/model";
import { modelRelationRouter } from "./routers/model-relation";
import { sourceRouter } from "./routers/source";
import { syncRouter } from "./routers/sync";
import { syncRunRouter } from "./routers/sync-run";
import { workspaceRouter } from "./routers/workspace";

export const appRouter = createTRPCRouter({
  workspace: workspaceRouter,
  member: memberRouter,
  invite: inviteRouter,
  apiToken: apiTokenRouter,
  source: sourceRouter,
  model: modelRouter,
  modelRelation: modelRelationRouter,
  destination: destinationRouter,
  sync: syncRouter,
  syncRun: syncRunRouter,
  audience: audienceRouter,
  metric: metricRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
