// Linking that finishes the job, through the UI against the mock Intacct: import Intacct-only vendors, create one of
// our companies and one project in Intacct, add a project's missing task from the preflight and sync with it, accept
// a suggested project, the viewer's note, and axe-core over the guide's screens. Runs on its own copy of the demo
// company (FINISH_TENANT); serial because each step builds on the last.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { createDb } from "@/lib/db/client";
import { createIntacctClient } from "@/lib/intacct";
import { linkDemoRecords } from "../helpers/intacct-setup";
import { connectIntacctThroughUi, FINISH_TENANT, INTACCT_DEMO, mockDocuments, readE2eInfo, signIn } from "./fixtures";

test.describe.configure({ mode: "serial" });

const VENDORS = "/contacts/accounting-companies";
// Unique names: the mock is shared with the other suites, and these must not match any of their companies.
const NEW_VENDORS = [
  { VENDORID: "V-1901", NAME: "Finish Crane Rental", TAXID: "84-5551901" },
  { VENDORID: "V-1902", NAME: "Finish Glass and Glazing", TAXID: "84-5551902" },
  { VENDORID: "V-1903", NAME: "Finish Portable Toilets", TAXID: "" },
];
const OUR_ONLY_COMPANY = "Finish Line Carpentry";
const OUR_ONLY_PROJECT = { number: "P-7001", name: "Finish Depot Renovation" };
// The tenant's SC-1001 under its own number, so the sync suite's "exactly one SC-1001" in the shared mock holds.
const CONTRACT_NO = "SC-7001";

let riversideId = "";
let newProjectId = "";

async function readMock(object: string, field: string, value: string) {
  const info = readE2eInfo();
  const client = createIntacctClient({ endpointUrl: `${info.mockUrl}/ia/xml/xmlgw.phtml`, ...INTACCT_DEMO });
  const found = [];
  for await (const page of client.query({ object, select: [field, "NAME"], filter: { field, op: "equalto", value } }))
    found.push(...page);
  return found;
}

async function checkA11y(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
}

const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Whole on screen, and not over the page title. */
async function expectClear(page: Page, locator: Locator, size: { width: number }) {
  const [box, title] = await Promise.all([
    locator.boundingBox(),
    page.getByTestId("page-header").getByRole("heading", { level: 1 }).boundingBox(),
  ]);
  if (!box || !title) throw new Error("header not laid out");
  expect(box.x, `left edge at ${size.width}`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `right edge at ${size.width}`).toBeLessThanOrEqual(size.width);
  const overlaps =
    box.x < title.x + title.width &&
    title.x < box.x + box.width &&
    box.y < title.y + title.height &&
    title.y < box.y + box.height;
  expect(overlaps, `over the title at ${size.width}`).toBe(false);
}

// The screenshot review (SCREENSHOTS=1), as in polish.e2e.ts: saved under test-results/screenshots (git-ignored).
async function screenshot(page: Page, size: { width: number }, name: string) {
  if (process.env.SCREENSHOTS)
    await page.screenshot({ path: `test-results/screenshots/${size.width}/${name}.png`, fullPage: true });
}

