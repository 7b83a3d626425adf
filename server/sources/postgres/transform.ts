/**
 * Postgres types → Sluice's portable types and JSON-safe cell values. Pure.
 *
 * The pool is opened so that postgres.js parses nothing (see `TEXT_TYPE_OIDS`): every value
 * arrives as the server's text, which `fromText` turns into the value Sluice stores, by type:
 * small integers and floats as numbers, bigint and numeric as exact strings, timestamps as
 * ISO 8601 strings, json as values, arrays as arrays, bytea as base64, the rest as text.
 */
import { parseJsonCell, toJsonCell } from "../shared/values";
import type { CellValue, Column, ColumnType, Row } from "../types";

/** Part of this module's interface: any driver value made JSON-safe by Postgres' rules. */
export { toJsonCell };

/** Names of the built-in type OIDs (fixed since Postgres 8; Redshift uses the same ones). */
export const BUILTIN_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [16, "boolean"], [17, "bytea"], [18, '"char"'], [19, "name"], [20, "bigint"], [21, "smallint"],
  [23, "integer"], [25, "text"], [26, "oid"], [114, "json"], [142, "xml"], [650, "cidr"],
  [700, "real"], [701, "double precision"], [790, "money"], [829, "macaddr"], [869, "inet"],
  [1042, "character"], [1043, "character varying"], [1082, "date"], [1083, "time without time zone"],
  [1114, "timestamp without time zone"], [1184, "timestamp with time zone"], [1186, "interval"],
  [1266, "time with time zone"], [1560, "bit"], [1562, "bit varying"], [1700, "numeric"],
  [2950, "uuid"], [3802, "jsonb"],
  [199, "json[]"], [1000, "boolean[]"], [1001, "bytea[]"], [1005, "smallint[]"], [1007, "integer[]"],
  [1009, "text[]"], [1014, "character[]"], [1015, "character varying[]"], [1016, "bigint[]"],
  [1021, "real[]"], [1022, "double precision[]"], [1115, "timestamp without time zone[]"],
  [1182, "date[]"], [1185, "timestamp with time zone[]"], [1231, "numeric[]"], [2951, "uuid[]"],
  [3807, "jsonb[]"],
]);

const ALIASES: Readonly<Record<string, string>> = {
  int2: "smallint", int4: "integer", int: "integer", int8: "bigint", float4: "real", float8: "double precision",
  float: "double precision", bool: "boolean", decimal: "numeric", varchar: "character varying",
  char: "character", bpchar: "character", timestamptz: "timestamp with time zone",
  timestamp: "timestamp without time zone", timetz: "time with time zone", time: "time without time zone",
};

const COLUMN_TYPES: Readonly<Record<string, ColumnType>> = {
  smallint: "integer", integer: "integer", bigint: "integer", oid: "integer",
  real: "number", "double precision": "number", numeric: "number",
  boolean: "boolean", date: "date",
  "timestamp without time zone": "timestamp", "timestamp with time zone": "timestamp",
  json: "json", jsonb: "json", super: "json",
  text: "string", "character varying": "string", character: "string", '"char"': "string", name: "string",
  uuid: "string", citext: "string", xml: "string", interval: "string", money: "string", bytea: "string",
  "time without time zone": "string", "time with time zone": "string", inet: "string", cidr: "string",
  macaddr: "string", macaddr8: "string", bit: "string", "bit varying": "string",
};

/** Native type → canonical name; a model has few distinct types and every cell asks (hot in reads). */
const canonicalNames = new Map<string, string>();

/** `character varying(255)` → `character varying`, `int4` → `integer`, `_int4` → `integer[]`. */
export function canonicalType(nativeType: string): string {
  let canonical = canonicalNames.get(nativeType);
  if (canonical === undefined) {
    canonical = canonicalTypeOf(nativeType);
    if (canonicalNames.size < 10_000) canonicalNames.set(nativeType, canonical);
  }
  return canonical;
}

function canonicalTypeOf(nativeType: string): string {
  const name = nativeType.toLowerCase().replace(/\([^)]*\)/g, "").replace(/\s+/g, " ").trim();
  if (name.endsWith("[]")) return `${canonicalType(name.slice(0, -2))}[]`;
  if (name.startsWith("_") && name.length > 1) return `${canonicalType(name.slice(1))}[]`;
  return ALIASES[name] ?? name;
}

/** The portable type of a native type; `typtype` 'e' (from pg_type) marks enums, which are strings. */
export function columnType(nativeType: string, typtype?: string): ColumnType {
  const name = canonicalType(nativeType);
  if (name.endsWith("[]")) return "json";
  return COLUMN_TYPES[name] ?? (typtype === "e" ? "string" : "unknown");
}

