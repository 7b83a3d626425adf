import { expect, test, type Locator, type Page } from "@playwright/test";
import { splitBucket } from "../server/audiences/split-bucket";
import { startWebhookReceiver, type WebhookReceiver } from "../test/fakes/webhook-receiver";
import { newPerson, signUp } from "./fixtures";

const secret = "the-audience-receivers-secret";
let receiver: WebhookReceiver;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver({ secret });
});
test.afterAll(async () => {
  await receiver.close();
});

/** The audience, written by hand: what the builder's count must equal. */
const membersSql = (minimumValue: number) => `
  select string_agg(customer_id::varchar, ',' order by customer_id) as ids, count(*) as members
  from customers c
  where country in ('US', 'CA') and lifetime_value > ${minimumValue}
    and (select count(*) from orders o where o.customer_id = c.customer_id and o.status = 'completed'
         and o.ordered_at >= now() - interval 90 day and o.ordered_at <= now()) >= 2
    and not exists (select 1 from events e where e.customer_id = c.customer_id and e.event_type = 'email_opened'
         and e.occurred_at >= now() - interval 30 day and e.occurred_at <= now())`;

/** Runs the query in the model editor (read-only, nothing saved) and reads its one row. */
async function expectedMembers(page: Page, workspacePath: string, minimumValue: number): Promise<string[]> {
  await page.goto(`${workspacePath}/models/new`);
  await page.getByRole("tab", { name: "SQL query" }).click();
  await page.getByRole("textbox", { name: "SQL query" }).fill(membersSql(minimumValue));
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText(/Showing 1 of 1 rows/);
  const cells = page.getByRole("table", { name: "Query preview" }).getByRole("row").nth(1).getByRole("cell");
  const ids = (await cells.nth(0).textContent()) ?? "";
  const members = ids.split(",").filter(Boolean);
  await expect(cells.nth(1)).toHaveText(String(members.length));
  return members;
}

const sizeOf = (page: Page) => page.getByRole("status", { name: "Audience size" });
const condition = (page: Page, label: string): Locator => page.getByRole("group", { name: `Condition ${label}`, exact: true });
const shot = (name: string) => `test-results/audiences-${name}.png`;

async function expectSize(page: Page, members: number) {
  await expect(sizeOf(page)).not.toContainText("Counting…");
  await expect(sizeOf(page)).toContainText(members.toLocaleString("en-US"));
}

