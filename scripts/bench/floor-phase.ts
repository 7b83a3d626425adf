/**
 * The measured run of the DuckDB floor (./floor.ts): the least work an incremental DuckDB →
 * webhook sync can do, written directly against DuckDB and node:http, with none of the engine.
 * It keeps its snapshot (id, hash of the row) as a table in a DuckDB file of its own, next to the
 * warehouse it attaches read-only, and in one fresh process:
 *
 *   1. hashes every row and FULL JOINs the snapshot (changed, added and gone ids);
 *   2. reads the changed and added rows as JSON objects;
 *   3. posts them (and the gone ids as deletes) in signed batches of 500, four at a time;
 *   4. rewrites the snapshot's changed records and checkpoints it.
 *
 * No run log, rate limits, per-record outcomes, retries or state beyond the snapshot: whatever the
 * engine takes beyond this is its own cost. Sends the parent `ZFloorMeasurement` over IPC.
 *   floor-phase.ts --snapshot <file> --warehouse <file> --url <receiver> --secret <signing secret>
 */
import http from "node:http";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { signatureHeader } from "@/server/destinations/webhook/transform";
import { KEY, TABLE } from "./customers";
import { attachWarehouseStatement, rowHashesStatement } from "./floor";
import type { FloorMeasurement } from "./phase-message";

const BATCH = 500;
const IN_FLIGHT = 4;

const { values } = parseArgs({ options: { snapshot: { type: "string" }, warehouse: { type: "string" }, url: { type: "string" }, secret: { type: "string" } } });
const { snapshot, warehouse, url, secret } = values;
if (!snapshot || !warehouse || !url || !secret || !process.send) {
  console.error("floor-phase.ts is started by scripts/bench/floor.ts with --snapshot, --warehouse, --url, --secret and an IPC channel.");
  process.exit(2);
}

type Sent = { key: string; operation: "upsert" | "delete"; payload: object };

/** A record's key: the id as text (DuckDB gives BIGINTs to JSON as strings). */
function keyOf(id: unknown): string {
  return typeof id === "string" ? id : JSON.stringify(id);
}

const agent = new http.Agent({ keepAlive: true });

function post(batchId: number, records: Sent[]): Promise<void> {
  const body = JSON.stringify({ batch_id: `floor.${batchId}`, records });
  const headers = { "content-type": "application/json", "x-sluice-signature": signatureHeader(secret ?? "", Math.floor(Date.now() / 1000), body) };
  return new Promise((resolve, reject) => {
    const request = http.request(url ?? "", { method: "POST", agent, headers }, (response) => {
      response.resume();
      response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`The receiver answered ${response.statusCode}.`))));
    });
    request.on("error", reject);
    request.end(body);
  });
}

async function deliver(records: Sent[]): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let batch = next++; batch * BATCH < records.length; batch = next++) await post(batch, records.slice(batch * BATCH, (batch + 1) * BATCH));
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

const started = performance.now();
const instance = await DuckDBInstance.create(snapshot);
const connection = await instance.connect();
await connection.run(attachWarehouseStatement(warehouse));
const model = `warehouse.main.${TABLE}`;
await connection.run(
  `CREATE TEMP TABLE diff AS SELECT coalesce(m.${KEY}, s.${KEY}) AS ${KEY}, m.h FROM (${rowHashesStatement(model)}) AS m FULL JOIN snap AS s USING (${KEY}) WHERE m.h IS DISTINCT FROM s.h`,
);
const rows = (await connection.runAndReadAll(`SELECT m.* FROM ${model} AS m JOIN diff USING (${KEY}) WHERE diff.h IS NOT NULL`)).getRowObjectsJson();
const gone = (await connection.runAndReadAll(`SELECT ${KEY} FROM diff WHERE h IS NULL`)).getRowObjectsJson();
const records: Sent[] = [
  ...rows.map((row) => ({ key: keyOf(row[KEY]), operation: "upsert" as const, payload: row })),
  ...gone.map((row) => ({ key: keyOf(row[KEY]), operation: "delete" as const, payload: { [KEY]: row[KEY] } })),
];
await deliver(records);
await connection.run(`DELETE FROM snap WHERE ${KEY} IN (SELECT ${KEY} FROM diff)`);
await connection.run(`INSERT INTO snap SELECT ${KEY}, h FROM diff WHERE h IS NOT NULL`);
await connection.run("CHECKPOINT");
const seconds = (performance.now() - started) / 1000;
connection.closeSync();
instance.closeSync();

const measurement: FloorMeasurement = { seconds, records: records.length, peakRssMb: process.resourceUsage().maxRSS / 1024 };
await new Promise<void>((resolve, reject) => process.send?.(measurement, (error: Error | null) => (error ? reject(error) : resolve())));
process.exit(0);
