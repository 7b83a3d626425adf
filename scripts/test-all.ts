/**
 * `npm test`: every check, in order, with one summary at the end.
 * typecheck -> lint -> unit -> integration -> production build -> end-to-end (Chromium).
 *
 * DATABASE_URL set (CI does): integration tests and one end-to-end pass use fresh databases
 * created on that Postgres server and dropped afterwards; the engine's, worker's and queries'
 * integration tests and a second end-to-end pass run again on embedded PGlite, the `npm run dev`
 * default. Unset: everything runs on PGlite.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import postgres from "postgres";

type Outcome = { name: string; ok: boolean; passed: number; failed: number; skipped: number; seconds: number };

const outcomes: Outcome[] = [];
const databaseUrl = process.env.DATABASE_URL || undefined;

function run(name: string, command: string[], env: Record<string, string | undefined> = {}): boolean {
  console.log(`\n━━ ${name}: ${command.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command[0] ?? "", command.slice(1), { stdio: "inherit", env: { ...process.env, ...env } });
  const ok = result.status === 0;
  outcomes.push({ name, ok, passed: 0, failed: ok ? 0 : 1, skipped: 0, seconds: (Date.now() - started) / 1000 });
  return ok;
}

function readJson(file: string): unknown {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
}

/** Replaces the last outcome's counts with the test counts its JSON report gives. */
function countTests(file: string, kind: "vitest" | "playwright"): void {
  const outcome = outcomes.at(-1);
  const report = readJson(file) as Record<string, unknown> | undefined;
  if (!outcome || !report) return;
  if (kind === "vitest") {
    outcome.passed = Number(report.numPassedTests ?? 0);
    outcome.failed = Number(report.numFailedTests ?? 0);
    outcome.skipped = Number(report.numPendingTests ?? 0) + Number(report.numTodoTests ?? 0);
  } else {
    const stats = (report.stats ?? {}) as Record<string, number>;
    outcome.passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
    outcome.failed = stats.unexpected ?? 0;
    outcome.skipped = stats.skipped ?? 0;
  }
}

async function withFreshDatabase<T>(prefix: string, use: (url: string) => T): Promise<T> {
  if (!databaseUrl) throw new Error("withFreshDatabase needs DATABASE_URL");
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  try {
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    return use(url.toString());
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

const bin = (tool: string, ...args: string[]) => [`node_modules/.bin/${tool}`, ...args];
fs.rmSync("test-results", { recursive: true, force: true });
fs.mkdirSync("test-results", { recursive: true });

run("typecheck", bin("tsc", "--noEmit"));
run("lint", bin("eslint", "--max-warnings", "0", "."));
run("unit tests", bin("vitest", "run", "--project", "unit", "--reporter=default", "--reporter=json", "--outputFile=test-results/unit.json"));
countTests("test-results/unit.json", "vitest");
run(
  "integration tests",
  bin("vitest", "run", "--project", "integration", "--reporter=default", "--reporter=json", "--outputFile=test-results/integration.json"),
  { TEST_DATABASE_URL: databaseUrl },
);
countTests("test-results/integration.json", "vitest");
if (databaseUrl) {
  // The app database's own paths once more on embedded PGlite, which `npm run dev` uses: its driver differs (bytea, one connection).
  run(
    "integration tests, embedded database",
    bin("vitest", "run", "--project", "integration", "server/engine", "server/worker", "db", "--reporter=default", "--reporter=json", "--outputFile=test-results/integration-embedded.json"),
    { TEST_DATABASE_URL: undefined },
  );
  countTests("test-results/integration-embedded.json", "vitest");
}

if (run("production build", bin("next", "build"), { DATABASE_URL: undefined })) {
  const e2e = (label: string, e2eDatabaseUrl: string | undefined) => {
    const report = `test-results/e2e-${label}.json`;
    run(`end-to-end (${label})`, bin("playwright", "test", "--reporter=list,json"), {
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
      E2E_OUTPUT_DIR: `test-results/e2e-${label}`,
      E2E_DATABASE_URL: e2eDatabaseUrl,
    });
    countTests(report, "playwright");
  };
  if (databaseUrl) await withFreshDatabase("sluice_e2e", (url) => e2e("postgres", url));
  e2e("pglite", undefined);
}

console.log("\n━━ Summary");
for (const o of outcomes) {
  const counts = o.passed + o.failed + o.skipped > 0 ? ` ${o.passed} passed, ${o.failed} failed, ${o.skipped} skipped` : "";
  console.log(`${o.ok ? "✓" : "✘"} ${o.name.padEnd(24)}${counts.padEnd(40)} ${o.seconds.toFixed(1)} s`);
}
const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
// A step that failed without a failing test (a crash, a type error) counts as one failure.
const failed = outcomes.reduce((sum, o) => sum + (o.ok ? o.failed : Math.max(o.failed, 1)), 0);
const skipped = outcomes.reduce((sum, o) => sum + o.skipped, 0);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(outcomes.every((o) => o.ok) ? 0 : 1);
