/**
 * Text literals per warehouse, checked against a small lexer that reads string literals the way
 * each warehouse's parser does: a literal must end exactly where it was written to end and read
 * back as the value, and no value can change the shape of a compiled audience.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bigqueryDialect } from "@/server/sources/bigquery/dialect";
import { databricksDialect } from "@/server/sources/databricks/dialect";
import { duckdbDialect } from "@/server/sources/duckdb/dialect";
import { mysqlDialect } from "@/server/sources/mysql/dialect";
import { postgresDialect } from "@/server/sources/postgres/dialect";
import { snowflakeDialect } from "@/server/sources/snowflake/dialect";
import type { Dialect, SourceType } from "@/server/sources/types";
import { audience, demoContext, hostileText, property } from "../testing";
import { openedEmailInLast30Days } from "./examples";
import { compileAudience } from "./index";
import { SQL_PIECES } from "./sql-dialect";

type Lexer = {
  /** A backslash starts an escape (MySQL by default, Snowflake, BigQuery, Databricks, Postgres E''). */
  backslash: boolean;
  /** `''` inside a literal is one quote (otherwise the literal ends at the first quote). */
  doubledQuote: boolean;
  /** A raw newline ends the literal with an error (BigQuery). */
  noNewline?: boolean;
};

const SIMPLE: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", v: "\v", a: "\u0007", "0": "\u0000" };

const LEXERS: Record<SourceType, Lexer> = {
  postgres: { backslash: false, doubledQuote: true },
  duckdb: { backslash: false, doubledQuote: true },
  mysql: { backslash: true, doubledQuote: true },
  snowflake: { backslash: true, doubledQuote: true },
  bigquery: { backslash: true, doubledQuote: false, noNewline: true },
  databricks: { backslash: true, doubledQuote: false },
};

/** Reads the literal starting at `start`: its value and where it ends; throws where the warehouse would. */
function readLiteral(sql: string, start: number, engine: SourceType, rules: Lexer = LEXERS[engine]): { value: string; end: number } {
  let lexer = rules;
  let at = start;
  if (engine === "postgres" && sql[at] === "E") {
    lexer = { backslash: true, doubledQuote: true };
    at += 1;
  }
  if (sql[at] !== "'") throw new Error(`no literal at ${start}`);
  at += 1;
  let value = "";
  for (;;) {
    const char = sql[at];
    if (char === undefined) throw new Error("unterminated literal");
    if (lexer.noNewline && (char === "\n" || char === "\r")) throw new Error("newline in a literal");
    if (char === "\\" && lexer.backslash) {
      const next = sql[at + 1] ?? "";
      if (next === "u") {
        value += String.fromCharCode(Number.parseInt(sql.slice(at + 2, at + 6), 16));
        at += 6;
      } else {
        value += SIMPLE[next] ?? next;
        at += 2;
      }
      continue;
    }
    if (char === "'") {
      if (lexer.doubledQuote && sql[at + 1] === "'") {
        value += "'";
        at += 2;
        continue;
      }
      return { value, end: at + 1 };
    }
    value += char;
    at += 1;
  }
}

/** The SQL with every string literal replaced by `?` (quoted identifiers are skipped whole). */
function skeleton(sql: string, dialect: Dialect): string {
  let out = "";
  let at = 0;
  while (at < sql.length) {
    const char = sql[at] ?? "";
    const startsE = dialect.name === "postgres" && char === "E" && sql[at + 1] === "'" && !/\w/.test(sql[at - 1] ?? "");
    if (char === "'" || startsE) {
      at = readLiteral(sql, at, dialect.name).end;
      out += "?";
    } else if (char === '"' || char === "`") {
      const close = sql.indexOf(char, at + 1);
      out += sql.slice(at, close + 1);
      at = close + 1;
    } else {
      out += char;
      at += 1;
    }
  }
  return out;
}

const DIALECTS: Dialect[] = [postgresDialect, duckdbDialect, mysqlDialect, snowflakeDialect, bigqueryDialect, databricksDialect];

describe.each(DIALECTS.map((dialect) => [dialect.name, dialect] as const))("text literals on %s", (name, dialect) => {
  const { string } = SQL_PIECES[name];

  it("escape quotes and backslashes the warehouse's way", () => {
    const written = ["it's", "C:\\path", "line\nbreak"].map(string);
    expect(written).toEqual(
      {
        postgres: ["'it''s'", "E'C:\\\\path'", "'line\nbreak'"],
        duckdb: ["'it''s'", "'C:\\path'", "'line\nbreak'"],
        mysql: ["'it''s'", "'C:\\\\path'", "'line\nbreak'"],
        snowflake: ["'it''s'", "'C:\\\\path'", "'line\nbreak'"],
        bigquery: ["'it\\'s'", "'C:\\\\path'", "'line\\nbreak'"],
        databricks: ["'it\\'s'", "'C:\\\\path'", "'line\nbreak'"],
      }[name],
    );
  });

  it("end where they were written to end and read back as the value", () => {
    fc.assert(
      fc.property(hostileText, (value) => {
        const literal = string(value);
        expect(readLiteral(`${literal} AND x`, 0, name)).toEqual({ value, end: literal.length });
      }),
      { numRuns: 500 },
    );
  });

  it("never change the shape of a compiled audience", () => {
    const compile = (value: string) =>
      compileAudience(
        audience([
          property("email", "contains", value),
          property("plan", "is_one_of", [value, "pro"]),
          { ...openedEmailInLast30Days("performed"), eventName: value, where: [property("properties", "is", value, ["campaign"])] },
        ]),
        demoContext(),
        dialect,
      ).sql;
    const shape = skeleton(compile("x"), dialect);
    fc.assert(
      fc.property(hostileText.filter((value) => value !== ""), (value) => {
        expect(skeleton(compile(value), dialect)).toBe(shape);
      }),
      { numRuns: 300 },
    );
  });
});

describe("MySQL literals under NO_BACKSLASH_ESCAPES", () => {
  it("still end where they should (a backslash then only reads twice)", () => {
    fc.assert(
      fc.property(hostileText, (value) => {
        const literal = SQL_PIECES.mysql.string(value);
        const read = readLiteral(literal, 0, "mysql", { backslash: false, doubledQuote: true });
        expect(read).toEqual({ value: value.replaceAll("\\", "\\\\"), end: literal.length });
      }),
      { numRuns: 500 },
    );
  });
});
