import { expect, type Page } from "@playwright/test";

export const PASSWORD = "demo-password";
export const USERS = { admin: "admin@demo.build", pm: "pm@demo.build", pm2: "pm2@demo.build", viewer: "viewer@demo.build" } as const;
export const OTHER_TENANT = { company: "Northwind Builders", admin: "admin@northwind.test" } as const;

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects$/);
}

export async function openProject(page: Page, name = "Riverside Medical Office Building"): Promise<string> {
  await page.goto("/projects");
  await page.getByRole("link", { name }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  const match = /\/projects\/([0-9a-f-]{36})/.exec(page.url());
  if (!match?.[1]) throw new Error(`no project id in ${page.url()}`);
  return match[1];
}
