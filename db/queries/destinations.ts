import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { assertNotUsedBySyncs } from "./syncs";
import { NotFoundError } from "../errors";
import { destinations } from "../schema";

export type DestinationSummary = {
  id: string;
  name: string;
  type: string;
  createdAt: Date;
  lastCheckedAt: Date | null;
  lastCheckError: string | null;
};

const summaryColumns = {
  id: destinations.id,
  name: destinations.name,
  type: destinations.type,
  createdAt: destinations.createdAt,
  lastCheckedAt: destinations.lastCheckedAt,
  lastCheckError: destinations.lastCheckError,
};

const scoped = (params: { workspaceId: string; destinationId: string }) =>
  and(eq(destinations.workspaceId, params.workspaceId), eq(destinations.id, params.destinationId));

export async function listDestinations(db: Db, workspaceId: string): Promise<DestinationSummary[]> {
  return db.select(summaryColumns).from(destinations).where(eq(destinations.workspaceId, workspaceId)).orderBy(asc(destinations.createdAt));
}

export async function getDestination(db: Db, params: { workspaceId: string; destinationId: string }): Promise<DestinationSummary> {
  const [row] = await db.select(summaryColumns).from(destinations).where(scoped(params));
  if (!row) throw new NotFoundError("Destination");
  return row;
}

/** The stored row including its encrypted settings: for the server only, never a router output. */
export async function getDestinationRecord(db: Db, params: { workspaceId: string; destinationId: string }) {
  const [row] = await db.select().from(destinations).where(scoped(params));
  if (!row) throw new NotFoundError("Destination");
  return row;
}

export async function createDestination(
  db: Db,
  params: { workspaceId: string; name: string; type: string; encryptedConfig: string },
): Promise<DestinationSummary> {
  const [row] = await db.insert(destinations).values(params).returning(summaryColumns);
  if (!row) throw new Error("Destination insert returned no row");
  return row;
}

export async function updateDestination(
  db: Db,
  params: { workspaceId: string; destinationId: string; name?: string; encryptedConfig?: string },
): Promise<DestinationSummary> {
  const { workspaceId, destinationId, ...changes } = params;
  const [row] = await db
    .update(destinations)
    .set({ ...changes, updatedAt: new Date() })
    .where(scoped({ workspaceId, destinationId }))
    .returning(summaryColumns);
  if (!row) throw new NotFoundError("Destination");
  return row;
}

export async function deleteDestination(db: Db, params: { workspaceId: string; destinationId: string }): Promise<void> {
  await assertNotUsedBySyncs(db, { workspaceId: params.workspaceId, destinationId: params.destinationId });
  const [row] = await db.delete(destinations).where(scoped(params)).returning({ id: destinations.id });
  if (!row) throw new NotFoundError("Destination");
}

/** Remembers the outcome of a connection check; `error` null means it worked. */
export async function recordDestinationCheck(
  db: Db,
  params: { workspaceId: string; destinationId: string; error: string | null },
): Promise<void> {
  await db.update(destinations).set({ lastCheckedAt: new Date(), lastCheckError: params.error }).where(scoped(params));
}
