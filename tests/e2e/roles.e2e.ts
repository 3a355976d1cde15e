import { expect, test } from "@playwright/test";
import { OTHER_TENANT, openProject, signIn, USERS } from "./fixtures";

test.describe("role matrix", () => {
  test("a viewer reads everything but gets no edit or approval controls, and 403 on edit pages", async ({ page }) => {
    await signIn(page, USERS.viewer);
    await expect(page.getByRole("link", { name: "New project" })).toHaveCount(0);
    const projectId = await openProject(page);
    await page.goto(`/projects/${projectId}/contracts`);
    await expect(page.getByRole("link", { name: "New contract" })).toHaveCount(0);
    await page.getByRole("link", { name: "SC-1003" }).click();
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Submit for approval" })).toHaveCount(0);
    for (const path of [
      "/projects/new",
      `/projects/${projectId}/contracts/new`,
      `/projects/${projectId}/budget/edit`,
      "/settings/integrations",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByText("You don't have access to this page")).toBeVisible();
    }
  });

  test("a project manager can edit and approve but not open Company Settings, which the menu does not offer", async ({
    page,
  }) => {
    await signIn(page, USERS.pm);
    await expect(page.getByRole("link", { name: "New project" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integration Hub" }),
    ).toHaveCount(0);
    const response = await page.goto("/settings/integrations");
    expect(response?.status()).toBe(403);
  });

  test("an accountant reads every project's items and opens Accounting sync, but cannot edit, approve or configure", async ({
    page,
  }) => {
    await signIn(page, USERS.accountant);
    await expect(page.getByRole("link", { name: "New project" })).toHaveCount(0);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Accounting sync" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Integration Hub" })).toHaveCount(0);
    const projectId = await openProject(page);
    for (const tab of ["budget", "acr", "budget-changes", "contract-changes", "invoices"]) {
      const response = await page.goto(`/projects/${projectId}/${tab}`);
      expect(response?.status(), tab).toBe(200);
    }
    await page.goto(`/projects/${projectId}/contracts`);
    await expect(page.getByRole("link", { name: "New contract" })).toHaveCount(0);
    await page.getByRole("link", { name: "SC-1003" }).click();
    await page.waitForURL(/\/contracts\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Submit for approval" })).toHaveCount(0);
    const contractPath = new URL(page.url()).pathname;
    for (const path of [
      "/projects/new",
      `/projects/${projectId}/contracts/new`,
      `${contractPath}/edit`,
      `/projects/${projectId}/budget/edit`,
      "/settings/integrations",
      "/settings/company",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
    expect((await page.goto("/accounting-sync"))?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Accounting sync" })).toBeVisible();
  });

  test("an admin opens the Integration Hub", async ({ page }) => {
    await signIn(page, USERS.admin);
    await page.getByRole("link", { name: "Integration Hub" }).click();
    await expect(page.getByRole("heading", { name: "Integration Hub" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Sage Intacct" })).toBeVisible();
  });
});

test.describe("tenant isolation", () => {
  test("another company's records are 404, and its lists never show ours", async ({ browser }) => {
    const demo = await browser.newPage();
    await signIn(demo, USERS.admin);
    const projectId = await openProject(demo);
    await demo.goto(`/projects/${projectId}/contracts`);
    await demo.getByRole("link", { name: "SC-1001" }).click();
    const contractPath = new URL(demo.url()).pathname;

    const other = await browser.newPage();
    await signIn(other, OTHER_TENANT.admin);
    await expect(other.getByText("No projects yet")).toBeVisible();
    for (const path of [`/projects/${projectId}/budget`, contractPath, `${contractPath}/edit`]) {
      const response = await other.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    await other.goto("/contacts/accounting-companies");
    await expect(other.getByText("No accounting companies yet")).toBeVisible();
  });

  test("malformed or unknown ids are 404, never 500 nor a page", async ({ page }) => {
    await signIn(page, USERS.pm);
    const projectId = await openProject(page);
    const unknown = "00000000-0000-0000-0000-000000000000";
    const paths = [
      "/projects/not-a-uuid/budget",
      `/projects/${unknown}/contracts`,
      `/projects/${unknown}/budget`,
      "/lists/cost-codes/%27%3B--",
      `/lists/cost-codes/${unknown}`,
      "/contacts/accounting-companies/not-a-uuid",
      `/contacts/accounting-companies/${unknown}`,
    ];
    for (const slug of ["contracts", "contract-changes", "invoices", "budget-changes"])
      for (const id of ["not-a-uuid", unknown])
        paths.push(`/projects/${projectId}/${slug}/${id}`, `/projects/${projectId}/${slug}/${id}/edit`);
    paths.push(
      `/projects/${projectId}/contract-changes/new?contractId=${unknown}`,
      `/projects/${projectId}/invoices/new?contractId=${unknown}`,
    );
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" }), path).toBeVisible();
    }
  });

  test("junk in a list's query string is ignored: the first page, unfiltered", async ({ page }) => {
    await signIn(page, USERS.pm);
    const projectId = await openProject(page);
    const projects = await page.goto("/projects?page=-5&q=%00");
    expect(projects?.status()).toBe(200);
    await expect(page.getByRole("link", { name: "Riverside Medical Office Building" })).toBeVisible();
    const contracts = await page.goto(`/projects/${projectId}/contracts?page=abc&status=NOPE&sync=%00`);
    expect(contracts?.status()).toBe(200);
    await expect(page.getByTestId("item-row").first()).toBeVisible();
  });

  test("a malformed percent-escape in a URL is the not-found page, not a bare 500", async ({ page }) => {
    await signIn(page, USERS.pm);
    const projectId = await openProject(page);
    for (const path of [
      "/projects/%E0%A4%A",
      "/projects/%ZZ",
      `/projects/${projectId}/contracts/%E0%A4%A/edit`,
      "/contacts/accounting-companies/%",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" }), path).toBeVisible();
    }
  });
});
