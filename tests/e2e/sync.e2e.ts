// Sync to Accounting through the UI, one test per item type, checked against what landed in the mock Intacct.
// Runs on its own copy of the demo company (SYNC_TENANT) so other suites' connect/disconnect never race it.
import { expect, type Page, test } from "@playwright/test";
import { createDb } from "@/lib/db/client";
import { linkDemoRecords } from "../helpers/intacct-setup";
import {
  connectIntacctThroughUi,
  mockDocuments,
  mockEstimates,
  openProject,
  readE2eInfo,
  signIn,
  SYNC_TENANT,
} from "./fixtures";

test.describe.configure({ mode: "serial" });

let projectId = "";

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, SYNC_TENANT.admin);
  await connectIntacctThroughUi(page);
  await page.getByLabel("Default item for PO and invoice lines").selectOption("SUBCONTRACT");
  await page.getByLabel("Default cost type").selectOption("SUB");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Sync settings saved.")).toBeVisible();
  // Linking has its own suite; here the links are set as an admin would leave them.
  const db = createDb(readE2eInfo().databaseUrl);
  const company = await db.company.findFirstOrThrow({ where: { name: SYNC_TENANT.company } });
  await linkDemoRecords(db, company.id);
  await db.$disconnect();
  projectId = await openProject(page);
  await page.close();
});

async function openItem(page: Page, tab: string, linkName: string, rowText?: string) {
  await page.goto(`/projects/${projectId}/${tab}`);
  const rows = rowText ? page.getByTestId("item-row").filter({ hasText: rowText }) : page;
  await rows.getByRole("link", { name: linkName, exact: true }).click();
  await page.waitForURL(/\/[0-9a-f-]{36}$/);
}

async function syncAndConfirm(page: Page, document: RegExp) {
  await page.getByRole("button", { name: "Sync to Accounting" }).click();
  const confirmation = page.getByRole("status").filter({ hasText: "Successfully Synced" });
  await expect(confirmation).toBeVisible({ timeout: 30_000 });
  await expect(confirmation).toContainText(document);
  await expect(page.getByTestId("sync-badge")).toContainText("Synced");
}

test("a contract change cannot sync before its contract: the reason and the fix are shown", async ({ page }) => {
  await signIn(page, SYNC_TENANT.pm);
  await openItem(page, "contract-changes", "CO-01", "SC-1001");
  await expect(page.getByRole("button", { name: "Sync to Accounting" })).toBeDisabled();
  await expect(page.getByTestId("sync-blockers")).toContainText("must be synced first");
  await page.getByRole("link", { name: "Sync the contract first" }).click();
  await expect(page.getByRole("heading", { name: /SC-1001/ })).toBeVisible();
});

