/**
 * The sync part of `npm run bench`: a model of `--rows` customers in Postgres and in DuckDB,
 * synced in mirror mode into a Postgres table and into a local webhook receiver. For each
 * (source, destination) pair: the initial run, then (after 1% of rows are updated, 0.1% inserted
 * and 0.1% deleted) the incremental run. Each run executes in a child process of its own
 * (./sync-phase.ts) so its peak RSS is measured alone, and is checked for correctness before its
 * line is printed:
 *
 *   {"bench":"sync","phase":"initial"|"incremental","source":"postgres"|"duckdb",
 *    "destination":"postgres"|"webhook","rows":N,"changed":N,"seconds":S,"rows_per_s":R,"peak_rss_mb":M}
 *
 * Options: --source postgres|duckdb and --destination postgres|webhook (repeatable, default all);
 * --profile <dir> writes a V8 CPU profile of every phase's executeRun there and prints where the time went.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/db/client";
import { createRun, getRunById } from "@/db/queries/sync-runs";
import type { RunCounters } from "@/db/schema";
import { getEnv } from "@/env";
import { stateCacheDir } from "@/server/worker/jobs/run-sync";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/fakes/webhook-receiver";
import { measureInChild } from "./child";
import { createTableStatement, type Dialect, KEY, modelColumns, type Mutation, mutationOf, sentRowsCondition, TABLE } from "./customers";
import { type BenchWorkspace, createBenchSync, createBenchWorkspace } from "./fixture";
import { ZPhaseMeasurement } from "./phase-message";
import { type BenchContext, type BenchPart, choices, type OptionValues } from "./part";
import { createScratchDatabase, type ScratchDatabase } from "./postgres";
import { summarizeProfile } from "./profile";
import { formatSummary, type PhaseReport } from "./report";
import { ReceiverTally, VerificationError, compareLines } from "./verify";
import { createDuckdbWarehouse, createPostgresWarehouse, postgresLines, type Warehouse } from "./warehouses";

const SOURCES = ["postgres", "duckdb"] as const;
const DESTINATIONS = ["postgres", "webhook"] as const;
type Destination = (typeof DESTINATIONS)[number];
type Phase = "initial" | "incremental";

const PHASE_SCRIPT = path.join(import.meta.dirname, "sync-phase.ts");
const WEBHOOK_SECRET = "whsec_sluice_bench_signing_secret";

/** Where the destinations write: one table per source in a scratch database, and one receiver. */
type Sinks = { database: ScratchDatabase | null; receiver: WebhookReceiver | null };

type Pair = { warehouse: Warehouse; destination: Destination; syncId: string; label: string };

function sinkTable(source: Dialect): string {
  return `public.${TABLE}_from_${source}`;
}

function* range(from: number, to: number): Generator<number> {
  for (let id = from; id <= to; id++) yield id;
}

