import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDb } from "@/db";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/context";
import { auth } from "@/server/auth";
import { getQueue } from "@/server/runtime";
import { sendRun } from "@/server/worker/jobs/run-sync";

const dispatchRun = async (runId: string) => sendRun(await getQueue(), runId);

async function handler(req: Request): Promise<Response> {
  const db = await getDb();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ db, headers: req.headers, getSession: auth, dispatchRun }),
  });
}

export { handler as GET, handler as POST };