test.beforeAll(async ({ browser }) => {
  const info = readE2eInfo();
  for (const vendor of NEW_VENDORS)
    await fetch(`${info.mockUrl}/__mock/records`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        object: "VENDOR",
        record: { ...vendor, STATUS: "active", VENDTYPE: "Subcontractor", TERMNAME: "Net 30", CURRENCY: "USD" },
      }),
    });
  const db = createDb(info.databaseUrl);
  const company = await db.company.findFirstOrThrow({ where: { name: FINISH_TENANT.company } });
  // As an admin would leave it: every demo record linked; then P-1002 unlinked again (its suggestion is accepted
  // below), one company and one project that exist only here, and the contract under its own number.
  await linkDemoRecords(db, company.id);
  await db.project.updateMany({
    where: { companyId: company.id, number: "P-1002" },
    data: { intacctProjectId: null, intacctEntityId: null },
  });
  await db.accountingCompany.create({
    data: { companyId: company.id, name: OUR_ONLY_COMPANY, taxId: "84-5557001", city: "Denver", state: "CO" },
  });
  newProjectId = (
    await db.project.create({ data: { companyId: company.id, ...OUR_ONLY_PROJECT, city: "Denver", state: "CO" } })
  ).id;
  riversideId = (await db.project.findFirstOrThrow({ where: { companyId: company.id, number: "P-1001" } })).id;
  await db.contract.updateMany({
    where: { number: "SC-1001", project: { companyId: company.id } },
    data: { number: CONTRACT_NO },
  });
  await db.$disconnect();

  const page = await browser.newPage();
  await signIn(page, FINISH_TENANT.admin);
  await connectIntacctThroughUi(page);
  await page.getByLabel("Default item for PO and invoice lines").selectOption("SUBCONTRACT");
  await page.getByLabel("Default cost type").selectOption("SUB");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Sync settings saved.")).toBeVisible();
  // The connect loads every list in the background; wait until the vendors are in.
  await page.goto(VENDORS);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("last-refreshed")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await page.close();
});

test("an admin imports five Intacct-only vendors in one go and sees them linked", async ({ page }) => {
  await signIn(page, FINISH_TENANT.admin);
  await page.goto(VENDORS);
  await expect(page.getByRole("link", { name: "New accounting company" })).toBeVisible();
  await page.getByRole("button", { name: "Import from Sage Intacct" }).click();
  const dialog = page.getByRole("dialog", { name: "Import vendors from Sage Intacct" });
  await expect(dialog.getByTestId("import-count")).toContainText("5 vendors to import");
  await dialog.getByRole("button", { name: "Select all 5" }).click();
  await expect(dialog.getByTestId("import-count")).toContainText("5 selected");
  await checkA11y(page, "import dialog");
  await dialog.getByRole("button", { name: "Import 5 vendors" }).click();
  // The import runs as a job on the worker: the dialog follows its progress, then shows its summary.
  await expect(dialog.getByTestId("import-progress")).toContainText(/\b[0-5] of 5\b/);
  await expect(dialog.getByTestId("import-summary")).toContainText(
    "Imported from Sage Intacct: 5 accounting companies created, 0 linked to an existing one, 0 skipped.",
    { timeout: 30_000 },
  );
  await dialog.getByText("Created (5)").click();
  await expect(dialog.getByTestId("import-summary")).toContainText("V-1901 Finish Crane Rental");
  await expect(page.getByTestId("import-status")).toContainText("Import finished: 5 created · 0 linked · 0 skipped.");
  await dialog.getByRole("button", { name: "Close" }).click();
  for (const [id, name] of [
    ["V-1026", "Xcel Energy"],
    ["V-1901", "Finish Crane Rental"],
    ["V-1903", "Finish Portable Toilets"],
  ]) {
    await page.goto(`${VENDORS}?q=${encodeURIComponent(name as string)}`);
    await expect(page.getByTestId("vendor-link-row").filter({ hasText: name })).toContainText(`${id} · ${name}`);
  }
  await page.getByRole("button", { name: "Import from Sage Intacct" }).click();
  await expect(dialog.getByText("Every active Sage Intacct vendor has an accounting company here.")).toBeVisible();
});

