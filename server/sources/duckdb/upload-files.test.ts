import { describe, expect, it } from "vitest";
import { headerShape, readableCsvError, readableParquetError, tableNameFor } from "./upload-files";

describe("tableNameFor", () => {
  it("names the table after the file, as a safe identifier", () => {
    expect(tableNameFor("customers.csv", [])).toBe("customers");
    expect(tableNameFor("Sales Report (2024).CSV", [])).toBe("sales_report_2024");
    expect(tableNameFor("Café Clients.parquet", [])).toBe("cafe_clients");
    expect(tableNameFor("2024 orders.csv", [])).toBe("t_2024_orders");
    expect(tableNameFor("../../etc/passwd", [])).toBe("passwd");
    expect(tableNameFor("export.csv.gz", [])).toBe("export");
    expect(tableNameFor("???.csv", [])).toBe("upload");
    expect(tableNameFor(`${"x".repeat(100)}.csv`, [])).toHaveLength(60);
  });

  it("adds _2, _3 … when the name is taken (case-insensitively)", () => {
    expect(tableNameFor("customers.csv", ["customers"])).toBe("customers_2");
    expect(tableNameFor("customers.csv", ["Customers", "customers_2"])).toBe("customers_3");
    expect(tableNameFor(`${"x".repeat(70)}.csv`, ["x".repeat(60)])).toBe(`${"x".repeat(58)}_2`);
  });
});

describe("headerShape", () => {
  it("finds the delimiter and the number of columns, ignoring delimiters inside quotes", () => {
    expect(headerShape("id,name,amount")).toEqual({ delimiter: ",", columns: 3 });
    expect(headerShape('\uFEFFid;"last; first";amount\r')).toEqual({ delimiter: ";", columns: 3 });
    expect(headerShape("a\tb")).toEqual({ delimiter: "\t", columns: 2 });
    expect(headerShape("only")).toEqual({ delimiter: ",", columns: 1 });
  });
});

const FILE = "/srv/data/uploads/.incoming-1-abc.csv";
const REPORT = (details: string) =>
  `Invalid Input Error: CSV Error on Line: 4\nOriginal Line: 3,Cy,3,extra\n${details}\nPossible fixes:\n* Disable the parser's strict mode\n\n  file = ${FILE}\n  delimiter = , (Set By User)\n`;

describe("readableCsvError", () => {
  it("says which line has how many columns", () => {
    expect(readableCsvError(REPORT("Expected Number of Columns: 3 Found: 4"), "customers.csv", FILE)).toBe(
      "Line 4 of customers.csv has 4 columns, expected 3 (as in the header).",
    );
  });

  it("explains an unterminated quote", () => {
    expect(readableCsvError(REPORT("Value with unterminated quote found."), "c.csv", FILE)).toBe(
      'Line 4 of c.csv has a value whose opening quote (") is never closed.',
    );
  });

  it("explains a value that does not fit its column's type", () => {
    const message = REPORT(`Error when converting column "v". Could not convert string "oops" to 'BIGINT'`);
    expect(readableCsvError(message, "c.csv", FILE)).toBe('Line 4 of c.csv: "oops" in column "v" is not a BIGINT like the rest of the column.');
  });

  it("never shows the server's path", () => {
    const message = `Invalid Input Error: Something new happened in ${FILE}\nmore`;
    expect(readableCsvError(message, "c.csv", FILE)).toBe("c.csv could not be read as CSV: Something new happened in c.csv");
  });
});

describe("readableParquetError", () => {
  it("says the file is not Parquet", () => {
    const message = `Invalid Input Error: File '${FILE}' too small to be a Parquet file\n\nLINE 1: ...`;
    expect(readableParquetError(message, "x.parquet", FILE)).toBe("x.parquet is not a valid Parquet file.");
  });
});
