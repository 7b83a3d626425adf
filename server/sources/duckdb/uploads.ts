/**
 * Uploaded CSV and Parquet files become tables of the workspace's uploads database
 * (`<dataDir>/uploads/<workspaceId>.duckdb`), which its "Uploads" source reads.
 *
 * Promises:
 * - Readers are never disturbed: the import works on a copy of the database and renames it over
 *   the original when done (readers hold a shared lock on the original; a reader that already
 *   opened it keeps reading the old version, the next one opens the new). Imports into one
 *   workspace are serialized within this process; Sluice imports from the web process only.
 * - External access is off during the import except for the one server-controlled file being
 *   read (`allowed_paths`), and the configuration is locked.
 * - The table is named after the file (safe identifier, unique in the database).
 * - A malformed file fails with one sentence about that file ("Line 4 of customers.csv has 5
 *   columns, expected 4 (as in the header)."), thrown as UploadError; nothing is left behind.
 */
import { randomBytes } from "node:crypto";
import { copyFile, mkdir, open, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

import type { Column } from "@/server/sources/types";
import { duckdbDialect } from "./dialect";
import { uploadsDatabasePath } from "./paths";
import { headerShape, readableCsvError, readableParquetError, tableNameFor } from "./upload-files";
import { resultColumns } from "./values";

export type ImportUploadParams = {
  dataDir: string;
  workspaceId: string;
  /** The name the user's file had; names the table and the error messages. */
  fileName: string;
  /** The file's bytes, or the path of a server-controlled temporary file holding them. */
  content: Buffer | string;
  format: "csv" | "parquet";
};

export type ImportedUpload = { table: string; rows: number; columns: Column[] };

/** The uploaded file cannot be imported; the message is meant for the person who uploaded it. */
export class UploadError extends Error {
  override name = "UploadError";
}

const queues = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier import into the same database has finished. */
async function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  queues.set(key, next);
  try {
    return await next;
  } finally {
    if (queues.get(key) === next) queues.delete(key);
  }
}

export async function importUpload(params: ImportUploadParams): Promise<ImportedUpload> {
  const databasePath = uploadsDatabasePath(params.dataDir, params.workspaceId);
  return serialized(databasePath, () => importInto(databasePath, params));
}

function sqlString(value: string): string {
  return `'${value.split("'").join("''")}'`;
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}

async function importInto(databasePath: string, params: ImportUploadParams): Promise<ImportedUpload> {
  const folder = path.dirname(databasePath);
  await mkdir(folder, { recursive: true });
  const token = `${process.pid}-${randomBytes(6).toString("hex")}`;
  const source =
    typeof params.content === "string"
      ? { file: path.resolve(params.content), bytes: undefined }
      : { file: path.join(folder, `.incoming-${token}.${params.format}`), bytes: params.content };
  const draft = `${databasePath}.import-${token}`;
  try {
    if (source.bytes !== undefined) await writeFile(source.file, source.bytes, { mode: 0o600 });
    if ((await stat(source.file)).size === 0) throw new UploadError(`${params.fileName} is empty.`);
    await copyFile(databasePath, draft).catch((error: unknown) => {
      if (!isMissing(error)) throw error;
    });
    const imported = await withDraft(draft, source.file, (connection) => createTable(connection, source.file, params));
    await rename(draft, databasePath);
    return imported;
  } finally {
    await Promise.allSettled([
      source.bytes === undefined ? Promise.resolve() : rm(source.file, { force: true }),
      rm(draft, { force: true }),
      rm(`${draft}.wal`, { force: true }),
      rm(`${draft}.tmp`, { force: true, recursive: true }),
    ]);
  }
}

/** Opens the draft database read-write, lets it read only `sourceFile`, and checkpoints it after `work`. */
async function withDraft<T>(draft: string, sourceFile: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(draft, {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  try {
    const connection = await instance.connect();
    try {
      await connection.run(`SET allowed_paths = [${sqlString(sourceFile)}]`);
      await connection.run("SET enable_external_access = false");
      await connection.run("SET lock_configuration = true");
      const result = await work(connection);
      await connection.run("CHECKPOINT");
      return result;
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

async function takenNames(connection: DuckDBConnection): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()
     UNION ALL SELECT view_name FROM duckdb_views() WHERE database_name = current_database() AND NOT internal`,
  );
  return reader.getRows().map(([name]) => String(name));
}

async function createTable(connection: DuckDBConnection, sourceFile: string, params: ImportUploadParams): Promise<ImportedUpload> {
  const table = tableNameFor(params.fileName, await takenNames(connection));
  const quoted = duckdbDialect.quoteIdentifier(table);
  const reader = params.format === "csv" ? await csvReader(sourceFile) : "read_parquet($1)";
  try {
    await connection.run(`CREATE TABLE ${quoted} AS SELECT * FROM ${reader}`, [sourceFile]);
  } catch (error) {
    throw await explain(connection, error, sourceFile, params);
  }
  const described = await connection.runAndReadAll(`SELECT * FROM ${quoted} LIMIT 0`);
  const counted = await connection.runAndReadAll(`SELECT count(*) FROM ${quoted}`);
  const rows = Number(counted.getRows()[0]?.[0] ?? 0);
  return { table, rows, columns: resultColumns(described.columnNames(), described.columnTypes()) };
}

async function headerLine(sourceFile: string): Promise<string> {
  const handle = await open(sourceFile, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString("utf8").split("\n")[0] ?? "";
  } finally {
    await handle.close();
  }
}

/**
 * The read_csv call for an upload. The whole file is sampled, so a type guessed from the first
 * rows never fails on a later one. The header's delimiter is imposed: left to itself, DuckDB's
 * sniffer reads a file with one malformed row as a single text column instead of failing.
 */
async function csvReader(sourceFile: string): Promise<string> {
  const { delimiter, columns } = headerShape(await headerLine(sourceFile));
  const delim = columns > 1 ? `, delim = ${sqlString(delimiter)}` : "";
  return `read_csv($1, header = true, sample_size = -1${delim})`;
}

/**
 * Turns DuckDB's report on a refused file into an UploadError. When DuckDB's CSV sniffer gave
 * up (it cannot tell which line is wrong), the file is read again with the header's delimiter,
 * strictly, so the error names the first bad line.
 */
async function explain(
  connection: DuckDBConnection,
  error: unknown,
  sourceFile: string,
  params: ImportUploadParams,
): Promise<UploadError> {
  const message = error instanceof Error ? error.message : String(error);
  if (params.format === "parquet") return new UploadError(readableParquetError(message, params.fileName, sourceFile));
  if (/CSV Error on Line/.test(message)) return new UploadError(readableCsvError(message, params.fileName, sourceFile));
  const strictMessage = await strictCsvError(connection, sourceFile);
  return new UploadError(readableCsvError(strictMessage ?? message, params.fileName, sourceFile));
}

/** DuckDB's error for reading `sourceFile` strictly with the delimiter and width of its header, if any. */
async function strictCsvError(connection: DuckDBConnection, sourceFile: string): Promise<string | undefined> {
  const { delimiter, columns } = headerShape(await headerLine(sourceFile));
  const columnTypes = Array.from({ length: columns }, (_, index) => `'c${index + 1}': 'VARCHAR'`).join(", ");
  const sql = `SELECT count(*) FROM read_csv($1, auto_detect = false, header = true, strict_mode = true,
    delim = ${sqlString(delimiter)}, quote = '"', escape = '"', columns = {${columnTypes}})`;
  try {
    await connection.run(sql, [sourceFile]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
