/**
 * The two warehouses a bench model lives in: a scratch Postgres database, and a DuckDB file in
 * `<SLUICE_DATA_DIR>/duckdb/` (the only folder a DuckDB source may read, see
 * server/sources/duckdb/paths.ts). Each can load the rows, apply the incremental change, and
 * stream canonical lines (customers.ts) ordered by id for the correctness checks.
 *
 * DuckDB allows one writer or many readers per file, so this process opens the file only for the
 * moment it loads, mutates or reads it; the phase child opens it read-only in between.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { filesFolder } from "@/server/sources/duckdb/paths";
import {
  canonicalLineSql,
  createTableStatement,
  type Dialect,
  insertRowsStatement,
  type Mutation,
  mutationStatements,
  TABLE,
} from "./customers";
import { createScratchDatabase, type PostgresClient } from "./postgres";
import type { Scope } from "./scope";

const LINES_PER_CHUNK = 10_000;

export type Warehouse = {
  dialect: Dialect;
  /** The source as the app stores it. */
  source: { type: Dialect; config: unknown };
  table: { schema: string; name: string };
  /** Applies the change and fails unless each statement touched exactly the planned rows. */
  mutate(mutation: Mutation): Promise<void>;
  /** Canonical lines ordered by id, optionally only rows matching a SQL condition. */
  lines(where?: string): AsyncIterable<string[]>;
};

function checkTouched(dialect: Dialect, statement: { sql: string; rows: number }, touched: number): void {
  if (touched !== statement.rows) {
    throw new Error(`${dialect}: "${statement.sql.slice(0, 80)}…" touched ${touched} rows, not ${statement.rows}.`);
  }
}

export async function createPostgresWarehouse(databaseUrl: string, rows: number, scope: Scope): Promise<Warehouse> {
  const database = await createScratchDatabase(databaseUrl, "sluice_bench_warehouse", scope);
  const { sql } = database;
  await sql.unsafe(createTableStatement("postgres", TABLE));
  await sql.unsafe(insertRowsStatement("postgres", TABLE, 1, rows));
  // A freshly loaded table sets hint bits on its first scan; settle that before anything is timed.
  await sql.unsafe(`VACUUM (FREEZE, ANALYZE) ${TABLE}`);
  return {
    dialect: "postgres",
    source: { type: "postgres", config: database.config },
    table: { schema: "public", name: TABLE },
    async mutate(mutation) {
      for (const statement of mutationStatements("postgres", TABLE, mutation)) {
        const result = await sql.unsafe(statement.sql);
        checkTouched("postgres", statement, result.count);
      }
      await sql.unsafe(`ANALYZE ${TABLE}`);
    },
    lines: (where) => postgresLines(sql, TABLE, where),
  };
}

/** Canonical lines of a Postgres table, read with a cursor. */
export async function* postgresLines(sql: PostgresClient, table: string, where?: string): AsyncIterable<string[]> {
  const query = `SELECT ${canonicalLineSql("postgres")} AS line FROM ${table}${where ? ` WHERE ${where}` : ""} ORDER BY id`;
  for await (const chunk of sql.unsafe<{ line: string }[]>(query).cursor(LINES_PER_CHUNK)) {
    yield chunk.map((row) => row.line);
  }
}

/** Opens the file read-write for one piece of work and closes it again. */
export async function withDuckdb<T>(file: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Removes a DuckDB file and its write-ahead log, if they are there. */
export async function removeDuckdbFile(file: string): Promise<void> {
  await fs.rm(file, { force: true });
  await fs.rm(`${file}.wal`, { force: true });
}

export async function createDuckdbWarehouse(dataDir: string, rows: number, scope: Scope): Promise<Warehouse & { file: string }> {
  const folder = filesFolder(dataDir);
  const folderExisted = await fs.stat(folder).then(() => true, () => false);
  await fs.mkdir(folder, { recursive: true });
  const file = path.join(folder, `sluice-bench-${crypto.randomBytes(4).toString("hex")}.duckdb`);
  scope.defer(`remove ${file}`, async () => {
    await removeDuckdbFile(file);
    if (!folderExisted) await fs.rmdir(folder).catch(() => undefined);
  });
  await withDuckdb(file, async (connection) => {
    await connection.run(createTableStatement("duckdb", TABLE));
    await connection.run(insertRowsStatement("duckdb", TABLE, 1, rows));
    await connection.run("CHECKPOINT");
  });
  return {
    dialect: "duckdb",
    file,
    source: { type: "duckdb", config: { database: "file", path: file } },
    table: { schema: "main", name: TABLE },
    async mutate(mutation) {
      await withDuckdb(file, async (connection) => {
        for (const statement of mutationStatements("duckdb", TABLE, mutation)) {
          const result = await connection.run(statement.sql);
          checkTouched("duckdb", statement, result.rowsChanged);
        }
        await connection.run("CHECKPOINT");
      });
    },
    async *lines(where) {
      const query = `SELECT ${canonicalLineSql("duckdb")} AS line FROM ${TABLE}${where ? ` WHERE ${where}` : ""} ORDER BY id`;
      const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
      const connection = await instance.connect();
      try {
        const result = await connection.stream(query);
        for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
          yield chunk.getColumnValues(0).map(String);
        }
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    },
  };
}
