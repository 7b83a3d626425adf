import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstCopyField, LineSplitter, plainFirstFieldEnd, splitCopyLine } from "./copy-text";

/** A value as COPY TO writes it in text format. */
function escape(value: string | null): string {
  if (value === null) return "\\N";
  return value.replace(/[\\\t\n\r\b\f\v]/g, (char) => `\\${{ "\\": "\\", "\t": "t", "\n": "n", "\r": "r", "\b": "b", "\f": "f", "\v": "v" }[char] ?? char}`);
}

const field = fc.option(fc.string({ unit: fc.constantFrom("a", "é", "💡", "\\", "\t", "\n", "\r", "\b", "\f", "\v", "N", " ") }), { nil: null, freq: 5 });

describe("COPY text lines", () => {
  it("split back into the fields COPY wrote, NULL and empty text apart", () => {
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 6 }), (fields) => {
        const line = Buffer.from(`${fields.map(escape).join("\t")}\n`);
        expect(splitCopyLine(line)).toEqual(fields);
        expect(firstCopyField(line)).toEqual(fields[0]);
      }),
    );
  });

  it("give the first field's bytes as its text exactly when they are plain ASCII, unescaped and not empty", () => {
    const keys = fc.option(fc.string({ unit: fc.constantFrom("a", "1", "-", " ", "N", "é", "\\", "\t") }), { nil: null, freq: 5 });
    fc.assert(
      fc.property(fc.array(keys, { minLength: 1, maxLength: 3 }), fc.boolean(), (fields, newline) => {
        const line = Buffer.from(`${fields.map(escape).join("\t")}${newline ? "\n" : ""}`);
        const first = fields[0] ?? null;
        const plain = first !== null && first !== "" && /^[\x20-\x7e]*$/.test(first) && !first.includes("\\");
        const end = plainFirstFieldEnd(line);
        expect(end >= 0).toBe(plain);
        if (plain) expect(line.toString("latin1", 0, end)).toBe(first);
      }),
    );
  });

  it("decode octal and hex escapes as COPY FROM accepts them", () => {
    expect(splitCopyLine(Buffer.from("\\101\\x42\\x4\tC\\\\N\n"))).toEqual(["AB\u0004", "C\\N"]);
  });

  it("are cut at newlines however the stream splits them", () => {
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 3 }), { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 10 }), (rows, cuts) => {
        const text = Buffer.from(rows.map((fields) => `${fields.map(escape).join("\t")}\n`).join(""));
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const splitter = new LineSplitter();
        const lines: Buffer[] = [];
        let start = 0;
        for (const point of [...points, text.length]) {
          splitter.push(text.subarray(start, point), lines);
          start = point;
        }
        lines.push(...splitter.end());
        expect(lines.map(splitCopyLine)).toEqual(rows);
      }),
    );
  });

  it("are taken whole when each chunk is one line, as the server sends rows", () => {
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 3 }), { maxLength: 20 }), (rows) => {
        const splitter = new LineSplitter();
        const lines: Buffer[] = [];
        for (const fields of rows) splitter.push(Buffer.from(`${fields.map(escape).join("\t")}\n`), lines);
        splitter.push(Buffer.alloc(0), lines);
        lines.push(...splitter.end());
        expect(lines.map(splitCopyLine)).toEqual(rows);
      }),
    );
  });
});
