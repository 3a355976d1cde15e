import { expect, test } from "@playwright/test";
import { PASSWORD, signIn, USERS } from "./fixtures";

test("signed-out visitors are sent to the login page", async ({ page }) => {
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Sign in to your company" })).toBeVisible();
});

test("a signed-out deep link comes back to the page it asked for after signing in", async ({ page }) => {
  await page.goto("/lists/cost-codes?q=concrete");
  await expect(page).toHaveURL(/\/login\?next=%2Flists%2Fcost-codes%3Fq%3Dconcrete$/);
  await page.getByLabel("Email").fill(USERS.pm);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/lists\/cost-codes\?q=concrete$/);
  // A return address to another site is ignored. No request of the page may still be on its way when the
  // session ends: its answer would slide the session cookie back in.
  await page.waitForLoadState("networkidle");
  await page.context().clearCookies();
  await page.goto("/login?next=%2F%2Fevil.example");
  await page.getByLabel("Email").fill(USERS.pm);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects$/);
});

test("a wrong password says so and keeps the email", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(USERS.pm);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "don't match an account" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(USERS.pm);
});

test("bad input gets field errors, not a crash", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email address")).toBeVisible();
  await expect(page.getByText("Enter your password")).toBeVisible();
});

test("sign in, see the company's projects, sign out", async ({ page, context }) => {
  await signIn(page, USERS.pm);
  await expect(page.getByTestId("current-user")).toHaveText("Pat Morgan");
  await expect(page.getByRole("link", { name: "Riverside Medical Office Building" })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === "ib_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/login$/);
});
