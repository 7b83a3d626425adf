/**
 * Request slots of destination accounts (`destination_account_slots`), shared by every process
 * that delivers through this database. Each request takes the account's next slot in one atomic
 * statement, so two workers sending to one account are paced as one. Times come from the
 * database's clock, never a worker's, so workers on machines whose clocks differ still agree.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { destinationAccountSlots as slots } from "../schema";

export type Slot = {
  /** When the request may start, in epoch ms of the database's clock. */
  at: number;
  /** How long from now that is: 0 when it may start at once. */
  waitMs: number;
};

const msInterval = (ms: number) => sql`make_interval(secs => ${ms / 1000}::float8)`;

/** Takes the account's next slot: not before the previous slot plus `spacingMs`, nor before a pause ends. */
export async function reserveSlot(db: Db, key: string, spacingMs: number): Promise<Slot> {
  const spacing = msInterval(spacingMs);
  const [slot] = await db
    .insert(slots)
    .values({ key, nextSlot: sql`clock_timestamp() + ${spacing}`, pausedUntil: sql`'epoch'::timestamptz` })
    .onConflictDoUpdate({
      target: slots.key,
      set: { nextSlot: sql`greatest(${slots.nextSlot}, ${slots.pausedUntil}, clock_timestamp()) + ${spacing}` },
    })
    .returning({
      at: sql<number>`(extract(epoch from ${slots.nextSlot} - ${spacing}) * 1000)::float8`,
      waitMs: sql<number>`greatest(0, extract(epoch from ${slots.nextSlot} - ${spacing} - clock_timestamp()) * 1000)::float8`,
    });
  if (!slot) throw new Error(`No slot was reserved for account ${key}.`);
  return slot;
}

/** No request to the account starts, in any process, until `ms` from now (a Retry-After). */
export async function pauseAccount(db: Db, key: string, ms: number): Promise<void> {
  const until = sql`clock_timestamp() + ${msInterval(ms)}`;
  await db
    .insert(slots)
    .values({ key, nextSlot: sql`clock_timestamp()`, pausedUntil: until })
    .onConflictDoUpdate({ target: slots.key, set: { pausedUntil: sql`greatest(${slots.pausedUntil}, excluded.paused_until)` } });
}

/** The ms until the account's pause ends; 0 when it is not paused (or never was). */
export async function pausedFor(db: Db, key: string): Promise<number> {
  const [row] = await db
    .select({ ms: sql<number>`greatest(0, extract(epoch from ${slots.pausedUntil} - clock_timestamp()) * 1000)::float8` })
    .from(slots)
    .where(eq(slots.key, key));
  return row?.ms ?? 0;
}