test("an import still running is shown on return, a second click shows it, and the page follows it to its end", async ({
  page,
}) => {
  // Another admin's import, half way (as its worker saved it): stored directly, so it waits for this test to end it.
  const db = createDb(readE2eInfo().databaseUrl);
  const company = await db.company.findFirstOrThrow({ where: { name: FINISH_TENANT.company } });
  const admin = await db.user.findFirstOrThrow({ where: { email: FINISH_TENANT.admin } });
  const running = await db.vendorImport.create({
    data: {
      companyId: company.id,
      requestedById: admin.id,
      requestedByName: "Another Admin",
      state: "RUNNING",
      vendorIds: ["V-1026", "V-1901", "V-1902", "V-1903"],
      total: 4,
      processed: 2,
      created: 1,
      skipped: 1,
      startedAt: new Date(),
    },
  });
  try {
    await signIn(page, FINISH_TENANT.admin);
    await page.goto(VENDORS);
    const status = page.getByTestId("import-status");
    await expect(status).toContainText("Importing… 2 of 4 · 1 created · 0 linked · 1 skipped");
    await page.getByRole("button", { name: "Import from Sage Intacct" }).click();
    const dialog = page.getByRole("dialog", { name: "Import vendors from Sage Intacct" });
    await expect(dialog.getByTestId("import-progress")).toContainText("2 of 4");
    await expect(dialog.getByRole("button", { name: /^Import \d+ vendors?$/ })).toHaveCount(0);
    await checkA11y(page, "import progress");
    // On a laptop and a phone: the progress under the button stays on screen and clear of the title, and the
    // dialog's Close is not covered.
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size);
      await expect(dialog.getByRole("button", { name: "Close" })).toBeInViewport();
      await dialog.getByRole("button", { name: "Close" }).click({ trial: true });
      await screenshot(page, size, "import-progress-dialog");
      await page.keyboard.press("Escape");
      await expectClear(page, status, size);
      await screenshot(page, size, "import-progress-header");
      await page.getByRole("button", { name: "Import from Sage Intacct" }).click();
    }
    await page.setViewportSize(DESKTOP);
    await db.vendorImport.update({
      where: { id: running.id },
      data: {
        state: "DONE",
        processed: 4,
        created: 1,
        linked: 0,
        skipped: 3,
        finishedAt: new Date(),
        outcomes: [
          { vendorId: "V-1026", name: "Xcel Energy", status: "created", reason: "" },
          ...["V-1901", "V-1902", "V-1903"].map((vendorId) => ({
            vendorId,
            name: vendorId,
            status: "skipped",
            reason: "already linked",
          })),
        ],
      },
    });
    await expect(dialog.getByTestId("import-summary")).toContainText(
      "Imported from Sage Intacct: 1 accounting company created, 0 linked to an existing one, 3 skipped.",
    );
    await expect(dialog.getByTestId("import-summary")).toContainText("V-1902: skipped, already linked");
    await expect(status).toContainText("Import finished: 1 created · 0 linked · 3 skipped.");
    await screenshot(page, DESKTOP, "import-summary-dialog");
    await page.keyboard.press("Escape");
    await page.setViewportSize(PHONE);
    await expectClear(page, status, PHONE);
    await screenshot(page, PHONE, "import-summary-header");
    await page.setViewportSize(DESKTOP);
  } finally {
    await db.vendorImport.updateMany({ where: { id: running.id, state: "RUNNING" }, data: { state: "FAILED" } });
    await db.$disconnect();
  }
});

test("an admin creates one of our companies as an Intacct vendor and one project as an Intacct project", async ({
  page,
}) => {
  await signIn(page, FINISH_TENANT.admin);
  await page.goto(`${VENDORS}?q=Finish+Line`);
  await page.getByRole("button", { name: `Create ${OUR_ONLY_COMPANY} in Intacct` }).click();
  const dialog = page.getByRole("dialog", { name: `Create ${OUR_ONLY_COMPANY} in Sage Intacct` });
  await dialog.getByLabel("Intacct vendor ID").fill("V-7001");
  await dialog.getByRole("button", { name: "Create vendor" }).click();
  await expect(page.getByText(`Created Sage vendor V-7001 from ${OUR_ONLY_COMPANY} and linked it.`)).toBeVisible();
  await expect(page.getByTestId("vendor-link-row").filter({ hasText: OUR_ONLY_COMPANY })).toContainText(
    `V-7001 · ${OUR_ONLY_COMPANY}`,
  );
  expect(await readMock("VENDOR", "VENDORID", "V-7001")).toEqual([{ VENDORID: "V-7001", NAME: OUR_ONLY_COMPANY }]);

  await page.goto(`/projects/${newProjectId}/settings#integrations`);
  const card = page.getByTestId("create-project-in-intacct");
  await card.getByLabel("Entity", { exact: true }).fill("E100");
  await page.getByRole("option", { name: /^E100 · / }).click();
  await card.getByRole("button", { name: `Create ${OUR_ONLY_PROJECT.number} in Intacct` }).click();
  await expect(card).toContainText(`Created Intacct project ${OUR_ONLY_PROJECT.number} and linked it.`);
  await expect(page.getByTestId("intacct-project-selected")).toContainText(OUR_ONLY_PROJECT.number);
  expect(await readMock("PROJECT", "PROJECTID", OUR_ONLY_PROJECT.number)).toEqual([
    { PROJECTID: OUR_ONLY_PROJECT.number, NAME: OUR_ONLY_PROJECT.name },
  ]);
});