const TIMESTAMP_TEXT = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)(?:([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?)?$/;

/**
 * Postgres ISO-style timestamp text → ISO 8601: `2024-01-02 03:04:05.123456+00` →
 * `2024-01-02T03:04:05.123456Z`; without a zone (timestamp without time zone) no suffix is
 * added. Microseconds are kept. BC dates, infinity and offsets with seconds stay as they are.
 */
export function isoTimestamp(text: string): string {
  const match = TIMESTAMP_TEXT.exec(text);
  if (match === null) return text;
  const [, date, time, sign, hours, minutes = "00", seconds] = match;
  if (date === undefined || time === undefined) return text;
  if (sign === undefined || hours === undefined) return `${date}T${time}`;
  if (seconds !== undefined && seconds !== "00") return text;
  const zone = hours === "00" && minutes === "00" ? "Z" : `${sign}${hours}:${minutes}`;
  return `${date}T${time}${zone}`;
}

/**
 * Parses Postgres array text (`{1,NULL,"a,b",{2,3}}`, optionally prefixed with bounds like
 * `[0:1]=`) into nested arrays, each element converted by `element`. Malformed text is
 * returned unchanged as a string.
 */
export function parseArrayText(text: string, element: (raw: string) => CellValue): CellValue {
  let i = text.startsWith("[") ? text.indexOf("=") + 1 : 0;
  const fail = Symbol("malformed");

  function parseList(): CellValue[] | typeof fail {
    if (text[i] !== "{") return fail;
    i++;
    const out: CellValue[] = [];
    if (text[i] === "}") {
      i++;
      return out;
    }
    while (i < text.length) {
      if (text[i] === "{") {
        const inner = parseList();
        if (inner === fail) return fail;
        out.push(inner);
      } else if (text[i] === '"') {
        let value = "";
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === "\\") i++;
          value += text.charAt(i);
          i++;
        }
        if (i >= text.length) return fail;
        i++;
        out.push(element(value));
      } else {
        const end = text.slice(i).search(/[,}]/);
        if (end < 0) return fail;
        const raw = text.slice(i, i + end);
        i += end;
        out.push(raw === "NULL" ? null : element(raw));
      }
      if (text[i] === ",") i++;
      else if (text[i] === "}") {
        i++;
        return out;
      } else return fail;
    }
    return fail;
  }

  const parsed = parseList();
  return parsed === fail || i !== text.length ? text : parsed;
}

/** Converts one value in the server's text format to a cell. */
export type TextConverter = (text: string) => CellValue;

const converters = new Map<string, TextConverter>();

/** The converter for a (native) type, chosen once per type: reads convert every cell. */
export function textConverter(nativeType: string): TextConverter {
  let converter = converters.get(nativeType);
  if (converter === undefined) {
    converter = converterOf(canonicalType(nativeType));
    if (converters.size < 10_000) converters.set(nativeType, converter);
  }
  return converter;
}

function converterOf(name: string): TextConverter {
  if (name.endsWith("[]")) {
    const element = textConverter(name.slice(0, -2));
    return (text) => parseArrayText(text, element);
  }
  switch (name) {
    case "smallint":
    case "integer":
    case "oid":
    case "real":
    case "double precision":
      return (text) => {
        const number = Number(text);
        return Number.isFinite(number) && text.trim() !== "" ? number : text;
      };
    case "boolean":
      return (text) => text === "t" || text === "true";
    case "json":
    case "jsonb":
      return parseJsonCell;
    case "bytea":
      return (text) => (text.startsWith("\\x") ? Buffer.from(text.slice(2), "hex").toString("base64") : text);
    case "timestamp with time zone":
    case "timestamp without time zone":
      return isoTimestamp;
    default:
      return keepText;
  }
}

const keepText: TextConverter = (text) => text;

/**
 * Whether a key of this type is named by the server's text as it is: its cell is that text, or an
 * integer the text prints exactly (fingerprint.ts `canonicalKey`), so the text's bytes hash to its
 * key hash.
 */
export function textIsCanonicalKey(nativeType: string): boolean {
  const name = canonicalType(nativeType);
  return textConverter(name) === keepText || name === "smallint" || name === "integer" || name === "oid";
}

/** One value in the server's text format → a cell, by its (native) type. */
export function fromText(text: string, nativeType: string): CellValue {
  return textConverter(nativeType)(text);
}

/** The OIDs postgres.js would parse itself; the pool registers them as text. */
export const TEXT_TYPE_OIDS = [16, 17, 21, 23, 26, 114, 700, 701, 1082, 1114, 1184, 3802];

/** A value as postgres.js returned it (text, or null) → a cell. */
export function toCell(value: unknown, nativeType: string): CellValue {
  return typeof value === "string" ? fromText(value, nativeType) : toJsonCell(value);
}

/** A result row → a Sluice row, each value converted by its column's native type. */
export function toRow(raw: Record<string, unknown>, columns: readonly Column[]): Row {
  const row: Row = {};
  for (const column of columns) row[column.name] = toCell(raw[column.name], column.nativeType);
  return row;
}
