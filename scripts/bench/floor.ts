/**
 * The floor part of `npm run bench`: the least work an incremental DuckDB → webhook sync can do
 * (./floor-phase.ts), measured the way the sync part measures the engine: the same model of
 * `--rows` customers in a DuckDB file, the same change (1% updated, 0.1% inserted, 0.1% deleted),
 * the same webhook receiver, and a fresh process for the measured run. Its line,
 *
 *   {"bench":"floor","phase":"incremental","source":"duckdb","destination":"webhook","rows":N,
 *    "changed":N,"seconds":S,"rows_per_s":R,"peak_rss_mb":M}
 *
 * is what the engine's DuckDB incremental is read against: when both parts run, the summary
 * gives the ratio (index.ts). The run is checked like the sync part's: every changed id arrived
 * once, with its operation.
 */
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { getEnv } from "@/env";
import { startWebhookReceiver } from "@/test/fakes/webhook-receiver";
import { measureInChild } from "./child";
import { COLUMNS, KEY, mutationOf, TABLE } from "./customers";
import type { BenchContext, BenchPart, Measurement } from "./part";
import { ZFloorMeasurement } from "./phase-message";
import { ReceiverTally, VerificationError } from "./verify";
import { createDuckdbWarehouse, removeDuckdbFile, withDuckdb } from "./warehouses";

const FLOOR_SCRIPT = path.join(import.meta.dirname, "floor-phase.ts");
const WEBHOOK_SECRET = "whsec_sluice_bench_floor_secret";

/** Each row of `relation` as the floor's snapshot stores it: its id and the hash of the whole row. */
export function rowHashesStatement(relation: string): string {
  return `SELECT ${KEY}, hash(${COLUMNS.map((column) => column.name).join(", ")}) AS h FROM ${relation}`;
}

/** Attaches the warehouse file read-only as `warehouse`, next to the snapshot. */
export function attachWarehouseStatement(file: string): string {
  return `ATTACH '${file.replaceAll("'", "''")}' AS warehouse (READ_ONLY)`;
}

/** A DuckDB file holding the snapshot of `warehouseFile` as it is now (removed at the end). */
async function createSnapshot(warehouseFile: string, scope: BenchContext["scope"]): Promise<string> {
  const file = path.join(os.tmpdir(), `sluice-bench-floor-${crypto.randomBytes(4).toString("hex")}.duckdb`);
  scope.defer(`remove ${file}`, () => removeDuckdbFile(file));
  await withDuckdb(file, async (connection) => {
    await connection.run(attachWarehouseStatement(warehouseFile));
    await connection.run(`CREATE TABLE snap AS ${rowHashesStatement(`warehouse.main.${TABLE}`)}`);
    await connection.run("CHECKPOINT");
  });
  return file;
}

async function run({ rows, scope, log, emit }: BenchContext): Promise<void> {
  const mutation = mutationOf(rows);
  log(`Floor: the least work of an incremental DuckDB → webhook sync, ${rows.toLocaleString("en")} rows.`);
  const warehouse = await createDuckdbWarehouse(path.resolve(getEnv().SLUICE_DATA_DIR), rows, scope);
  const snapshot = await createSnapshot(warehouse.file, scope);
  await warehouse.mutate(mutation);
  const receiver = await startWebhookReceiver({ secret: WEBHOOK_SECRET });
  scope.defer("stop the floor's webhook receiver", () => receiver.close());

  const tally = new ReceiverTally(receiver, mutation.inserted.at(-1) ?? rows);
  tally.start();
  const args = ["--snapshot", snapshot, "--warehouse", warehouse.file, "--url", receiver.url, "--secret", WEBHOOK_SECRET];
  const measured = await measureInChild(FLOOR_SCRIPT, args, scope)
    .then((message) => ZFloorMeasurement.parse(message))
    .finally(() => tally.stop());
  tally.check("floor", [
    { ids: mutation.updated, operation: "upsert" },
    { ids: mutation.inserted, operation: "upsert" },
    { ids: mutation.deleted, operation: "delete" },
  ]);
  const changed = mutation.updated.length + mutation.inserted.length + mutation.deleted.length;
  if (measured.records !== changed) throw new VerificationError(`floor: posted ${measured.records} records, not ${changed}.`);

  const modelRows = rows - mutation.deleted.length + mutation.inserted.length;
  log(`  floor: ${measured.seconds.toFixed(3)} s, peak RSS ${measured.peakRssMb.toFixed(0)} MB`);
  emit({
    bench: "floor",
    phase: "incremental",
    source: "duckdb",
    destination: "webhook",
    rows: modelRows,
    changed,
    seconds: Number(measured.seconds.toFixed(3)),
    rows_per_s: Math.round(modelRows / measured.seconds),
    peak_rss_mb: Number(measured.peakRssMb.toFixed(1)),
  });
}

/** "engine X s, floor Y s: Z× the floor" when both the floor and the engine's DuckDB → webhook incremental were measured. */
export function againstFloor(measurements: readonly Measurement[]): string | null {
  const engine = measurements.find((m) => m.bench === "sync" && m.phase === "incremental" && m.source === "duckdb" && m.destination === "webhook");
  const floor = measurements.find((m) => m.bench === "floor");
  if (typeof engine?.seconds !== "number" || typeof floor?.seconds !== "number") return null;
  const times = (engine.seconds / floor.seconds).toFixed(2);
  return `DuckDB → webhook incremental: the engine took ${engine.seconds.toFixed(3)} s, the floor ${floor.seconds.toFixed(3)} s: ${times}× the floor.`;
}

export const floorPart: BenchPart = {
  summary: "the least work of an incremental DuckDB → webhook sync, without the engine: what the sync part's DuckDB incremental is read against",
  options: {},
  plan: () => run,
};
