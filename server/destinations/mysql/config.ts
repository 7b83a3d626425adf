/**
 * Settings of a MySQL/MariaDB table destination: the MySQL source's connection fields (the same
 * form, the same `check`) without its list of databases (a destination writes to the tables of
 * `database`), and how much to write at once. Parsing is idempotent: a parsed config parses to itself.
 */
import type { z } from "zod";
import { withTlsHostRule, ZMysqlConnection } from "../../sources/mysql/config";
import { tableWriteFields } from "../postgres/table";

export const ZMysqlTableConfig = withTlsHostRule(ZMysqlConnection.omit({ schemas: true }).extend(tableWriteFields));

export type TMysqlTableConfig = z.infer<typeof ZMysqlTableConfig>;
