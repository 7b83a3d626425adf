import crypto from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const STRONG_PASSWORD = "correct horse battery staple 42";

export type Person = { name: string; email: string; password: string };

export function newPerson(name: string): Person {
  const tag = crypto.randomBytes(4).toString("hex");
  return { name, email: `${name.toLowerCase().replace(/\W+/g, ".")}.${tag}@example.com`, password: STRONG_PASSWORD };
}

/** Signs up through the form and waits for the new workspace's overview. Returns its URL path. */
export async function signUp(page: Page, person: Person): Promise<string> {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Work email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/w\/[^/]+$/);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  return new URL(page.url()).pathname;
}

export async function signIn(page: Page, person: Pick<Person, "email" | "password">): Promise<void> {
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Invites someone from the settings page and returns the invite link shown to the admin. */
export async function invite(page: Page, workspacePath: string, email: string, role: string): Promise<string> {
  await page.goto(`${workspacePath}/settings`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Send invite" }).click();
  const link = page.getByLabel("Invite link");
  await expect(link).toBeVisible();
  return link.inputValue();
}

/** Calls a tRPC query over plain HTTP, as an API client would. */
export async function trpcQuery(
  request: APIRequestContext,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return request.get(`/api/trpc/${path}${query}`, { headers });
}

export async function trpcMutation(
  request: APIRequestContext,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
) {
  return request.post(`/api/trpc/${path}`, { data: { json: input }, headers });
}
