/**
 * Settings of a Postgres table destination: the Postgres source's connection fields (the same
 * form, the same `check`), `schemas` limiting which tables `discover` lists, and how much to
 * write at once. Parsing is idempotent: a parsed config parses to itself.
 */
import type { z } from "zod";
import { ZPostgresConfig } from "../../sources/postgres/config";
import { tableWriteFields } from "./table";

export const ZPostgresTableConfig = ZPostgresConfig.extend(tableWriteFields);

export type TPostgresTableConfig = z.infer<typeof ZPostgresTableConfig>;
