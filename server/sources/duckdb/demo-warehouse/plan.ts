/**
 * How big the demo warehouse is and which time window it covers. A `Plan` fixes the exact row
 * count of every table and the instant all timestamps are measured back from.
 */

/** Rows of each table at scale 1; a build has max(1, round(base * scale)) rows. */
export const BASE_ROWS = {
  accounts: 10_000,
  products: 500,
  customers: 100_000,
  orders: 300_000,
  events: 2_000_000,
} as const;

/** Seconds per day: every offset in the generator is a whole number of seconds before `anchorS`. */
export const DAY = 86_400;
/** Events cover exactly [today - EVENT_WINDOW_DAYS, today]. */
export const EVENT_WINDOW_DAYS = 180;
/** Signups spread over about this many days before today. */
export const SIGNUP_SPAN_DAYS = 1_095;

/** `anchorS` is `today` in Unix seconds; the rest are exact row counts. */
export interface Plan {
  anchorS: number;
  accounts: number;
  products: number;
  customers: number;
  orders: number;
  events: number;
}

/** Row count of a table with `base` rows at scale 1. */
export function rows(base: number, scale: number): number {
  return Math.max(1, Math.round(base * scale));
}
