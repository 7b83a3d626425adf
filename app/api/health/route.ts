import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { getQueue } from "@/server/runtime";

export const dynamic = "force-dynamic";

type Check = { ok: boolean; error?: string };

async function check(probe: () => Promise<unknown>): Promise<Check> {
  try {
    await probe();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Liveness for load balancers and compose: the database answers and the queue is running. */
export async function GET(): Promise<Response> {
  const database = await check(async () => (await getDb()).execute(sql`select 1`));
  const queue = await check(async () => (await getQueue()).getQueues());
  const ok = database.ok && queue.ok;
  return Response.json({ status: ok ? "ok" : "degraded", database, queue }, { status: ok ? 200 : 503 });
}