test("a session that ends before Sync to Accounting offers a way back that keeps the page, and nothing syncs", async ({
  page,
  context,
}) => {
  await signIn(page, SYNC_TENANT.pm);
  await openItem(page, "contracts", "SC-1001");
  // No request of the page may still be on its way: its answer would slide the session cookie back in.
  await page.waitForLoadState("networkidle");
  await context.clearCookies();
  await page.getByRole("button", { name: "Sync to Accounting" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Your session has ended" });
  await expect(alert.getByRole("link", { name: "Sign in in a new tab" })).toHaveAttribute("target", "_blank");
  await expect(alert).toContainText("then try again: nothing on this page is lost");
  expect((await mockDocuments()).filter((document) => document.DOCNO === "SC-1001")).toHaveLength(0);
});

test("contract → Purchase Order: preflight, one click, Successfully Synced, locked, exactly one document", async ({
  page,
}) => {
  await signIn(page, SYNC_TENANT.pm);
  await openItem(page, "contracts", "SC-1001");
  await expect(page.getByTestId("preflight")).toContainText("Purchase Order");
  await expect(page.getByTestId("preflight")).toContainText("V-1001");
  await expect(page.getByTestId("preflight-line")).toHaveCount(3);
  await syncAndConfirm(page, /Purchase Order SC-1001/);
  await expect(page.getByText("Purchasing → Transactions → Order → Purchase Order").first()).toBeVisible();
  // One format for people everywhere (badge, message, history); Intacct's raw DOCID only where labelled as such.
  await expect(page.getByTestId("sync-badge")).toContainText("Synced · Purchase Order SC-1001");
  await expect(page.getByTestId("sync-badge")).not.toContainText("Purchase Order-SC-1001");
  await expect(page.getByTestId("sync-history")).toContainText("Purchase Order SC-1001");
  await expect(page.getByTestId("sync-history")).not.toContainText("Purchase Order-SC-1001");
  await expect(page.getByTestId("intacct-key")).toHaveText("Purchase Order-SC-1001");
  await expect(page.getByText("This item is locked")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sync to Accounting" })).toHaveCount(0);
  await expect(page.getByTestId("sync-history")).toContainText("Synced");

  const pos = (await mockDocuments()).filter((d) => d.DOCPARID === "Purchase Order" && d.DOCNO === "SC-1001");
  expect(pos).toHaveLength(1);
  expect(pos[0]).toMatchObject({ VENDORID: "V-1001" });
  expect(pos[0]?.entries.map((e) => [e.PROJECTID, e.LOCATIONID, e.ITEMID, Number(e.TOTAL)])).toEqual([
    ["P-1001", "E100", "SUBCONTRACT", 640_000],
    ["P-1001", "E100", "SUBCONTRACT", 310_000],
    ["P-1001", "E100", "SUBCONTRACT", 185_000],
  ]);
  for (const entry of pos[0]?.entries ?? []) if (entry.TASKID) expect(entry.COSTTYPEID).toBe("SUB");

  await page.goto(`/projects/${projectId}/contracts?sync=SYNCED`);
  await expect(page.getByTestId("item-row")).toHaveCount(1);
  await expect(page.getByTestId("item-row")).toContainText("SC-1001");
});

test("contract change → PO Change Order pointing at the PO and its line", async ({ page }) => {
  await signIn(page, SYNC_TENANT.pm);
  await openItem(page, "contract-changes", "CO-01", "SC-1001");
  await syncAndConfirm(page, /PO Change Order SC-1001-CO-01/);
  const docs = await mockDocuments();
  const po = docs.find((d) => d.DOCPARID === "Purchase Order" && d.DOCNO === "SC-1001");
  const co = docs.filter((d) => d.DOCPARID === "PO Change Order");
  expect(co).toHaveLength(1);
  expect(co[0]?.entries.map((e) => [e.RELATEDDOCKEY, e.RELATEDDOCLINEKEY ?? "", Number(e.TOTAL)])).toEqual([
    [po?.RECORDNO, po?.entries[0]?.RECORDNO, 28_400],
    [po?.RECORDNO, "", 9_800],
  ]);
});

test("invoice → Vendor Invoice created from the PO, shown as Submitted", async ({ page }) => {
  await signIn(page, SYNC_TENANT.pm);
  await openItem(page, "invoices", "INV-1001");
  await syncAndConfirm(page, /Vendor Invoice SC-1001-INV-1001/);
  await expect(page.getByTestId("sync-badge")).toContainText("Submitted");
  const docs = await mockDocuments();
  const po = docs.find((d) => d.DOCPARID === "Purchase Order" && d.DOCNO === "SC-1001");
  const invoices = docs.filter((d) => d.DOCPARID === "Vendor Invoice");
  expect(invoices).toHaveLength(1);
  expect(invoices[0]).toMatchObject({ STATE: "Submitted", CREATEDFROM: po?.DOCID, VENDORID: "V-1001" });
});

test("budget → Project Estimate, then a budget change adds approved change entries to the same estimate", async ({
  page,
}) => {
  await signIn(page, SYNC_TENANT.pm);
  await page.goto(`/projects/${projectId}/budget`);
  await expect(page.getByTestId("preflight-line")).toHaveCount(12);
  await syncAndConfirm(page, /Project Estimate EST-P-1001/);
  await openItem(page, "budget-changes", "BC-001");
  await syncAndConfirm(page, /Project Estimate EST-P-1001/);
  const estimates = await mockEstimates();
  expect(estimates).toHaveLength(1);
  expect(estimates[0]?.PROJECTID).toBe("P-1001");
  expect(estimates[0]?.entries.filter((e) => e.WFTYPE === "original")).toHaveLength(12);
  expect(
    estimates[0]?.entries
      .filter((e) => e.WFTYPE === "approved change")
      .map((e) => Number(e.AMOUNT))
      .sort((a, b) => a - b),
  ).toEqual([38_500, 64_000]);
});

test("two tabs clicking Sync at once make one document; the other is told it is already syncing", async ({
  browser,
}) => {
  const [a, b] = [await browser.newPage(), await browser.newPage()];
  await signIn(a, SYNC_TENANT.pm);
  await signIn(b, SYNC_TENANT.admin);
  await openItem(a, "contracts", "SC-1002");
  await b.goto(a.url());
  await Promise.all([
    a.getByRole("button", { name: "Sync to Accounting" }).click(),
    b.getByRole("button", { name: "Sync to Accounting" }).click(),
  ]);
  const outcomes = await Promise.all(
    [a, b].map((p) =>
      Promise.race([
        p
          .getByRole("status")
          .filter({ hasText: "Successfully Synced" })
          .waitFor({ timeout: 30_000 })
          .then(() => "synced"),
        p
          .getByRole("alert")
          .filter({ hasText: /Already (syncing|synced)/ })
          .waitFor({ timeout: 30_000 })
          .then(() => "refused"),
      ]),
    ),
  );
  expect(outcomes.sort()).toEqual(["refused", "synced"]);
  expect((await mockDocuments()).filter((d) => d.DOCNO === "SC-1002")).toHaveLength(1);
});

test("a viewer sees the sync status but no Sync button", async ({ page }) => {
  await signIn(page, SYNC_TENANT.viewer);
  await openItem(page, "contracts", "SC-1001");
  await expect(page.getByTestId("sync-badge")).toContainText("Synced");
  await expect(page.getByRole("button", { name: /Sync/ })).toHaveCount(0);
});
