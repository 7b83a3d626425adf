import { expect, test } from "@playwright/test";
import { invite, newPerson, signIn, signOut, signUp, trpcMutation, trpcQuery } from "./fixtures";

test("a new user gets a workspace with the demo warehouse, invites a teammate, uses an API token, and signs back in", async ({
  page,
  request,
}) => {
  const owner = newPerson("Olivia Owner");
  const workspacePath = await signUp(page, owner);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audiences" })).toBeVisible();

  // The demo warehouse is generated in the background; its progress shows until it is ready.
  await page.getByRole("link", { name: "Sources" }).click();
  await expect(page.getByRole("heading", { name: "Demo warehouse" })).toBeVisible();
  await expect(page.getByText("Ready")).toBeVisible({ timeout: 90_000 });
  const customersRow = page.getByRole("row", { name: /^customers/ });
  await expect(customersRow).toContainText("100,000");
  await expect(page.getByRole("row", { name: /^events/ })).toBeVisible();

  // Invite a member: without a mail server the link is shown to copy.
  const teammate = newPerson("Theo Teammate");
  const inviteUrl = await invite(page, workspacePath, teammate.email, "Editor");
  expect(inviteUrl).toMatch(/\/invite\/inv_/);
  await expect(page.getByText(`${teammate.email} · Editor`)).toBeVisible();

  // Create an API token and call the tRPC API with it over HTTP.
  await page.getByLabel("Token name").fill("Nightly export");
  await page.getByLabel("Token role").selectOption({ label: "Viewer" });
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = await page.getByLabel("New API token").inputValue();
  expect(secret).toMatch(/^sluice_/);
  const bearer = { authorization: `Bearer ${secret}` };
  const workspaces = await trpcQuery(request, "workspace.list", undefined, bearer);
  expect(workspaces.status()).toBe(200);
  const [workspace] = ((await workspaces.json()) as { result: { data: { json: { id: string; name: string }[] } } })
    .result.data.json;
  expect(workspace?.name).toBe("Olivia Owner's workspace");
  const sources = await trpcQuery(request, "source.list", { workspaceId: workspace?.id }, bearer);
  expect(sources.status()).toBe(200);
  expect(await sources.text()).toContain("Demo warehouse");
  // A viewer token may read but not create.
  const forbidden = await trpcMutation(request, "apiToken.create", { workspaceId: workspace?.id, name: "x", role: "viewer" }, bearer);
  expect(forbidden.status()).toBe(403);

  // Revoking the token locks it out with 401.
  await page.getByRole("button", { name: "Revoke Nightly export" }).click();
  await expect(page.getByRole("button", { name: "Revoke Nightly export" })).toBeHidden();
  expect((await trpcQuery(request, "workspace.list", undefined, bearer)).status()).toBe(401);
  expect((await trpcQuery(request, "workspace.list", undefined, { authorization: "Bearer sluice_madeup" })).status()).toBe(401);

  // Sign out, fail with a wrong password (no hint which part was wrong), then sign in.
  await signOut(page);
  await signIn(page, { email: owner.email, password: "not the right password" });
  await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toHaveText("Email or password is incorrect.");
  await signIn(page, owner);
  await expect(page).toHaveURL(new RegExp(`${workspacePath}$`));
  await expect(page.getByText("Your Demo warehouse is ready with 100,000 customers.")).toBeVisible();

  // The session the browser can read holds who you are, nothing more.
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user: Record<string, unknown> };
  expect(Object.keys(session.user).sort()).toEqual(["email", "id", "name"]);
  expect(JSON.stringify(session)).not.toContain("$2");
});

test("sign-up explains a taken email and a weak password", async ({ page }) => {
  const person = newPerson("Dana Duplicate");
  await signUp(page, person);
  await signOut(page);

  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Dana Again");
  await page.getByLabel("Work email").fill(person.email.toUpperCase());
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This password is too easy to guess.", { exact: false })).toBeVisible();

  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists. Sign in instead.")).toBeVisible();
});