test("a viewer sees why there is no sync button and no task button", async ({ page }) => {
  await signIn(page, FINISH_TENANT.viewer);
  await page.goto(`/projects/${riversideId}/contracts`);
  await page.getByRole("link", { name: CONTRACT_NO, exact: true }).click();
  await expect(page.getByTestId("viewer-sync-note")).toContainText(
    "Only project managers and admins can sync to Sage Intacct.",
  );
  await expect(page.getByTestId("add-project-tasks-note")).toContainText(
    /Intacct project P-1001 lacks the tasks? .*03-3000/,
  );
  await expect(page.getByRole("button", { name: /Add \d+ tasks? to Intacct project/ })).toHaveCount(0);
});

test("a project manager adds the missing task from the preflight, and every line then syncs with its cost code", async ({
  page,
}) => {
  await signIn(page, FINISH_TENANT.pm);
  await page.goto(`/projects/${riversideId}/contracts`);
  await page.getByRole("link", { name: CONTRACT_NO, exact: true }).click();
  await page.waitForURL(/\/[0-9a-f-]{36}$/);
  await checkA11y(page, "contract with preflight");
  const lines = page.getByTestId("preflight-line");
  await expect(lines.filter({ hasText: "Cost code 03-3000 is not a task of this Intacct project" })).toHaveCount(2);
  await page.getByRole("button", { name: /^Add \d+ tasks? to Intacct project P-1001$/ }).click();
  await expect(page.getByTestId("add-project-tasks")).toContainText(/Intacct project P-1001 now has tasks? .*03-3000/);
  await expect(lines.filter({ hasText: "is not a task of this Intacct project" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sync to Accounting" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Successfully Synced" })).toBeVisible({ timeout: 30_000 });
  const pos = (await mockDocuments()).filter((d) => d.DOCPARID === "Purchase Order" && d.DOCNO === CONTRACT_NO);
  expect(pos).toHaveLength(1);
  expect(pos[0]?.entries.map((e) => [e.TASKID, e.COSTTYPEID])).toEqual([
    ["03-3000", "SUB"],
    ["03-3000", "SUB"],
    ["03-2000", "SUB"],
  ]);
});

test("a project manager accepts a suggested project", async ({ page }) => {
  await signIn(page, FINISH_TENANT.pm);
  await page.goto("/projects");
  const suggestion = page.getByTestId("project-suggestion").filter({ hasText: "P-1002" });
  await expect(suggestion).toContainText("P-1002 · Cherry Creek Mixed-Use Tower");
  await suggestion.getByRole("button", { name: /Accept suggestion for P-1002/ }).click();
  await expect(page.getByText(/Linked 1 project to Intacct projects\./)).toBeVisible();
  await expect(page.getByTestId("project-suggestion")).toHaveCount(0);
});

test("axe finds no serious or critical violation on the guide's screens", async ({ page }) => {
  await page.goto("/login");
  await checkA11y(page, "sign-in");
  await signIn(page, FINISH_TENANT.admin);
  for (const [screen, path] of [
    ["projects", "/projects"],
    ["integration hub", "/settings/integrations/sage-intacct"],
    ["accounting companies", VENDORS],
    ["cost codes", "/lists/cost-codes"],
    ["project settings", `/projects/${riversideId}/settings`],
    ["budget", `/projects/${riversideId}/budget`],
    ["acr", `/projects/${riversideId}/acr`],
    ["accounting sync", "/accounting-sync"],
  ]) {
    await page.goto(path as string);
    await checkA11y(page, screen as string);
  }
});
