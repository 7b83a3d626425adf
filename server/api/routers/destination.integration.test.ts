/** Destinations through the API, against a real local webhook receiver that checks signatures. */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { destinations } from "@/db/schema";
import { getEnv } from "@/env";
import { decryptJson } from "@/server/security/secrets";
import { useTestDatabase } from "@/test/database";
import { createTeam } from "@/test/factories";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/fakes/webhook-receiver";

const db = useTestDatabase();
const secret = "the-receivers-signing-secret";
let receiver: WebhookReceiver;

beforeEach(async () => {
  receiver = await startWebhookReceiver({ secret });
});
afterEach(async () => {
  await receiver.close();
});

describe("destinations", () => {
  it("a webhook is tested, saved with its secret encrypted and hidden, and the secret can be rotated", async () => {
    const team = await createTeam(db());
    const api = await team.as("editor");
    const workspaceId = team.workspace.id;
    const config = { url: receiver.url, signingSecret: "not-the-right-secret" };

    const wrong = await api.destination.test({ workspaceId, type: "webhook", config });
    expect(wrong).toMatchObject({ ok: false, code: "auth_failed" });
    await expect(api.destination.test({ workspaceId, type: "webhook", config: { ...config, signingSecret: secret } })).resolves.toEqual({ ok: true });

    const created = await api.destination.create({ workspaceId, name: "Hook", type: "webhook", config });
    const detail = await api.destination.get({ workspaceId, destinationId: created.id });
    expect(detail.secretsSet).toContain("signingSecret");
    expect(JSON.stringify(detail)).not.toContain("not-the-right-secret");
    const [row] = await db().select().from(destinations).where(eq(destinations.id, created.id));
    expect(row?.encryptedConfig).not.toContain("not-the-right-secret");

    // Stored settings fail the check, and say so on the list; typing the right secret fixes it.
    await expect(api.destination.test({ workspaceId, destinationId: created.id })).resolves.toMatchObject({ ok: false, code: "auth_failed" });
    expect((await api.destination.list({ workspaceId }))[0]?.lastCheckError).toBeTruthy();
    await api.destination.update({ workspaceId, destinationId: created.id, config: { url: receiver.url, signingSecret: secret } });
    await expect(api.destination.test({ workspaceId, destinationId: created.id })).resolves.toEqual({ ok: true });
    expect((await api.destination.list({ workspaceId }))[0]).toMatchObject({ lastCheckError: null });

    // Leaving the secret blank on edit keeps it.
    await api.destination.update({ workspaceId, destinationId: created.id, config: { url: receiver.url, signingSecret: "" } });
    const [updated] = await db().select().from(destinations).where(eq(destinations.id, created.id));
    expect(decryptJson(updated?.encryptedConfig ?? "", getEnv().SLUICE_ENCRYPTION_KEY)).toMatchObject({ signingSecret: secret });
  });

  it("a viewer can see destinations but not add one; bad settings are explained", async () => {
    const team = await createTeam(db());
    const workspaceId = team.workspace.id;
    const viewer = await team.as("viewer");
    await expect(viewer.destination.list({ workspaceId })).resolves.toEqual([]);
    await expect(
      viewer.destination.create({ workspaceId, name: "Hook", type: "webhook", config: { url: receiver.url, signingSecret: secret } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const editor = await team.as("editor");
    await expect(
      editor.destination.create({ workspaceId, name: "Hook", type: "webhook", config: { url: "ftp://example.com", signingSecret: secret } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^url: /) as string });
  });
});
