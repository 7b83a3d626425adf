/**
 * The DuckDB source connector (`duckdbSource`), reading files under Sluice's data directory.
 * `createDuckdbSource` builds one for another data directory (tests); `importUpload` adds an
 * uploaded CSV/Parquet file to a workspace's uploads database.
 */
import { getEnv } from "@/env";
import { createDuckdbSource } from "./connector";

export { createDuckdbSource, DEMO_NOT_READY, type DuckdbSourceOptions } from "./connector";
export type { DuckdbConfig } from "./paths";
export { importUpload, UploadError, type ImportUploadParams, type ImportedUpload } from "./uploads";

export const duckdbSource = createDuckdbSource({ dataDir: () => getEnv().SLUICE_DATA_DIR });
