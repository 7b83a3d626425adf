import { expect, test, type Page } from "@playwright/test";
import { startWebhookReceiver, type WebhookReceiver } from "../test/fakes/webhook-receiver";
import { invite, newPerson, signUp } from "./fixtures";

const secret = "the-sync-receivers-secret";
let receiver: WebhookReceiver;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver({ secret });
});
test.afterAll(async () => {
  await receiver.close();
});

const FIRST_50 = Array.from({ length: 50 }, (_, index) => String(index + 1));
const EDITED = ["3", "8", "13", "21", "34"];
const sorted = (keys: Iterable<string>) => [...keys].sort((a, b) => Number(a) - Number(b));

/** The value under `label` in a grid of numbers (a run's counters). */
function stat(page: Page, label: string) {
  return page.locator("dl > div").filter({ has: page.locator(`dt:text-is("${label}")`) }).locator("dd");
}

test("sync a demo model to a webhook: the first run sends every row, the next only the 5 that changed", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const workspacePath = await signUp(page, newPerson("Sasha Syncs"));

  // Before anything exists, the empty page says what comes first.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Syncs" }).click();
  await expect(page.getByRole("heading", { name: "No syncs yet" })).toBeVisible();
  await expect(page.getByText("First, create a model (the rows to send)")).toBeVisible();
  await expect(page.getByRole("link", { name: "Create a model" })).toBeVisible();

  // A model of the first 50 demo customers.
  await page.goto(`${workspacePath}/sources`);
  await expect(page.getByText("Ready")).toBeVisible({ timeout: 90_000 });
  await page.goto(`${workspacePath}/models/new`);
  await page.getByRole("tab", { name: "SQL query" }).click();
  const sql = page.getByRole("textbox", { name: "SQL query" });
  await sql.fill("select customer_id, email, first_name, country from customers order by customer_id limit 50");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText(/Showing 50 of 50 rows/);
  await page.getByLabel("Primary key").selectOption("customer_id");
  await expect(page.getByText("customer_id is unique and never empty across 50 rows.")).toBeVisible();
  await page.getByLabel("Model name").fill("First customers");
  await page.getByRole("button", { name: "Save model" }).click();
  await expect(page.getByRole("heading", { name: "First customers" })).toBeVisible();
  const modelPath = new URL(page.url()).pathname;

  // A webhook destination pointing at the test's receiver.
  await page.goto(`${workspacePath}/destinations/new`);
  await page.getByRole("radio", { name: /Webhook/ }).click();
  await page.getByLabel("Destination name").fill("Growth webhook");
  await page.getByLabel("URL").fill(receiver.url);
  await page.getByLabel("Signing secret").fill(secret);
  await page.getByRole("button", { name: "Save destination" }).click();
  await expect(page.getByRole("heading", { name: "Growth webhook" })).toBeVisible();

  // The sync: upsert, every column mapped to a field of the same name, matched on email.
  await page.goto(`${workspacePath}/syncs`);
  await page.getByRole("link", { name: "New sync" }).first().click();
  await page.getByLabel("Sync name").fill("Customers to growth");
  await page.getByLabel("Model", { exact: true }).selectOption({ label: "First customers" });
  await page.getByLabel("Destination", { exact: true }).selectOption({ label: "Growth webhook" });
  await expect(page.getByLabel("Destination object")).toHaveValue("records");
  await page.getByRole("radio", { name: /^Upsert/ }).check();
  await page.getByRole("button", { name: "Map all columns" }).click();
  await expect(page.getByLabel("Destination field 4")).toHaveValue("country");
  // The server's word on a missing setting appears on the form.
  await page.getByRole("button", { name: "Create sync" }).click();
  await expect(page.getByText("Choose the field that identifies a record in the destination.")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "The sync was not saved" })).toBeVisible();
  await page.getByLabel("Identifier").selectOption("email");
  await page.getByRole("button", { name: "Create sync" }).click();
  await expect(page.getByRole("heading", { name: "Customers to growth" })).toBeVisible();
  await expect(page.getByText("First customers → Growth webhook · Upsert · Manual")).toBeVisible();
  await expect(page.getByText("No runs yet.")).toBeVisible();
  const syncPath = new URL(page.url()).pathname;

  // First run: all 50 rows, each once.
  const runs = page.getByRole("table", { name: "Runs" });
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(runs.getByRole("row").filter({ hasText: "Succeeded" })).toHaveCount(1, { timeout: 60_000 });
  await expect(runs.getByRole("row").nth(1)).toContainText("50 / 0 / 0");
  expect(sorted(receiver.accepted.keys())).toEqual(FIRST_50);
  expect([...receiver.accepted.values()].every((times) => times === 1)).toBe(true);
  expect(receiver.operations.get("1")).toBe("upsert");
  expect(Object.keys(receiver.payloads.get("1") ?? {}).sort()).toEqual(["country", "customer_id", "email", "first_name"]);
  // The sync's health, from the run that just ended.
  await expect(page.getByRole("heading", { name: "Sync health" })).toBeVisible();
  await expect(page.getByText("1 of 1 finished runs")).toBeVisible();
  await expect(page.getByText("None. Every record sent so far was accepted.")).toBeVisible();

  // Five first names change in the warehouse.
  await page.goto(`${modelPath}/edit`);
  await sql.fill(
    `select customer_id, email, case when customer_id in (${EDITED.join(", ")}) then upper(first_name) else first_name end as first_name, country ` +
      "from customers order by customer_id limit 50",
  );
  await page.getByRole("button", { name: "Save changes" }).click();
  // The editor shows the model's name too: wait until the save has taken us back to the model page.
  await page.waitForURL((url) => !url.pathname.endsWith("/edit"));
  await expect(page.getByRole("heading", { name: "First customers" })).toBeVisible();

  // Second run: exactly those five arrive.
  const before = receiver.requests.length;
  await page.goto(syncPath);
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(runs.getByRole("row").filter({ hasText: "Succeeded" })).toHaveCount(2, { timeout: 60_000 });
  expect(sorted(receiver.requests.slice(before).flatMap((request) => request.keys))).toEqual(EDITED);
  const edited = receiver.payloads.get("21");
  expect(edited?.first_name).toBe(String(edited?.first_name).toUpperCase());

  // The run's page: what it counted, and its row-level log, searchable.
  await runs.getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /^Run of/ })).toBeVisible();
  await expect(stat(page, "Rows read")).toHaveText("50");
  await expect(stat(page, "Changed")).toHaveText("5");
  await expect(stat(page, "Unchanged")).toHaveText("45");
  await expect(stat(page, "Added")).toHaveText("0");
  await expect(stat(page, "Accepted")).toHaveText("5");
  const changes = page.getByRole("table", { name: "Changes sent by this run" });
  await expect(changes.getByRole("row")).toHaveCount(6);
  await page.getByLabel("Search").fill("34");
  await expect(changes.getByRole("button", { name: "Details of 3", exact: true })).toBeHidden();
  await expect(changes.getByRole("row")).toHaveCount(2);
  await changes.getByRole("button", { name: "Details of 34" }).click();
  await expect(changes.getByText('"customer_id": "34"')).toBeVisible();
  await expect(changes.getByText(`"first_name": "${String(receiver.payloads.get("34")?.first_name)}"`)).toBeVisible();
  await page.getByLabel("Change", { exact: true }).selectOption({ label: "Added" });
  await expect(page.getByText("No changes match these filters.")).toBeVisible();

  // The Overview sums up the workspace's syncs: two finished runs, this sync in the health table.
  await page.goto(workspacePath);
  await expect(page.getByText("1 sync keeping tools up to date.")).toBeVisible();
  const workspaceHealth = page.getByRole("region", { name: "Sync health" });
  await expect(workspaceHealth.getByText("2 of 2 finished runs")).toBeVisible();
  await expect(page.getByRole("table", { name: /Health of each sync/ }).getByRole("link", { name: "Customers to growth" })).toBeVisible();

  // A viewer sees the sync and its runs, and none of the buttons that change them.
  const viewer = newPerson("Val Viewer");
  const inviteUrl = await invite(page, workspacePath, viewer.email, "Viewer");
  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await viewerPage.goto(inviteUrl);
  await viewerPage.getByRole("link", { name: "Create your account" }).click();
  await viewerPage.getByLabel("Your name").fill(viewer.name);
  await viewerPage.getByLabel("Password").fill(viewer.password);
  await viewerPage.getByRole("button", { name: "Create account" }).click();
  await expect(viewerPage).toHaveURL(new RegExp(`${workspacePath}$`));
  await viewerPage.goto(`${workspacePath}/syncs`);
  await expect(viewerPage.getByRole("link", { name: "Customers to growth" })).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: "New sync" })).toHaveCount(0);
  await viewerPage.getByRole("link", { name: "Customers to growth" }).click();
  await expect(viewerPage.getByRole("table", { name: "Runs" }).getByRole("row")).toHaveCount(3);
  await expect(viewerPage.getByRole("button", { name: "Run now" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Full resync" })).toHaveCount(0);
  await expect(viewerPage.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await viewerContext.close();
});
