/**
 * `npm run bench`: how fast Sluice is on this machine, against the Postgres server at DATABASE_URL.
 *
 *   npm run bench [-- --only <part>[,<part>…]] [--rows N] [part options]
 *
 * Parts are registered in PARTS below (one module each); every part runs unless `--only` names
 * some. A part prints each measurement as one JSON line on stdout and a human summary on stderr,
 * creates what it needs (scratch databases, files, a workspace of its own) and removes it at the
 * end, also when it fails or is interrupted.
 */
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { openDatabase } from "@/db/client";
import { type BenchContext, type BenchPart, type Measurement, UsageError } from "./part";
import { Scope } from "./scope";
import { audiencePart } from "./audience";
import { againstFloor, floorPart } from "./floor";
import { syncPart } from "./sync";
import { VerificationError } from "./verify";

const PARTS: Record<string, BenchPart> = {
  sync: syncPart,
  audience: audiencePart,
  floor: floorPart,
};

const DEFAULT_ROWS = 1_000_000;

const COMMON_OPTIONS: ParseArgsOptionsConfig = {
  only: { type: "string" },
  rows: { type: "string" },
  help: { type: "boolean", short: "h" },
};

function usage(): string {
  const parts = Object.entries(PARTS).map(([name, part]) => `  ${name.padEnd(10)} ${part.summary}`);
  return [
    "Usage: npm run bench -- [--only <part>[,<part>…]] [--rows N]",
    "",
    `  --rows N     rows of the model each part builds (default ${DEFAULT_ROWS.toLocaleString("en")}; 1e6 and 1_000_000 work)`,
    "  --only PART  run only these parts (comma-separated); parts:",
    ...parts,
    "",
    "Needs DATABASE_URL (a Postgres server where this user may create databases).",
  ].join("\n");
}

function parseRows(text: string | undefined): number {
  if (text === undefined) return DEFAULT_ROWS;
  const rows = Number(text.replaceAll("_", "").replaceAll(",", ""));
  if (!Number.isSafeInteger(rows) || rows < 1000) throw new UsageError(`--rows ${text}: give a whole number of at least 1000.`);
  return rows;
}

function parseCommandLine() {
  const options = Object.assign({}, COMMON_OPTIONS, ...Object.values(PARTS).map((part) => part.options)) as ParseArgsOptionsConfig;
  let values;
  try {
    ({ values } = parseArgs({ options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const only = values.only;
  const names = typeof only === "string" ? only.split(",") : Object.keys(PARTS);
  const unknown = names.find((name) => !(name in PARTS));
  if (unknown !== undefined) throw new UsageError(`--only ${unknown}: no such part. Parts: ${Object.keys(PARTS).join(", ")}.`);
  const runs = names.flatMap((name) => PARTS[name]?.plan(values) ?? []);
  return { help: values.help === true, rows: parseRows(typeof values.rows === "string" ? values.rows : undefined), runs };
}

async function main(): Promise<number> {
  let commandLine;
  try {
    commandLine = parseCommandLine();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${usage()}`);
    return 2;
  }
  if (commandLine.help) {
    console.error(usage());
    return 0;
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl || !/^postgres(ql)?:\/\/./.test(databaseUrl)) {
    console.error(
      `npm run bench needs DATABASE_URL${databaseUrl ? " as a postgres:// URL" : ""}: the Postgres server to measure against, e.g.\n` +
        "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/sluice npm run bench",
    );
    return 2;
  }

  const scope = new Scope();
  let interrupted = false;
  const interrupt = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal}: cleaning up (again to quit at once)…`);
    void scope.close().then(() => process.exit(130));
  };
  process.on("SIGINT", interrupt);
  process.on("SIGTERM", interrupt);

  const database = await openDatabase({ kind: "postgres", url: databaseUrl });
  scope.defer("close the app database", () => database.close());
  const emitted: Measurement[] = [];
  const context: BenchContext = {
    db: database.db,
    databaseUrl,
    rows: commandLine.rows,
    scope,
    emit: (measurement) => {
      emitted.push(measurement);
      process.stdout.write(`${JSON.stringify(measurement)}\n`);
    },
    log: (text) => process.stderr.write(`${text}\n`),
  };
  try {
    for (const run of commandLine.runs) await run(context);
    const ratio = againstFloor(emitted);
    if (ratio) context.log(ratio);
    return 0;
  } catch (error) {
    if (interrupted) return 130;
    console.error(error instanceof VerificationError ? `\nWRONG RESULT — ${error.message}` : error);
    return 1;
  } finally {
    await scope.close();
  }
}

process.exitCode = await main();
// Connector pools and the webhook receiver's keep-alive sockets must not hold the process open.
process.exit();
