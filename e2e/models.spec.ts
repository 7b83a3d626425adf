import { expect, test } from "@playwright/test";
import { newPerson, signUp } from "./fixtures";
import { createWarehouse, type Warehouse } from "./warehouse";

let warehouse: Warehouse;
test.beforeAll(async () => {
  warehouse = await createWarehouse();
});
test.afterAll(async () => {
  await warehouse.drop();
});

test("connect a Postgres warehouse (wrong password first), build a SQL model with a checked primary key", async ({ page }) => {
  const workspacePath = await signUp(page, newPerson("Sam Sources"));
  await page.goto(`${workspacePath}/sources`);
  await page.getByRole("link", { name: "Add source" }).click();
  await page.getByRole("radio", { name: /PostgreSQL/ }).click();
  await page.getByLabel("Source name").fill("Customer warehouse");
  await page.getByLabel("Host").fill("127.0.0.1");
  await page.getByLabel("Database").fill(warehouse.database);
  await page.getByLabel("User").fill(warehouse.user);
  await page.getByLabel("Password").fill("not-the-password");
  const ssl = page.getByLabel(/ssl/i);
  if (await ssl.count()) await ssl.selectOption("disable");

  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not connect" })).toContainText(/password/i);

  await page.getByLabel("Password").fill(warehouse.password);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("Connected. Sluice can read from this source.")).toBeVisible();
  await page.getByRole("button", { name: "Save source" }).click();
  await expect(page.getByRole("heading", { name: "Customer warehouse" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "public.contacts", exact: true })).toBeVisible();

  // A SQL model: run it, try a key that repeats, then the real one.
  await page.getByRole("link", { name: "Models" }).click();
  await page.getByRole("link", { name: "New model" }).first().click();
  await page.getByLabel("Source").selectOption({ label: "Customer warehouse" });
  await page.getByRole("tab", { name: "SQL query" }).click();
  await page.getByRole("textbox", { name: "SQL query" }).fill("select id, email, company_id from contacts where id <= 200");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText(/Showing 100 of 200 rows/);
  await expect(page.getByRole("columnheader", { name: /company_id/ })).toContainText("integer");

  await page.getByLabel("Primary key").selectOption("company_id");
  await expect(page.getByRole("alert").filter({ hasText: "Not a unique key" })).toContainText(
    "company_id is not a unique key: 40 values appear more than once",
  );
  await page.getByLabel("Primary key").selectOption("id");
  await expect(page.getByText("id is unique and never empty across 200 rows.")).toBeVisible();
  await page.getByLabel("Model name").fill("Recent contacts");
  await page.getByRole("button", { name: "Save model" }).click();
  await expect(page.getByRole("heading", { name: "Recent contacts" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^email/ })).toContainText("person1@example.com");
});

test("a broken query shows the warehouse's error where it happened, and keeps the text", async ({ page }) => {
  const workspacePath = await signUp(page, newPerson("Quinn Query"));
  await page.goto(`${workspacePath}/sources`);
  await expect(page.getByText("Ready")).toBeVisible({ timeout: 90_000 });
  await page.goto(`${workspacePath}/models/new`);
  await page.getByRole("tab", { name: "SQL query" }).click();
  const editor = page.getByRole("textbox", { name: "SQL query" });
  await editor.fill("select customer_id,\n  emial from customers");
  await editor.press("Control+Enter"); // the keyboard shortcut runs it, without adding a line
  const error = page.getByRole("alert").filter({ hasText: "rejected the query" });
  await expect(error).toContainText(/emial/);
  await expect(error).toContainText("at line 2, column 3");
  await expect(editor).toHaveText("select customer_id,  emial from customers");

  // A query that would run for minutes can be cancelled, and the next one runs.
  await editor.fill("select count(*) as n from range(100000000000)");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Query cancelled.")).toBeVisible();
  await editor.fill("select customer_id from customers");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toContainText("Showing 100 of");
});

test("upload a CSV and preview it as a model", async ({ page }) => {
  const workspacePath = await signUp(page, newPerson("Uma Upload"));
  await page.goto(`${workspacePath}/models`);
  const csv = ["lead_id,email,score", ...Array.from({ length: 30 }, (_, i) => `${i + 1},lead${i + 1}@example.com,${(i * 7) % 100}`)].join("\n");
  await page.getByLabel("Upload CSV or Parquet").setInputFiles({ name: "webinar_leads.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page).toHaveURL(/models\/new\?sourceId=/);
  await expect(page.getByLabel("Table or view")).toHaveValue(/webinar_leads/);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText(/Showing 30 of 30 rows/);
  await page.getByLabel("Primary key").selectOption("lead_id");
  await expect(page.getByText("lead_id is unique and never empty across 30 rows.")).toBeVisible();
  await page.getByLabel("Model name").fill("Webinar leads");
  await page.getByRole("button", { name: "Save model" }).click();
  await expect(page.getByRole("heading", { name: "Webinar leads" })).toBeVisible();
});

test("model demo tables and relate customers to their orders", async ({ page }) => {
  const workspacePath = await signUp(page, newPerson("Rita Relations"));
  await page.goto(`${workspacePath}/sources`);
  await expect(page.getByText("Ready")).toBeVisible({ timeout: 90_000 });

  for (const [table, key, name] of [
    ["orders", "order_id", "Orders"],
    ["customers", "customer_id", "Customers"],
  ] as const) {
    if (table === "orders") {
      // From the source's table list...
      await page.goto(`${workspacePath}/sources`);
      await page.getByRole("link", { name: "Demo warehouse" }).click();
      await page.getByRole("link", { name: "Make a model from main.orders" }).click();
    } else {
      // ...or from the model editor.
      await page.goto(`${workspacePath}/models/new`);
      await page.getByRole("tab", { name: "Table" }).click();
      await page.getByLabel("Table or view").selectOption({ label: `main.${table}` });
    }
    await expect(page.getByLabel("Table or view")).toHaveValue(`main.${table}`);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Showing" })).toContainText("Showing 100 of");
    await page.getByLabel("Primary key").selectOption(key);
    await expect(page.getByText(`${key} is unique and never empty`)).toBeVisible();
    await page.getByLabel("Model name").fill(name);
    await page.getByRole("button", { name: "Save model" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
  }

  await page.getByLabel("has many rows of").selectOption({ label: "Orders" });
  await page.getByLabel("matched on column").selectOption("customer_id");
  await page.getByRole("button", { name: "Add relation" }).click();
  await expect(page.getByText("Each Customers row has many Orders rows")).toBeVisible();
  await expect(page.getByText("Customers.customer_id = Orders.customer_id")).toBeVisible();

  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByText("2 models defined.")).toBeVisible();
});