test("build the issue's audience by clicking, check its size against SQL, save, edit, split and sync the treatment group", async ({ page }) => {
  test.setTimeout(300_000);
  const workspacePath = await signUp(page, newPerson("Ava Audiences"));

  // Before any model exists, the audiences page says what comes first.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audiences" }).click();
  await expect(page.getByRole("heading", { name: "First, create a model" })).toBeVisible();

  await page.goto(`${workspacePath}/sources`);
  await expect(page.getByText("Ready")).toBeVisible({ timeout: 90_000 });
  for (const [table, key, name] of [
    ["orders", "order_id", "Orders"],
    ["events", "event_id", "Events"],
    ["customers", "customer_id", "Customers"],
  ] as const) {
    await page.goto(`${workspacePath}/models/new`);
    await page.getByRole("tab", { name: "Table" }).click();
    await page.getByLabel("Table or view").selectOption({ label: `main.${table}` });
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Showing" })).toContainText("Showing 100 of");
    await page.getByLabel("Primary key").selectOption(key);
    await expect(page.getByText(`${key} is unique and never empty`)).toBeVisible();
    await page.getByLabel("Model name").fill(name);
    await page.getByRole("button", { name: "Save model" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
  }
  // Customers (the page we are on) have many orders and many events.
  for (const related of ["Orders", "Events"]) {
    await page.getByLabel("has many rows of").selectOption({ label: related });
    await page.getByLabel("matched on column").selectOption("customer_id");
    await page.getByRole("button", { name: "Add relation" }).click();
    await expect(page.getByText(`Each Customers row has many ${related} rows`)).toBeVisible();
  }

  const over500 = await expectedMembers(page, workspacePath, 500);
  const over400 = await expectedMembers(page, workspacePath, 400);
  expect(over500.length).toBeGreaterThan(0);
  expect(over400.length).toBeGreaterThan(over500.length);

  await page.goto(`${workspacePath}/audiences`);
  await expect(page.getByRole("heading", { name: "No audiences yet" })).toBeVisible();
  await page.getByRole("link", { name: "New audience" }).first().click();
  await page.getByLabel("Parent model").selectOption({ label: "Customers" });
  await expect(page.getByText("No conditions: everyone in the model is in this audience.")).toBeVisible();
  await expect(sizeOf(page)).toContainText("customers");
  const everyone = Number((await sizeOf(page).textContent())?.replace(/\D/g, ""));
  await page.screenshot({ path: shot("empty"), fullPage: true });

  // In the US or Canada: a nested OR group.
  await page.getByRole("button", { name: "Add group", exact: true }).click();
  const countries = page.getByRole("group", { name: "Group 1", exact: true });
  await expect(countries.getByRole("radio", { name: "Any (or)" })).toHaveAttribute("aria-checked", "true");
  await condition(page, "1.1").getByLabel("Column", { exact: true }).selectOption("country");
  await condition(page, "1.1").getByLabel("Value", { exact: true }).fill("US");
  await countries.getByRole("button", { name: "Add property condition to group 1" }).click();
  await condition(page, "1.2").getByLabel("Column", { exact: true }).selectOption("country");
  await condition(page, "1.2").getByLabel("Value", { exact: true }).fill("CA");

  // Lifetime value over 500; until the value is typed, the problem shows on that condition.
  await page.getByRole("button", { name: "Add property condition", exact: true }).click();
  await condition(page, "2").getByLabel("Column", { exact: true }).selectOption("lifetime_value");
  await condition(page, "2").getByLabel("Operator").selectOption({ label: ">" });
  await expect(condition(page, "2").getByRole("alert")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save audience" })).toBeDisabled();
  await page.screenshot({ path: shot("problem"), fullPage: true });
  await condition(page, "2").getByLabel("Value", { exact: true }).fill("500");
  await expect(condition(page, "2").getByRole("alert")).toBeHidden();

  // At least 2 completed orders in the last 90 days.
  await page.getByRole("button", { name: "Add related condition", exact: true }).click();
  const orders = condition(page, "3");
  await orders.getByLabel("Related model").selectOption({ label: "Orders" });
  await orders.getByRole("button", { name: "Add filter" }).click();
  await orders.getByLabel("Filter column").selectOption("status");
  await orders.getByLabel("Value", { exact: true }).fill("completed");
  await orders.getByLabel("When", { exact: true }).selectOption({ label: "in the last" });
  await orders.getByLabel("Window amount").fill("90");
  await expect(orders.getByLabel("Time column")).toHaveValue("ordered_at");
  await orders.getByLabel("Comparison").selectOption({ label: "≥" });
  await orders.getByLabel("Amount", { exact: true }).fill("2");

  // Did not open an email in the last 30 days.
  await page.getByRole("button", { name: "Add event condition", exact: true }).click();
  const emails = condition(page, "4");
  await emails.getByLabel("Performed", { exact: true }).selectOption({ label: "Did not perform" });
  await emails.getByLabel("Event model").selectOption({ label: "Events" });
  await emails.getByLabel("Event name").fill("email_opened");
  await emails.getByLabel("When", { exact: true }).selectOption({ label: "in the last" });
  await expect(emails.getByLabel("Window amount")).toHaveValue("30");

  await expectSize(page, over500.length);
  expect(over500.length).toBeLessThan(everyone);
  const breakdown = page.getByRole("list", { name: "People passing each condition" });
  await expect(breakdown.getByRole("listitem")).toHaveCount(4);
  await page.getByText("Show SQL", { exact: true }).click();
  await expect(page.getByLabel("Generated SQL")).toContainText("email_opened");
  await page.screenshot({ path: shot("full"), fullPage: true });

  await page.getByLabel("Audience name").fill("North American repeat buyers");
  await page.getByRole("button", { name: "Save audience" }).click();
  await expect(page.getByRole("heading", { name: "North American repeat buyers" })).toBeVisible();
  const audiencePath = new URL(page.url()).pathname;

  // Reloaded, it is the same audience; 500 → 400 changes the count.
  await page.reload();
  await expect(condition(page, "2").getByLabel("Value", { exact: true })).toHaveValue("500");
  await expectSize(page, over500.length);
  await condition(page, "2").getByLabel("Value", { exact: true }).fill("400");
  await expectSize(page, over400.length);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.goto(`${workspacePath}/audiences`);
  await expect(page.getByRole("row", { name: /North American repeat buyers/ })).toContainText(over400.length.toLocaleString("en-US"));

  // Split 90/10 and sync the treatment group to a webhook.
  await page.goto(audiencePath);
  await page.getByRole("button", { name: "Split this audience" }).click();
  await expect(page.getByRole("group", { name: "Split group 1" }).getByLabel("Group name", { exact: true })).toHaveValue("Treatment");
  await expect(page.getByRole("group", { name: "Split group 2" }).getByLabel("Percent", { exact: true })).toHaveValue("10");
  await expectSize(page, over400.length);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  const syncTreatment = page.getByRole("link", { name: "Sync Treatment" });
  await expect(syncTreatment).toBeVisible();
  const syncHref = await syncTreatment.getAttribute("href");

  await page.goto(`${workspacePath}/destinations/new`);
  await page.getByRole("radio", { name: /Webhook/ }).click();
  await page.getByLabel("Destination name").fill("Campaign webhook");
  await page.getByLabel("URL").fill(receiver.url);
  await page.getByLabel("Signing secret").fill(secret);
  await page.getByRole("button", { name: "Save destination" }).click();
  await expect(page.getByRole("heading", { name: "Campaign webhook" })).toBeVisible();

  await page.goto(syncHref ?? "");
  const modelId = new URL(syncHref ?? "", "http://x").searchParams.get("modelId");
  await expect(page.getByLabel("Model", { exact: true })).toHaveValue(modelId ?? "");
  await page.getByLabel("Sync name").fill("Treatment to campaign");
  await page.getByLabel("Destination", { exact: true }).selectOption({ label: "Campaign webhook" });
  await page.getByRole("button", { name: "Map all columns" }).click();
  await page.getByLabel("Identifier").selectOption("customer_id");
  await page.getByRole("button", { name: "Create sync" }).click();
  await expect(page.getByRole("heading", { name: "Treatment to campaign" })).toBeVisible();
  await page.getByRole("button", { name: "Run now" }).click();
  const runs = page.getByRole("table", { name: "Runs" });
  await expect(runs.getByRole("row").filter({ hasText: "Succeeded" })).toHaveCount(1, { timeout: 90_000 });

  const treatment = over400.filter((key) => splitBucket("", key) < 90);
  expect(treatment.length).toBeLessThan(over400.length);
  const sorted = (keys: Iterable<string>) => [...keys].sort((a, b) => Number(a) - Number(b));
  expect(sorted(receiver.accepted.keys())).toEqual(sorted(treatment));

  // A sequence narrows it further: viewed a page, then opened an email within 7 days (not saved).
  await page.goto(audiencePath);
  await expectSize(page, over400.length);
  await page.getByRole("button", { name: "Add sequence condition", exact: true }).click();
  const journey = condition(page, "5");
  await journey.getByLabel("Event model").selectOption({ label: "Events" });
  await journey.getByLabel("First event").fill("page_viewed");
  await expect(journey.getByRole("alert")).toContainText(/./);
  await journey.getByLabel("Then event").fill("email_opened");
  await expect(journey.getByLabel("Within amount")).toHaveValue("7");
  await expect(journey.getByRole("alert")).toHaveCount(0);
  await expect(sizeOf(page)).not.toContainText("Counting…");
  const narrowed = Number(((await sizeOf(page).textContent()) ?? "").match(/[\d,]+/)?.[0]?.replaceAll(",", ""));
  expect(narrowed).toBeGreaterThan(0);
  expect(narrowed).toBeLessThanOrEqual(over400.length);

  // Reorder by dragging the sequence's handle to the top; the size stays.
  const handle = page.getByRole("button", { name: "Drag condition 5", exact: true });
  const target = page.getByRole("button", { name: "Drag group 1", exact: true });
  await handle.scrollIntoViewIfNeeded();
  const from = await handle.boundingBox();
  await page.mouse.move((from?.x ?? 0) + 4, (from?.y ?? 0) + 4);
  await page.mouse.down();
  await page.mouse.move((from?.x ?? 0) + 4, (from?.y ?? 0) - 20, { steps: 5 });
  await target.scrollIntoViewIfNeeded();
  const to = await target.boundingBox();
  await page.mouse.move((to?.x ?? 0) + 4, (to?.y ?? 0) + 2, { steps: 20 });
  await page.mouse.up();
  await expect(condition(page, "1").getByLabel("First event")).toHaveValue("page_viewed");
  await expect(condition(page, "5").getByLabel("Event name")).toHaveValue("email_opened");
  await expect(sizeOf(page)).not.toContainText("Counting…");
  await expect(sizeOf(page)).toContainText(narrowed.toLocaleString("en-US"));
});
