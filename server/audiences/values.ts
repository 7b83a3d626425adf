/**
 * Reading the values of a definition: text, numbers, days, date-times, relative times. Pure.
 * The validator uses these to say what is wrong; the compiler uses them to write literals, and
 * only ever writes what they accepted.
 */
import { TIME_UNITS, type Range, type RelativeTime, type TimeUnit } from "./definition";

/** Text that can be written into SQL: well-formed Unicode without NUL (which no warehouse stores in text). */
export function isWritableText(value: string): boolean {
  return value.isWellFormed() && !value.includes("\u0000");
}

const DECIMAL = /^(-?)(\d{1,38})(?:\.(\d{1,38}))?$/;

/**
 * A number as a plain SQL decimal (`500`, `-0.25`, `1000000000000000000000`; never `1e21`,
 * NaN or Infinity), or null when `value` is not a finite number or a decimal string.
 */
export function decimal(value: unknown): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? plainDecimal(value) : null;
  if (typeof value !== "string") return null;
  const match = DECIMAL.exec(value.trim());
  if (match === null) return null;
  const [, sign = "", whole = "0", fraction] = match;
  const digits = whole.replace(/^0+(?=\d)/, "");
  const text = fraction === undefined ? digits : `${digits}.${fraction}`;
  return /^0(\.0*)?$/.test(text) ? text : `${sign}${text}`;
}

function plainDecimal(value: number): string {
  if (Object.is(value, -0)) return "0";
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A whole number ≥ `min`, as written in a definition. */
export function wholeNumber(value: unknown, min: number): number | null {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min ? value : null;
}

/** `YYYY-MM-DD` of a real calendar day (years 1–9999), or null. */
export function day(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return null;
  const [, year = "", month = "", dayOfMonth = ""] = match;
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(dayOfMonth));
  const valid =
    Number(year) >= 1 && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(dayOfMonth);
  return valid ? value : null;
}

/** The day after `value` (a valid `YYYY-MM-DD`). */
export function nextDay(value: string): string {
  const [year = 0, month = 1, dayOfMonth = 1] = value.split("-").map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, dayOfMonth + 1);
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** `YYYY-MM-DDTHH:MM[:SS]` (or with a space) as `YYYY-MM-DD HH:MM:SS`, or null. */
export function dateTime(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (match === null) return null;
  const [, date = "", hours = "", minutes = "", seconds = "00"] = match;
  if (day(date) === null || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return null;
  return `${date} ${hours}:${minutes}:${seconds}`;
}

/** A moment a user chose: a whole day, or a date-time. */
export type Moment = { kind: "day"; day: string } | { kind: "time"; time: string };

export function moment(value: unknown): Moment | null {
  const asDay = day(value);
  if (asDay !== null) return { kind: "day", day: asDay };
  const asTime = dateTime(value);
  return asTime === null ? null : { kind: "time", time: asTime };
}

/** A relative time in the units the SQL uses: weeks are 7 days. */
export type Span = { amount: number; unit: "day" | "month" };

export function span(value: RelativeTime | { amount: number | null; unit: TimeUnit }): Span | null {
  const amount = wholeNumber(value.amount, 1);
  if (amount === null || amount > 100_000) return null;
  if (value.unit === "weeks") return { amount: amount * 7, unit: "day" };
  return { amount, unit: value.unit === "days" ? "day" : "month" };
}

export function isRange(value: unknown): value is Range {
  return typeof value === "object" && value !== null && "from" in value && "to" in value;
}

export function isRelative(value: unknown): value is RelativeTime {
  if (typeof value !== "object" || value === null || !("amount" in value) || !("unit" in value)) return false;
  return TIME_UNITS.some((unit) => unit === value.unit);
}
