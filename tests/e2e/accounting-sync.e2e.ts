// The Accounting sync page end to end: a project manager selects five approved items of different types and syncs
// them in one run that a worker sends (5 of 5, linked to each other in the mock Intacct); the same with one
// vendor unlinked gives 4 synced and 1 failed with the fix; and sync on approval sends an item without a click.
// Runs on its own copy of the demo company (BULK_TENANT), connected to the mock's sandbox company.
import { expect, test } from "@playwright/test";
import { createDb } from "@/lib/db/client";
import { linkDemoRecords } from "../helpers/intacct-setup";
import {
  BULK_TENANT,
  connectIntacctThroughUi,
  INTACCT_SANDBOX,
  mockDocuments,
  mockEstimates,
  readE2eInfo,
  signIn,
} from "./fixtures";

test.describe.configure({ mode: "serial" });

async function withDb<T>(run: (db: ReturnType<typeof createDb>, companyId: string) => Promise<T>): Promise<T> {
  const db = createDb(readE2eInfo().databaseUrl);
  try {
    const company = await db.company.findFirstOrThrow({ where: { name: BULK_TENANT.company } });
    return await run(db, company.id);
  } finally {
    await db.$disconnect();
  }
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, BULK_TENANT.admin);
  await connectIntacctThroughUi(page, INTACCT_SANDBOX);
  await page.getByLabel("Default item for PO and invoice lines").selectOption("SUBCONTRACT");
  await page.getByLabel("Default cost type").selectOption("SUB");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Sync settings saved.")).toBeVisible();
  // The sandbox holds the same vendors, projects and tasks as the demo company.
  await withDb((db, companyId) => linkDemoRecords(db, companyId));
  await page.close();
});

const FIVE = [
  "Budget P-1001",
  "Budget change BC-001",
  "Contract SC-1001",
  "Contract change SC-1001 · CO-01",
  "Invoice SC-1001 · INV-1001",
];

test("five approved items of different types in one run: 5 of 5, exactly five documents, linked", async ({ page }) => {
  await signIn(page, BULK_TENANT.pm);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounting sync" }).click();
  await expect(page.getByRole("heading", { name: "Accounting sync" })).toBeVisible();
  for (const label of FIVE) await page.getByRole("checkbox", { name: `Select ${label}`, exact: true }).check();
  await page.getByRole("button", { name: "Sync selected (5)" }).click();
  await expect(page).toHaveURL(/\/accounting-sync\?run=[0-9a-f-]{36}$/);
  const counts = page.getByTestId("run-counts");
  await expect(counts).toContainText("5 of 5", { timeout: 60_000 });
  await expect(counts).toContainText("5 synced · 0 failed");
  await expect(page.getByRole("progressbar", { name: "Sync progress" })).toHaveAttribute("aria-valuenow", "5");

  const docs = await mockDocuments(INTACCT_SANDBOX);
  expect(docs).toHaveLength(3);
  const po = docs.find((d) => d.DOCPARID === "Purchase Order" && d.DOCNO === "SC-1001");
  expect(po).toMatchObject({ VENDORID: "V-1001" });
  const co = docs.find((d) => d.DOCPARID === "PO Change Order");
  expect(co?.entries.map((e) => [e.RELATEDDOCKEY, e.RELATEDDOCLINEKEY ?? "", Number(e.TOTAL)])).toEqual([
    [po?.RECORDNO, po?.entries[0]?.RECORDNO, 28_400],
    [po?.RECORDNO, "", 9_800],
  ]);
  const invoice = docs.find((d) => d.DOCPARID === "Vendor Invoice");
  expect(invoice).toMatchObject({ CREATEDFROM: po?.DOCID, VENDORID: "V-1001" });
  // The budget and its change are one Project Estimate: original entries, then the approved change entries.
  const estimates = await mockEstimates(INTACCT_SANDBOX);
  expect(estimates).toHaveLength(1);
  expect(estimates[0]?.PROJECTID).toBe("P-1001");
  expect(
    estimates[0]?.entries
      .filter((e) => e.WFTYPE === "approved change")
      .map((e) => Number(e.AMOUNT))
      .sort((a, b) => a - b),
  ).toEqual([38_500, 64_000]);
  // Stored: the run is listed for everyone in the company.
  await page.goto("/accounting-sync");
  await expect(page.getByTestId("recent-runs")).toContainText("5 selected items");
});

