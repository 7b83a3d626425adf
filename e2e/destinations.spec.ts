import { expect, test } from "@playwright/test";
import { startWebhookReceiver, type WebhookReceiver } from "../test/fakes/webhook-receiver";
import { newPerson, signUp } from "./fixtures";

const secret = "the-receivers-signing-secret";
let receiver: WebhookReceiver;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver({ secret });
});
test.afterAll(async () => {
  await receiver.close();
});

test("add a webhook destination: a wrong signing secret is explained, the right one connects", async ({ page }) => {
  const workspacePath = await signUp(page, newPerson("Dora Destinations"));
  await page.getByRole("link", { name: "Destinations" }).click();
  await expect(page.getByRole("heading", { name: "No destinations yet" })).toBeVisible();
  await page.getByRole("link", { name: "Add destination" }).first().click();
  await page.getByRole("radio", { name: /Webhook/ }).click();
  await page.getByLabel("Destination name").fill("Marketing webhook");
  await page.getByLabel("URL").fill(receiver.url);
  await expect(page.getByText(/Shared by every sync and worker sending to this URL/)).toBeVisible();
  await page.getByLabel("Signing secret").fill("a-different-secret-value");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not connect" })).toContainText(/signing secret/i);

  await page.getByLabel("Signing secret").fill(secret);
  await page.getByRole("button", { name: "Add to headers" }).click();
  await page.getByLabel("Headers 1 name").fill("X-Team");
  await page.getByLabel("Headers 1 value").fill("growth");
  await page.getByRole("button", { name: "Add to secret headers" }).click();
  await page.getByLabel("Secret headers 1 name").fill("Authorization");
  await page.getByLabel("Secret headers 1 value").fill("Bearer hook-token");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("Connected. Sluice can send to this destination.")).toBeVisible();
  expect(receiver.requests.at(-1)?.headers).toMatchObject({ "x-team": "growth", authorization: "Bearer hook-token" });
  await page.getByRole("button", { name: "Save destination" }).click();
  await expect(page.getByRole("heading", { name: "Marketing webhook" })).toBeVisible();
  await expect(page.getByLabel("Signing secret")).toHaveValue("");
  await expect(page.getByLabel("Signing secret")).toHaveAttribute("placeholder", /saved/);
  // Plain headers come back for editing; secret ones never do, yet are still sent.
  await expect(page.getByLabel("Headers 1 value")).toHaveValue("growth");
  await expect(page.getByLabel("Secret headers 1 value")).toHaveCount(0);
  await expect(page.getByText("Saved values are hidden.")).toBeVisible();

  // Testing the saved settings records the result on the list.
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("Connected. Sluice can send to this destination.")).toBeVisible();
  await page.goto(`${workspacePath}/destinations`);
  await expect(page.getByRole("row", { name: /Marketing webhook/ })).toContainText("Connected");
  expect(receiver.requests.at(-1)?.headers).toMatchObject({ "x-team": "growth", authorization: "Bearer hook-token" });
  expect(receiver.requests.length).toBeGreaterThanOrEqual(2);
});
