import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { z } from "zod";

const run = promisify(execFile);
const databaseUrl = inject("testDatabaseUrl");
const BENCH = path.join(import.meta.dirname, "index.ts");

const ZLine = z.strictObject({
  bench: z.literal("sync"),
  phase: z.enum(["initial", "incremental"]),
  source: z.enum(["postgres", "duckdb"]),
  destination: z.enum(["postgres", "webhook"]),
  rows: z.number().int(),
  changed: z.number().int(),
  seconds: z.number().positive(),
  rows_per_s: z.number().nonnegative(),
  peak_rss_mb: z.number().positive(),
});

function bench(args: string[], env: Record<string, string | undefined> = {}) {
  return run(process.execPath, ["--import", "tsx", BENCH, ...args], { env: { ...process.env, ...env }, maxBuffer: 16 * 2 ** 20 });
}

// The bench creates scratch databases, so it needs the real Postgres server (TEST_DATABASE_URL).
describe.skipIf(databaseUrl === null)("npm run bench -- --only sync", () => {
  it("prints one checked JSON line per phase, source and destination", { timeout: 120_000 }, async () => {
    const { stdout } = await bench(["--only", "sync", "--rows", "2000"], { DATABASE_URL: databaseUrl ?? "" });
    const lines = stdout.trim().split("\n").map((line) => ZLine.parse(JSON.parse(line)));
    expect(lines.map((line) => `${line.phase} ${line.source} ${line.destination}`).sort()).toEqual([
      "incremental duckdb postgres",
      "incremental duckdb webhook",
      "incremental postgres postgres",
      "incremental postgres webhook",
      "initial duckdb postgres",
      "initial duckdb webhook",
      "initial postgres postgres",
      "initial postgres webhook",
    ]);
    // 2000 rows: 20 updated, 2 inserted, 2 deleted.
    for (const line of lines) expect([line.rows, line.changed]).toEqual(line.phase === "initial" ? [2000, 2000] : [2000, 24]);
  });
});

describe.skipIf(databaseUrl === null)("npm run bench -- --only floor", () => {
  it("prints the floor's checked line, and the engine's ratio to it when both ran", { timeout: 120_000 }, async () => {
    const { stdout, stderr } = await bench(["--only", "sync,floor", "--source", "duckdb", "--destination", "webhook", "--rows", "2000"], {
      DATABASE_URL: databaseUrl ?? "",
    });
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => ZLine.extend({ bench: z.enum(["sync", "floor"]) }).parse(JSON.parse(line)));
    expect(lines.map((line) => `${line.bench} ${line.phase} ${line.source} ${line.destination} ${line.rows} ${line.changed}`)).toEqual([
      "sync initial duckdb webhook 2000 2000",
      "sync incremental duckdb webhook 2000 24",
      "floor incremental duckdb webhook 2000 24",
    ]);
    const [, engine, floor] = lines;
    const ratio = ((engine?.seconds ?? 0) / (floor?.seconds ?? 1)).toFixed(2);
    expect(stderr).toContain(`the floor ${floor?.seconds.toFixed(3)} s: ${ratio}× the floor.`);
  });
});

describe("the bench's command line", () => {
  it("names the parts when --only is unknown", async () => {
    await expect(bench(["--only", "nope"], { DATABASE_URL: "postgres://127.0.0.1:1/none" })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--only nope: no such part. Parts: sync, audience, floor.") as unknown,
    });
  });

  it("refuses to start without DATABASE_URL", async () => {
    await expect(bench(["--only", "sync"], { DATABASE_URL: "" })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("needs DATABASE_URL") as unknown,
    });
  });
});