test("one vendor unlinked: 4 synced and 1 failed with the reason and a link to fix it", async ({ page }) => {
  const unlinked = await withDb(async (db, companyId) => {
    // Three more approved items (a contract change, two budget changes), and the steel contractor unlinked.
    for (const number of ["BC-002", "BC-003"])
      await db.budgetChange.updateMany({
        where: { companyId, number },
        data: { status: "APPROVED", decidedAt: new Date() },
      });
    const concrete = await db.contract.findFirstOrThrow({ where: { companyId, number: "SC-1001" } });
    await db.contractChange.updateMany({
      where: { contractId: concrete.id, number: "CO-02" },
      data: { status: "APPROVED", decidedAt: new Date() },
    });
    const steel = await db.contract.findFirstOrThrow({
      where: { companyId, number: "SC-1002" },
      include: { accountingCompany: true },
    });
    await db.accountingCompany.update({ where: { id: steel.accountingCompanyId }, data: { intacctVendorId: null } });
    return steel.accountingCompany.name;
  });
  await signIn(page, BULK_TENANT.pm);
  await page.goto("/accounting-sync");
  for (const label of [
    "Contract SC-1002",
    "Contract SC-2001",
    "Contract change SC-1001 · CO-02",
    "Budget change BC-002",
    "Budget change BC-003",
  ])
    await page.getByRole("checkbox", { name: `Select ${label}`, exact: true }).check();
  await page.getByRole("button", { name: "Sync selected (5)" }).click();
  const counts = page.getByTestId("run-counts");
  await expect(counts).toContainText("5 of 5", { timeout: 60_000 });
  await expect(counts).toContainText("4 synced · 1 failed");
  const failed = page.getByTestId("run-items").getByRole("listitem").filter({ hasText: "Failed" });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText("Contract SC-1002");
  await expect(failed).toContainText(`Accounting company ${unlinked} is not linked to a Sage Intacct vendor.`);
  await expect(failed.getByRole("link", { name: "Link it in Contacts → Accounting Companies" })).toHaveAttribute(
    "href",
    "/contacts/accounting-companies",
  );
  expect((await mockDocuments(INTACCT_SANDBOX)).filter((d) => d.DOCNO === "SC-1002")).toHaveLength(0);
  expect((await mockDocuments(INTACCT_SANDBOX)).filter((d) => d.DOCNO === "SC-2001")).toHaveLength(1);
});

test("sync on approval: with the setting on, approving an item lands it in Intacct without a click", async ({
  browser,
}) => {
  const admin = await browser.newPage();
  await signIn(admin, BULK_TENANT.admin);
  await admin.goto("/settings/integrations");
  await admin.getByLabel("Send items to Intacct when they are approved").check();
  await admin.getByRole("button", { name: "Save", exact: true }).click();
  await expect(admin.getByText("Company sync settings saved.")).toBeVisible();
  await expect(admin.getByTestId("engine-panel")).toBeVisible();

  const pm2 = await browser.newPage();
  await signIn(pm2, BULK_TENANT.pm2);
  await pm2.goto("/projects");
  await pm2.getByRole("link", { name: "Cherry Creek Mixed-Use Tower" }).click();
  await pm2.getByRole("link", { name: "Budget", exact: true }).first().click();
  await pm2.getByRole("button", { name: "Approve" }).click();
  await expect(pm2.getByText("Approved", { exact: true }).first()).toBeVisible();
  await expect
    .poll(async () => (await mockEstimates(INTACCT_SANDBOX)).filter((e) => e.PROJECTID === "P-1002").length, {
      timeout: 60_000,
    })
    .toBe(1);
  const audit = await withDb((db, companyId) =>
    db.auditLog.findFirst({ where: { companyId, action: "integration.settings" }, orderBy: { createdAt: "desc" } }),
  );
  expect(audit?.detail).toBe("Send items to accounting when they are approved: on");
});
