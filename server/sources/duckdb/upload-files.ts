/**
 * Pure helpers for uploads: table names from file names, the shape of a CSV header, and DuckDB's
 * long CSV/Parquet error reports turned into one sentence about the user's file. Unit-tested.
 */

/** An uploaded file becomes a table named after it: lower case, [a-z0-9_], at most this long. */
const MAX_TABLE_NAME = 60;

/**
 * A safe, unique table name for `fileName`: "Customers 2024.csv" → "customers_2024", and
 * "customers_2", "customers_3" … when `taken` (compared case-insensitively, as DuckDB does)
 * already has it.
 */
export function tableNameFor(fileName: string, taken: Iterable<string>): string {
  const base = (fileName.split(/[\\/]/).pop() ?? "").replace(/\.[^.]*$/, "").replace(/\.(csv|tsv|parquet)$/i, "");
  let name = base
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, MAX_TABLE_NAME)
    .replace(/_+$/, "");
  if (name === "") name = "upload";
  if (/^[0-9]/.test(name)) name = `t_${name}`.slice(0, MAX_TABLE_NAME);
  const used = new Set([...taken].map((existing) => existing.toLowerCase()));
  if (!used.has(name)) return name;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${name.slice(0, MAX_TABLE_NAME - String(suffix).length - 1)}_${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

const DELIMITERS = [",", ";", "\t", "|"] as const;

/** The delimiter (the most frequent candidate outside quotes) and column count of a header line. */
export function headerShape(firstLine: string): { delimiter: string; columns: number } {
  const line = firstLine.replace(/^\uFEFF/, "").replace(/\r$/, "");
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const character of line) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && counts.has(character)) counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  let delimiter: string = ",";
  let best = 0;
  for (const [candidate, count] of counts) {
    if (count > best) {
      delimiter = candidate;
      best = count;
    }
  }
  return { delimiter, columns: best + 1 };
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").trim();
}

/**
 * One readable sentence for a CSV that DuckDB refused, naming the line as a text editor counts
 * it (the header is line 1). `message` is DuckDB's report; `filePath` is replaced by `fileName`.
 */
export function readableCsvError(message: string, fileName: string, filePath: string): string {
  const text = message.split(filePath).join(fileName);
  const line = /CSV Error on Line: (\d+)/.exec(text)?.[1];
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(text);
  if (line !== undefined && columns) {
    return `Line ${line} of ${fileName} has ${columns[2]} columns, expected ${columns[1]} (as in the header).`;
  }
  if (line !== undefined && text.includes("unterminated quote")) {
    return `Line ${line} of ${fileName} has a value whose opening quote (") is never closed.`;
  }
  const conversion = /Error when converting column "([^"]*)"\. Could not convert string "([^"]*)" to '([^']*)'/.exec(text);
  if (line !== undefined && conversion) {
    return `Line ${line} of ${fileName}: "${conversion[2]}" in column "${conversion[1]}" is not a ${conversion[3]} like the rest of the column.`;
  }
  if (/unicode|utf-?8|encoding/i.test(text)) {
    return `${fileName} is not UTF-8 text${line === undefined ? "" : ` (line ${line})`}. Save it as CSV UTF-8 and upload it again.`;
  }
  if (text.includes("not possible to automatically detect")) {
    return `${fileName} could not be read as CSV: its lines do not have a consistent number of columns.`;
  }
  return `${fileName} could not be read as CSV: ${firstLine(text).replace(/^[A-Za-z ]+Error: /, "")}`;
}

/** One readable sentence for a Parquet file DuckDB refused. */
export function readableParquetError(message: string, fileName: string, filePath: string): string {
  const text = message.split(filePath).join(fileName);
  if (/too small to be a Parquet file|No magic bytes|not a parquet file/i.test(text)) {
    return `${fileName} is not a valid Parquet file.`;
  }
  return `${fileName} could not be read as Parquet: ${firstLine(text).replace(/^[A-Za-z ]+Error: /, "")}`;
}
