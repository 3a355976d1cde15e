import { expect, test } from "@playwright/test";
import { openProject, signIn, USERS } from "./fixtures";

test("a PM writes a contract and submits it; the other PM approves it and it locks", async ({ browser }) => {
  const number = `SC-E2E-${Date.now() % 100000}`;
  const pm = await browser.newPage();
  await signIn(pm, USERS.pm);
  await openProject(pm);
  await pm.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Contracts" }).click();
  await pm.getByRole("link", { name: "New contract" }).click();
  await pm.getByLabel("Contract number").fill(number);
  await pm.getByLabel("Title").fill("Glazing and storefronts");
  await pm.getByLabel("Accounting company").selectOption({ label: "Clearview Glass & Glazing" });
  await pm.getByLabel("Line 1 cost code").selectOption({ label: "08-8000 Glazing" });
  await pm.getByLabel("Line 1 description").fill("Curtain wall");
  await pm.getByLabel("Line 1 amount").fill("125,000");
  await pm.getByRole("button", { name: "Add line" }).click();
  await pm.getByLabel("Line 2 cost code").selectOption({ label: "08-4000 Entrances and Storefronts" });
  await pm.getByLabel("Line 2 description").fill("Entrances");
  await pm.getByLabel("Line 2 amount").fill("40000.50");
  await pm.getByRole("button", { name: "Save" }).click();

  await expect(pm.getByRole("heading", { name: `${number} · Glazing and storefronts` })).toBeVisible();
  await expect(pm.getByText("Draft", { exact: true }).first()).toBeVisible();
  await expect(pm.getByText("$165,000.50").first()).toBeVisible();
  await pm.getByRole("button", { name: "Submit for approval" }).click();
  await expect(pm.getByText("Pending approval", { exact: true }).first()).toBeVisible();
  await expect(pm.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(pm.getByText("Waiting for approval by another project manager")).toBeVisible();
  const contractUrl = pm.url();

  const pm2 = await browser.newPage();
  await signIn(pm2, USERS.pm2);
  await pm2.goto(contractUrl);
  await pm2.getByRole("button", { name: "Approve" }).click();
  await expect(pm2.getByText("This contract is approved and locked")).toBeVisible();
  await expect(pm2.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(pm2.getByTestId("history")).toContainText("Sam Rivera approved");
  await expect(pm2.getByTestId("history")).toContainText("Pat Morgan submitted for approval");

  await pm.reload();
  await expect(pm.getByText("Approved", { exact: true }).first()).toBeVisible();
  await pm.goto(`${contractUrl}/edit`);
  await expect(pm.getByText("can no longer be edited")).toBeVisible();
});

test("an admin rejects a pending budget change with a reason; the PM fixes and resubmits it", async ({ browser }) => {
  const admin = await browser.newPage();
  await signIn(admin, USERS.admin);
  const projectId = await openProject(admin);
  await admin.goto(`/projects/${projectId}/budget-changes?status=PENDING_APPROVAL`);
  await admin.getByRole("link", { name: "BC-002" }).click();
  await admin.getByRole("button", { name: "Reject" }).click();
  await admin.getByRole("button", { name: "Reject" }).last().click();
  await expect(admin.getByText("A reason is required")).toBeVisible();
  await admin.getByLabel("Reason for rejection").fill("Keep the 80 mil membrane");
  await admin.getByRole("button", { name: "Reject" }).last().click();
  await expect(admin.getByText("Rejected: Keep the 80 mil membrane")).toBeVisible();

  const pm = await browser.newPage();
  await signIn(pm, USERS.pm);
  await pm.goto(admin.url());
  await pm.getByRole("link", { name: "Edit" }).click();
  await pm.getByLabel("Line 1 amount").fill("-12000");
  await pm.getByRole("button", { name: "Save" }).click();
  await expect(pm.getByText("Draft", { exact: true }).first()).toBeVisible();
  await expect(pm.getByText("-$12,000.00").first()).toBeVisible();
  await pm.getByRole("button", { name: "Submit for approval" }).click();
  await expect(pm.getByText("Pending approval", { exact: true }).first()).toBeVisible();
  await expect(pm.getByTestId("history")).toContainText("Alex Admin rejected");
});

test("a form with bad input shows what to fix and keeps what was typed", async ({ page }) => {
  await signIn(page, USERS.pm);
  const projectId = await openProject(page);
  await page.goto(`/projects/${projectId}/contracts/new`);
  await page.getByLabel("Title").fill("Missing everything else");
  await page.getByLabel("Line 1 amount").fill("12,x");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Contract number is required")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Some fields need attention" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Missing everything else");
  await expect(page.getByLabel("Line 1 amount")).toHaveValue("12,x");
  // Errors inside the lines name their line and field.
  await expect(page.getByTestId("lines-errors")).toContainText("Line 1 cost code: Choose a cost code");
  await expect(page.getByTestId("lines-errors")).toContainText("Line 1 description: Description is required");
  await expect(page.getByTestId("lines-errors")).toContainText("Line 1 amount: Enter an amount like 1250.00");
});

test("a session that ends while a form is open offers a way back that keeps the input", async ({ page, context }) => {
  await signIn(page, USERS.pm);
  const projectId = await openProject(page);
  await page.goto(`/projects/${projectId}/contracts/new`);
  await page.getByLabel("Contract number").fill(`SC-SESSION-${Date.now() % 100000}`);
  await page.getByLabel("Title").fill("Typed before the session ended");
  await page.getByLabel("Accounting company").selectOption({ label: "Clearview Glass & Glazing" });
  await page.getByLabel("Line 1 cost code").selectOption({ label: "08-8000 Glazing" });
  await page.getByLabel("Line 1 description").fill("Curtain wall");
  await page.getByLabel("Line 1 amount").fill("125,000");
  // No request of the page may still be on its way: its answer would slide the session cookie back in.
  await page.waitForLoadState("networkidle");
  await context.clearCookies();
  await page.getByRole("button", { name: "Save" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Your session has ended" });
  await expect(alert.getByRole("link", { name: "Sign in in a new tab" })).toHaveAttribute("target", "_blank");
  await expect(page.getByLabel("Title")).toHaveValue("Typed before the session ended");
});

test("the ACR shows budget, changes, commitments and invoices per cost code", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await openProject(page);
  await page.getByRole("link", { name: "ACR" }).click();
  const concrete = page.getByTestId("acr-row").filter({ hasText: "03-3000" });
  // Whole dollars in the report; the exact amount is the cell's title.
  await expect(concrete).toContainText("$1,250,000");
  await expect(concrete.getByTitle("$1,250,000.00").first()).toBeVisible();
  await concrete.getByRole("button", { name: "Actions for cost code 03-3000" }).click();
  await page.getByRole("menuitem", { name: "Open in Project Cost Codes" }).click();
  await expect(page.getByRole("heading", { name: "03-3000 Cast-in-Place Concrete" })).toBeVisible();
});
