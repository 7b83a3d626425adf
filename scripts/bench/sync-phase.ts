/**
 * One measured phase of the sync bench, in a process of its own so that its peak RSS is the
 * phase's own: `sync-phase.ts --run <runId>` executes the queued run as a worker would, its
 * app-database connection already open (the source's and destination's are not), and sends the
 * parent (over IPC) the wall time of `executeRun`, its result and the process's peak RSS.
 * With `--profile <file>` it writes a V8 CPU profile of `executeRun` alone (not of start-up).
 * Started by ./sync.ts; needs DATABASE_URL (the app database) like the parent.
 */
import fs from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { getEnv } from "@/env";
import { executeRun } from "@/server/engine/run";
import { stateCacheDir } from "@/server/worker/jobs/run-sync";
import type { PhaseMeasurement } from "./phase-message";

const { values } = parseArgs({ options: { run: { type: "string" }, profile: { type: "string" } } });
const databaseUrl = process.env.DATABASE_URL;
if (!values.run || !databaseUrl || !process.send) {
  console.error("sync-phase.ts is started by scripts/bench/sync.ts: it needs --run <runId>, DATABASE_URL and an IPC channel.");
  process.exit(2);
}

// The parent opened (and migrated) the app database already; migrating again here could race
// with a schema being changed meanwhile, so the child only connects, as db/client.ts does. It
// connects before the clock starts, as a running worker is connected already.
const client = postgres(databaseUrl, { max: 10, onnotice: () => {} });
const db: Db = drizzle(client, { schema });
await client`SELECT 1`;
const startRssMb = process.memoryUsage.rss() / 2 ** 20;
const profiler = values.profile ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}
const peak = { heapUsed: 0, external: 0 };
const sample = () => {
  const memory = process.memoryUsage();
  peak.heapUsed = Math.max(peak.heapUsed, memory.heapUsed);
  peak.external = Math.max(peak.external, memory.external);
};
const sampler = setInterval(sample, 50);
const started = performance.now();
const result = await executeRun(db, values.run, { stateCacheDir: stateCacheDir(getEnv().SLUICE_DATA_DIR) });
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
sample();
if (profiler && values.profile) {
  const { profile } = await profiler.post("Profiler.stop");
  await fs.writeFile(values.profile, JSON.stringify(profile));
}
const measurement: PhaseMeasurement = {
  result,
  seconds,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  startRssMb,
  peakHeapUsedMb: peak.heapUsed / 2 ** 20,
  peakExternalMb: peak.external / 2 ** 20,
};
await new Promise<void>((resolve, reject) => process.send?.(measurement, (error: Error | null) => (error ? reject(error) : resolve())));
await client.end({ timeout: 5 });
// Connector pools (source and destination) stay open until the process ends.
process.exit(0);
