/**
 * Which DuckDB file a source reads, and the folders Sluice allows.
 *
 * - `demo`: the installation's shared demo warehouse (`demoWarehousePath(dataDir)`).
 * - `uploads`: the workspace's uploaded CSV/Parquet files, `<dataDir>/uploads/<workspaceId>.duckdb`.
 * - `file`: a DuckDB file an administrator placed on the server, only inside `<dataDir>/duckdb/`.
 *   A hosted, multi-tenant server must not let people read arbitrary server files, so any other
 *   path is refused, when the settings are saved and again (symlinks resolved) when it is opened.
 */
import { realpath } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

import { demoWarehousePath } from "@/server/worker/jobs/generate-demo-warehouse";
import { DuckdbUnavailableError } from "./errors";

export const FILES_FOLDER = "duckdb";
export const UPLOADS_FOLDER = "uploads";
/** DuckDB treats other paths (e.g. *.csv) as something else than a database file. */
const DATABASE_EXTENSIONS = [".duckdb", ".ddb", ".db"];

export type DuckdbConfig =
  | { database: "demo" }
  | { database: "uploads"; workspaceId: string }
  | { database: "file"; path: string };

/** Where administrators may put DuckDB files for `{ database: "file" }`. */
export function filesFolder(dataDir: string): string {
  return path.resolve(dataDir, FILES_FOLDER);
}

export function uploadsDatabasePath(dataDir: string, workspaceId: string): string {
  const id = z.uuid().safeParse(workspaceId);
  if (!id.success) throw new DuckdbUnavailableError("invalid_config", "The workspace id of an uploads database must be a UUID.");
  return path.resolve(dataDir, UPLOADS_FOLDER, `${id.data.toLowerCase()}.duckdb`);
}

function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/** Why `filePath` may not be read, or null when it is an absolute path inside the files folder. */
export function filePathProblem(filePath: string, dataDir: string): string | null {
  const folder = filesFolder(dataDir);
  if (!path.isAbsolute(filePath)) return `Enter an absolute path inside ${folder}/, e.g. ${folder}/warehouse.duckdb.`;
  if (!isInside(folder, path.resolve(filePath))) {
    return `Only DuckDB files inside ${folder}/ can be read. Copy the file there and enter its path.`;
  }
  if (!DATABASE_EXTENSIONS.includes(path.extname(filePath).toLowerCase())) {
    return `Enter a DuckDB database file (${DATABASE_EXTENSIONS.join(", ")}); CSV and Parquet files are uploaded instead.`;
  }
  return null;
}

/** The database file a configuration reads (not checked on disk). */
export function resolveDatabasePath(config: DuckdbConfig, dataDir: string): string {
  switch (config.database) {
    case "demo":
      return demoWarehousePath(dataDir);
    case "uploads":
      return uploadsDatabasePath(dataDir, config.workspaceId);
    case "file": {
      const problem = filePathProblem(config.path, dataDir);
      if (problem !== null) throw new DuckdbUnavailableError("invalid_config", problem);
      return path.resolve(config.path);
    }
  }
}

/** Refuses a file whose real location (symlinks followed) is outside the files folder. */
export async function assertRealPathAllowed(filePath: string, dataDir: string): Promise<void> {
  const [realFile, realFolder] = await Promise.all([realpath(filePath), realpath(filesFolder(dataDir))]);
  if (!isInside(realFolder, realFile)) {
    throw new DuckdbUnavailableError(
      "permission_denied",
      `${filePath} points outside ${filesFolder(dataDir)}/ (through a symbolic link), so it cannot be read.`,
    );
  }
}

/** The connection settings, discriminated on `database`; the file path is checked against `dataDir()`. */
export function duckdbConfigSchema(dataDir: () => string): z.ZodType<DuckdbConfig> {
  return z.discriminatedUnion("database", [
    z.object({ database: z.literal("demo") }),
    z.object({ database: z.literal("uploads"), workspaceId: z.uuid() }),
    z.object({
      database: z.literal("file"),
      path: z
        .string()
        .trim()
        .min(1, "Enter the path of a DuckDB file on the server")
        .superRefine((value, context) => {
          const problem = filePathProblem(value, dataDir());
          if (problem !== null) context.addIssue({ code: "custom", message: problem });
        }),
    }),
  ]);
}