test("an invited viewer joins through the link and cannot do what an admin or editor can", async ({ page, browser }) => {
  const owner = newPerson("Ada Admin");
  const workspacePath = await signUp(page, owner);
  const viewer = newPerson("Vic Viewer");
  const inviteUrl = await invite(page, workspacePath, viewer.email, "Viewer");

  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await viewerPage.goto(inviteUrl);
  await expect(viewerPage.getByRole("heading", { name: "Join Ada Admin's workspace" })).toBeVisible();
  await viewerPage.getByRole("link", { name: "Create your account" }).click();
  await expect(viewerPage.getByLabel("Work email")).toHaveValue(viewer.email);
  await viewerPage.getByLabel("Your name").fill(viewer.name);
  await viewerPage.getByLabel("Password").fill(viewer.password);
  await viewerPage.getByRole("button", { name: "Create account" }).click();
  await expect(viewerPage).toHaveURL(new RegExp(`${workspacePath}$`));

  await viewerPage.getByRole("link", { name: "Settings" }).click();
  await expect(viewerPage.getByRole("heading", { name: "Members" })).toBeVisible();
  await expect(viewerPage.getByRole("row", { name: new RegExp(owner.email) })).toBeVisible();
  await expect(viewerPage.getByText("Only admins and owners can invite people and manage API tokens.")).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Send invite" })).toHaveCount(0);
  await expect(viewerPage.getByLabel("Workspace name")).toHaveAttribute("readonly", "");

  // The server enforces it too, whatever the page shows.
  const workspaces = await trpcQuery(viewerPage.request, "workspace.list", undefined);
  const [workspace] = ((await workspaces.json()) as { result: { data: { json: { id: string }[] } } }).result.data.json;
  const attempt = await trpcMutation(viewerPage.request, "invite.create", {
    workspaceId: workspace?.id,
    email: "someone@example.com",
    role: "viewer",
  });
  expect(attempt.status()).toBe(403);
  expect(await attempt.text()).toContain("This needs the admin role or higher; you are a viewer.");

  // What an editor creates (sources, models) is not offered to a viewer, and refused by the server.
  await viewerPage.getByRole("link", { name: "Sources" }).click();
  await expect(viewerPage.getByRole("heading", { name: "Demo warehouse" })).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: "Add source" })).toHaveCount(0);
  await viewerPage.getByRole("link", { name: "Models" }).click();
  await expect(viewerPage.getByRole("heading", { name: "No models yet" })).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: "New model" })).toHaveCount(0);
  const sourceAttempt = await trpcMutation(viewerPage.request, "source.create", {
    workspaceId: workspace?.id,
    name: "Mine",
    type: "postgres",
    config: { host: "127.0.0.1", database: "x", user: "x", password: "x" },
  });
  expect(sourceAttempt.status()).toBe(403);
  expect(await sourceAttempt.text()).toContain("This needs the editor role or higher; you are a viewer.");

  // The owner sees the new member; a used invite cannot be used again.
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(viewer.email) })).toBeVisible();
  await viewerPage.goto(inviteUrl);
  await expect(viewerPage.getByText("This invite has already been used.", { exact: false })).toBeVisible();
  await viewerContext.close();
});

test("a withdrawn invite explains itself", async ({ page, browser }) => {
  const owner = newPerson("Wendy Withdraw");
  const workspacePath = await signUp(page, owner);
  const guest = newPerson("Gus Guest");
  const inviteUrl = await invite(page, workspacePath, guest.email, "Editor");
  await page.getByRole("button", { name: `Withdraw invite for ${guest.email}` }).click();
  await expect(page.getByText(`${guest.email} · Editor`)).toBeHidden();

  const guestPage = await (await browser.newContext()).newPage();
  await guestPage.goto(inviteUrl);
  await expect(guestPage.getByText("This invite was withdrawn. Ask a workspace admin for a new one.")).toBeVisible();
});
