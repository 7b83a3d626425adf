import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sources } from "@/db/schema";
import { getEnv } from "@/env";
import { decryptJson } from "@/server/security/secrets";
import { useTestDatabase } from "@/test/database";
import { createTeam } from "@/test/factories";

const db = useTestDatabase();

describe("source.list / source.get", () => {
  it("show the demo warehouse without any connection settings", async () => {
    const team = await createTeam(db());
    const api = await team.as("viewer");
    const workspaceId = team.workspace.id;

    const listed = await api.source.list({ workspaceId });
    expect(listed).toMatchObject([{ name: "Demo warehouse", type: "duckdb", managed: "demo" }]);
    expect(listed).toHaveLength(1);
    const [source] = listed;
    expect(Object.keys(source ?? {}).sort()).toEqual(["createdAt", "id", "lastCheckedAt", "managed", "name", "status", "tables", "type"]);
    expect(Object.keys(source?.status ?? {}).sort()).toEqual(["error", "percent", "state", "step"]);
    await expect(api.source.get({ workspaceId, sourceId: source?.id ?? "" })).resolves.toEqual({
      ...source,
      config: { database: "demo" },
      secretsSet: [],
    });

    const json = JSON.stringify(listed);
    for (const secretish of ["config", "encrypted", "v1.", "\"database\""]) expect(json).not.toContain(secretish);
  });

  it("NOT_FOUND for a source id that does not exist", async () => {
    const team = await createTeam(db());
    await expect(
      (await team.as("owner")).source.get({ workspaceId: team.workspace.id, sourceId: crypto.randomUUID() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "Source not found" });
  });
});

describe("stored connection settings", () => {
  it("are encrypted with the environment's key, not plain JSON", async () => {
    const team = await createTeam(db());
    const [row] = await db()
      .select({ encryptedConfig: sources.encryptedConfig })
      .from(sources)
      .where(eq(sources.workspaceId, team.workspace.id));
    const stored = row?.encryptedConfig ?? "";

    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain("demo");
    expect((): unknown => JSON.parse(stored)).toThrow();
    expect(decryptJson(stored, getEnv().SLUICE_ENCRYPTION_KEY)).toEqual({ database: "demo" });
    expect(() => decryptJson(stored, crypto.randomBytes(32).toString("base64"))).toThrow();
  });
});