async function timed<T>(log: (text: string) => void, what: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  log(`${what}…`);
  const result = await work();
  log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

function checkCounters(what: string, counters: RunCounters | null, expected: Partial<RunCounters>): RunCounters {
  if (!counters) throw new VerificationError(`${what}: the run has no counters.`);
  const wrong = Object.entries(expected).filter(([name, value]) => counters[name as keyof RunCounters] !== value);
  if (wrong.length > 0) {
    const detail = wrong.map(([name, value]) => `${name} ${counters[name as keyof RunCounters]} (expected ${value})`).join(", ");
    throw new VerificationError(`${what}: wrong counters: ${detail}.`);
  }
  return counters;
}

class SyncBench {
  private readonly reports: PhaseReport[] = [];

  constructor(
    private readonly context: BenchContext,
    private readonly sinks: Sinks,
    private readonly profileDir: string | null,
  ) {}

  get db(): Db {
    return this.context.db;
  }

  async createPair(workspace: BenchWorkspace, warehouse: Warehouse, destination: Destination): Promise<Pair> {
    const label = `${warehouse.dialect} → ${destination}`;
    const target =
      destination === "postgres"
        ? { destination: { type: "postgres", config: this.sinks.database?.config }, destinationObject: sinkTable(warehouse.dialect) }
        : { destination: { type: "webhook", config: { url: this.sinks.receiver?.url, signingSecret: WEBHOOK_SECRET } }, destinationObject: "customers" };
    const { syncId } = await createBenchSync(this.db, workspace, {
      name: label,
      source: warehouse.source,
      table: warehouse.table,
      primaryKey: KEY,
      columns: modelColumns(warehouse.dialect),
      mode: "mirror",
      ...target,
    });
    const copy = path.join(stateCacheDir(getEnv().SLUICE_DATA_DIR), `${syncId}.state`);
    this.context.scope.defer(`remove ${copy}`, () => fs.rm(copy, { force: true }));
    return { warehouse, destination, syncId, label };
  }

  /** Runs, measures and verifies one phase of one pair, then prints its line. */
  async phase(workspace: BenchWorkspace, pair: Pair, phase: Phase, mutation: Mutation): Promise<void> {
    const { context, sinks } = this;
    const what = `${phase} ${pair.label}`;
    const queued = await createRun(this.db, { workspaceId: workspace.workspaceId, syncId: pair.syncId, trigger: "manual" });
    const lastId = mutation.inserted.at(-1) ?? mutation.rows;
    const sentIds = new Set(phase === "incremental" ? [...mutation.updated, ...mutation.inserted] : []);
    const tally = pair.destination === "webhook" && sinks.receiver ? new ReceiverTally(sinks.receiver, lastId, sentIds) : null;
    const profile = this.profileDir ? path.join(this.profileDir, `${phase}-${pair.warehouse.dialect}-${pair.destination}.cpuprofile`) : null;

    tally?.start();
    const measured = await timed(context.log, `${what}: run ${queued.id}`, () =>
      measureInChild(PHASE_SCRIPT, ["--run", queued.id, ...(profile ? ["--profile", profile] : [])], context.scope).then((message) => ZPhaseMeasurement.parse(message)),
    ).finally(() => tally?.stop());
    const run = await getRunById(this.db, queued.id);
    if (!run || run.status !== "succeeded") throw new VerificationError(`${what}: the run ended ${run?.status ?? "missing"}: ${run?.error ?? measured.result}`);

    const rows = phase === "initial" ? mutation.rows : mutation.rows - mutation.deleted.length + mutation.inserted.length;
    const counters = checkCounters(
      what,
      run.counters,
      phase === "initial"
        ? { rowsRead: rows, added: rows, changed: 0, removed: 0, accepted: rows, rejected: 0 }
        : {
            rowsRead: rows,
            added: mutation.inserted.length,
            changed: mutation.updated.length,
            removed: mutation.deleted.length,
            accepted: mutation.inserted.length + mutation.updated.length + mutation.deleted.length,
            rejected: 0,
          },
    );
    await timed(context.log, `  checking ${what}`, () => this.verify(pair, phase, mutation, tally));

    const changed = counters.added + counters.changed + counters.removed;
    context.emit({
      bench: "sync",
      phase,
      source: pair.warehouse.dialect,
      destination: pair.destination,
      rows: counters.rowsRead,
      changed,
      seconds: Number(measured.seconds.toFixed(3)),
      rows_per_s: Math.round(counters.rowsRead / measured.seconds),
      peak_rss_mb: Number(measured.peakRssMb.toFixed(1)),
    });
    this.reports.push({
      phase,
      source: pair.warehouse.dialect,
      destination: pair.destination,
      rows: counters.rowsRead,
      changed,
      seconds: measured.seconds,
      peakRssMb: measured.peakRssMb,
      startRssMb: measured.startRssMb,
      peakHeapUsedMb: measured.peakHeapUsedMb,
      peakExternalMb: measured.peakExternalMb,
      readSeconds: run.readMs === null ? null : run.readMs / 1000,
      deliverSeconds: run.deliverMs === null ? null : run.deliverMs / 1000,
      cpuSeconds: run.cpuSeconds,
      requests: counters.requests,
    });
    if (profile) context.log(await summarizeProfile(profile));
  }

  private async verify(pair: Pair, phase: Phase, mutation: Mutation, tally: ReceiverTally | null): Promise<void> {
    const what = `${phase} ${pair.label}`;
    if (tally) {
      if (phase === "initial") {
        tally.check(what, [{ ids: range(1, mutation.rows), operation: "upsert" }]);
      } else {
        tally.check(what, [
          { ids: mutation.updated, operation: "upsert" },
          { ids: mutation.inserted, operation: "upsert" },
          { ids: mutation.deleted, operation: "delete" },
        ]);
        await tally.checkPayloads(`${what} (payloads)`, pair.warehouse.lines(sentRowsCondition(mutation)));
      }
      return;
    }
    const database = this.sinks.database;
    if (!database) throw new Error("No destination database");
    const table = sinkTable(pair.warehouse.dialect);
    if (phase === "initial") {
      const [row] = await database.sql.unsafe<{ count: string }[]>(`SELECT count(*) FROM ${table}`);
      if (Number(row?.count) !== mutation.rows) throw new VerificationError(`${what}: the table has ${row?.count} rows, not ${mutation.rows}.`);
      return;
    }
    await compareLines(`${what}: ${table} against the source`, pair.warehouse.lines(), postgresLines(database.sql, table));
  }

  get measured(): number {
    return this.reports.length;
  }

  summary(): string {
    return formatSummary(this.reports);
  }
}

type SyncOptions = { sources: Dialect[]; destinations: Destination[]; profileDir: string | null };

function plan(values: OptionValues): (context: BenchContext) => Promise<void> {
  const options: SyncOptions = {
    sources: choices(values, "source", SOURCES),
    destinations: choices(values, "destination", DESTINATIONS),
    profileDir: typeof values.profile === "string" ? path.resolve(values.profile) : null,
  };
  return (context) => run(context, options);
}

async function run(context: BenchContext, { sources, destinations, profileDir }: SyncOptions): Promise<void> {
  const { db, databaseUrl, rows, scope, log } = context;
  if (profileDir) await fs.mkdir(profileDir, { recursive: true });
  const mutation = mutationOf(rows);
  log(`Sync bench: ${rows.toLocaleString("en")} rows; sources ${sources.join(", ")}; destinations ${destinations.join(", ")}.`);

  const workspace = await createBenchWorkspace(db, scope);
  const sinks: Sinks = { database: null, receiver: null };
  if (destinations.includes("postgres")) {
    sinks.database = await createScratchDatabase(databaseUrl, "sluice_bench_sink", scope);
    for (const source of sources) await sinks.database.sql.unsafe(createTableStatement("postgres", sinkTable(source)));
  }
  if (destinations.includes("webhook")) {
    const receiver = await startWebhookReceiver({ secret: WEBHOOK_SECRET });
    sinks.receiver = receiver;
    scope.defer("stop the webhook receiver", () => receiver.close());
  }

  const bench = new SyncBench(context, sinks, profileDir);
  try {
    for (const source of sources) {
      const warehouse = await timed(log, `Loading ${rows.toLocaleString("en")} rows into ${source}`, () =>
        source === "postgres" ? createPostgresWarehouse(databaseUrl, rows, scope) : createDuckdbWarehouse(path.resolve(getEnv().SLUICE_DATA_DIR), rows, scope),
      );
      const pairs: Pair[] = [];
      for (const destination of destinations) pairs.push(await bench.createPair(workspace, warehouse, destination));
      for (const pair of pairs) await bench.phase(workspace, pair, "initial", mutation);
      await timed(log, `Changing ${source}: ${mutation.updated.length} updated, ${mutation.inserted.length} inserted, ${mutation.deleted.length} deleted`, () =>
        warehouse.mutate(mutation),
      );
      for (const pair of pairs) await bench.phase(workspace, pair, "incremental", mutation);
    }
  } finally {
    if (bench.measured > 0) log(bench.summary());
  }
}

export const syncPart: BenchPart = {
  summary: "initial and incremental sync runs, Postgres and DuckDB sources → Postgres table and webhook (--source, --destination, --profile DIR)",
  options: {
    source: { type: "string", multiple: true },
    destination: { type: "string", multiple: true },
    profile: { type: "string" },
  },
  plan,
};
