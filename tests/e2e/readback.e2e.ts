// The read-back end to end, against the mock playing the accountant (POST /__mock/accountant): an invoice approved
// and half paid in Intacct shows "Partially paid … of …" after Check Intacct now and moves the ACR's Paid column,
// then Paid with the date; a PO changed there shows "Changed in Intacct" with the difference; a PO deleted there
// shows "Deleted in Intacct" and an admin sends it again (one live PO, one deleted, in the mock); a declined invoice
// is found by the scheduled check with no click and tells its submitter in Notices.
// Runs on its own copy of the demo company (READBACK_TENANT), connected to a mock company of its own.
import { expect, type Page, test } from "@playwright/test";
import { createDb } from "@/lib/db/client";
import { linkDemoRecords } from "../helpers/intacct-setup";
import { connectIntacctThroughUi, READBACK_MOCK_COMPANY, READBACK_TENANT, readE2eInfo, signIn } from "./fixtures";

test.describe.configure({ mode: "serial" });

type MockDocument = {
  DOCPARID: string;
  DOCNO: string;
  DOCID: string;
  RECORDNO: string;
  STATE: string;
  deleted?: boolean;
  bill: { TOTALDUE: string; TOTALPAID: string; STATE: string } | null;
};

async function withDb<T>(run: (db: ReturnType<typeof createDb>, companyId: string) => Promise<T>): Promise<T> {
  const db = createDb(readE2eInfo().databaseUrl);
  try {
    const company = await db.company.findFirstOrThrow({ where: { name: READBACK_TENANT.company } });
    return await run(db, company.id);
  } finally {
    await db.$disconnect();
  }
}

async function documents(includeDeleted = false): Promise<MockDocument[]> {
  const query = `company=${encodeURIComponent(READBACK_MOCK_COMPANY)}${includeDeleted ? "&includeDeleted=1" : ""}`;
  const response = await fetch(`${readE2eInfo().mockUrl}/__mock/documents?${query}`);
  return ((await response.json()) as { documents: MockDocument[] }).documents;
}

async function docId(definition: string, number: string): Promise<string> {
  const found = (await documents()).find((d) => d.DOCPARID === definition && d.DOCNO === number);
  if (!found) throw new Error(`no ${definition} ${number} in the mock`);
  return found.DOCID;
}

/** What an accountant does in Intacct's screens: the mock's own endpoint, refused loudly if Intacct would refuse. */
async function accountant(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${readE2eInfo().mockUrl}/__mock/accountant`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ company: READBACK_MOCK_COMPANY, ...body }),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`accountant ${String(body.action)}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function itemHref(kind: "contracts" | "invoices", number: string): Promise<string> {
  return withDb(async (db, companyId) => {
    if (kind === "contracts") {
      const contract = await db.contract.findFirstOrThrow({ where: { companyId, number } });
      return `/projects/${contract.projectId}/contracts/${contract.id}`;
    }
    const invoice = await db.invoice.findFirstOrThrow({ where: { companyId, number }, include: { contract: true } });
    return `/projects/${invoice.contract.projectId}/invoices/${invoice.id}`;
  });
}

/** Check Intacct now on an item page, and wait until the page shows what the check found. */
async function checkNow(page: Page): Promise<void> {
  const section = page.getByTestId("status-check").first();
  await section.getByRole("button", { name: "Check Intacct now" }).click();
  await expect(section.getByRole("button", { name: "Check Intacct now" })).toBeEnabled({ timeout: 60_000 });
  await expect(section.getByText("Checked just now.")).toBeVisible({ timeout: 30_000 });
}

/** The ACR cell of a cost code under a column header (found by its name, so added columns do not matter). */
async function acrCell(page: Page, code: string, header: string) {
  const headers = (await page.getByRole("columnheader").allTextContents()).map((h) => h.trim());
  const index = headers.indexOf(header);
  expect(index, `ACR column ${header}`).toBeGreaterThan(0);
  return page.getByTestId("acr-row").filter({ hasText: code }).getByRole("cell").nth(index);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await browser.newPage();
  await signIn(page, READBACK_TENANT.admin);
  await connectIntacctThroughUi(page, READBACK_MOCK_COMPANY);
  await page.getByLabel("Default item for PO and invoice lines").selectOption("SUBCONTRACT");
  await page.getByLabel("Default cost type").selectOption("SUB");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Sync settings saved.")).toBeVisible();
  await withDb(async (db, companyId) => {
    await linkDemoRecords(db, companyId);
    // A second approved invoice, for the accountant to decline.
    await db.invoice.updateMany({
      where: { companyId, number: "INV-1002" },
      data: { status: "APPROVED", decidedAt: new Date() },
    });
  });
  await page.goto("/accounting-sync");
  for (const label of [
    "Contract SC-1001",
    "Contract SC-1002",
    "Contract SC-2001",
    "Invoice SC-1001 · INV-1001",
    "Invoice SC-1001 · INV-1002",
  ])
    await page.getByRole("checkbox", { name: `Select ${label}`, exact: true }).check();
  await page.getByRole("button", { name: "Sync selected (5)" }).click();
  await expect(page.getByTestId("run-counts")).toContainText("5 of 5", { timeout: 90_000 });
  await expect(page.getByTestId("run-counts")).toContainText("5 synced · 0 failed");
  await page.close();
});

test("an invoice half paid in Intacct: Partially paid with the amount, the ACR's Paid moves; then Paid", async ({
  page,
}) => {
  // Before the accountant pays anything, nothing is paid, whatever check runs meanwhile.
  await signIn(page, READBACK_TENANT.pm);
  const acrHref = `${(await itemHref("invoices", "INV-1001")).split("/invoices/")[0]}/acr`;
  await page.goto(acrHref);
  await expect(await acrCell(page, "03-3000", "Paid")).toHaveText("$0");

  const invoice = await docId("Vendor Invoice", "SC-1001-INV-1001");
  await accountant({ action: "approve", docid: invoice });
  await accountant({ action: "pay", docid: invoice, amount: "137500.00", date: "11/20/2026" });

  await page.goto(await itemHref("invoices", "INV-1001"));
  await checkNow(page);
  await expect(page.getByTestId("remote-status-badge")).toHaveText("Partially paid $137,500.00 of $275,000.00");
  await expect(page.getByTestId("remote-checked-at")).not.toContainText("never");

  // Pro rata by line amount (ADR 0002): 180,000 + 40,000 on 03-3000 and 55,000 on 03-2000, half paid.
  await page.goto(acrHref);
  await expect(await acrCell(page, "03-3000", "Paid")).toHaveText("$110,000");
  await expect(await acrCell(page, "03-2000", "Paid")).toHaveText("$27,500");

  const rest = (await documents()).find((d) => d.DOCID === invoice)?.bill?.TOTALDUE;
  expect(rest).toBe("137500.00");
  await accountant({ action: "pay", docid: invoice, amount: rest, date: "12/01/2026" });
  await page.goto(await itemHref("invoices", "INV-1001"));
  await checkNow(page);
  await expect(page.getByTestId("remote-status-badge")).toHaveText("Paid Dec 1, 2026");
  await page.goto(acrHref);
  await expect(await acrCell(page, "03-3000", "Paid")).toHaveText("$220,000");

  // The list says so too, and its Intacct state filter finds it.
  await page.goto(`${acrHref.replace(/\/acr$/, "")}/invoices?remote=paid`);
  const rows = page.getByTestId("item-row");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("INV-1001");
  await expect(rows.getByTestId("remote-cell")).toHaveText("Paid Dec 1, 2026");
  // The contract shows billed and paid to date.
  await page.goto(await itemHref("contracts", "SC-1001"));
  const detail = (label: string) =>
    page.locator("dl > div", { has: page.getByText(label, { exact: true }) }).locator("dd");
  await expect(detail("Billed to date")).toHaveText("$575,000.00");
  await expect(detail("Paid to date")).toHaveText("$275,000.00");
});

test("a PO amount changed in Intacct: Changed in Intacct with the difference, field by field", async ({ page }) => {
  await accountant({ action: "change", docid: await docId("Purchase Order", "SC-1002"), line: 1, amount: "650000.00" });
  await signIn(page, READBACK_TENANT.pm);
  await page.goto(await itemHref("contracts", "SC-1002"));
  await checkNow(page);
  await expect(page.getByTestId("remote-status-badge")).toHaveText("Changed in Intacct");
  const differences = page.getByTestId("drift-differences");
  await expect(differences).toContainText("$610,000.00");
  await expect(differences).toContainText("$650,000.00");
  // Only admins may send a document again, and only a deleted one.
  await expect(page.getByRole("button", { name: "Send again as a new document" })).toHaveCount(0);
});

test("a PO deleted in Intacct: Deleted in Intacct; an admin sends it again as a new document", async ({ page }) => {
  const po = await docId("Purchase Order", "SC-2001");
  await accountant({ action: "delete", docid: po });
  await signIn(page, READBACK_TENANT.admin);
  const href = await itemHref("contracts", "SC-2001");
  await page.goto(href);
  await checkNow(page);
  await expect(page.getByTestId("remote-status-badge")).toHaveText("Deleted in Intacct");
  // The note above says what happened and what can be done, not that the item is locked in agreement with Intacct.
  const note = page.getByTestId("synced-note");
  await expect(note).toContainText("has since been deleted in Intacct");
  await expect(note).toContainText("Send it again as a new document below");
  await expect(note).not.toContainText("locked");
  await page.getByRole("button", { name: "Send again as a new document" }).click();
  const dialog = page.getByRole("dialog", { name: "Send again as a new document?" });
  await expect(dialog).toContainText("was deleted in Intacct");
  await dialog.getByRole("button", { name: "Send as a new document" }).click();
  await expect(dialog).toBeHidden();
  const live = async () => (await documents()).filter((d) => d.DOCPARID === "Purchase Order" && d.DOCNO === "SC-2001");
  await expect.poll(async () => (await live()).length, { timeout: 60_000 }).toBe(1);
  await page.reload();
  await expect(page.getByTestId("sync-badge")).toContainText("Synced");
  await expect(page.getByTestId("remote-status-badge")).not.toHaveText("Deleted in Intacct");
  await expect(page.getByTestId("synced-note")).toContainText("Synced to Sage Intacct as");
  // In the mock: the deleted PO and one live PO, a new document (a new RECORDNO), not the old one revived.
  const all = (await documents(true)).filter((d) => d.DOCPARID === "Purchase Order" && d.DOCNO === "SC-2001");
  expect(all.filter((d) => d.deleted)).toHaveLength(1);
  expect(all.filter((d) => !d.deleted)).toHaveLength(1);
  expect(all.find((d) => !d.deleted)?.RECORDNO).not.toBe(all.find((d) => d.deleted)?.RECORDNO);
  expect(po).toBe(all.find((d) => d.deleted)?.DOCID);
});

test("the scheduled check finds a declined invoice with no click, and its submitter gets a notice", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await signIn(page, READBACK_TENANT.admin);
  await page.goto("/settings/integrations");
  await page.getByLabel("Check Intacct every").fill("1");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Company sync settings saved.")).toBeVisible();
  const audit = await withDb((db, companyId) =>
    db.auditLog.findFirst({ where: { companyId, action: "integration.settings" }, orderBy: { createdAt: "desc" } }),
  );
  expect(audit?.detail).toBe("Check the accounting system every minute (was every 15 minutes)");

  await accountant({
    action: "decline",
    docid: await docId("Vendor Invoice", "SC-1001-INV-1002"),
    comment: "Wrong retainage",
  });
  const href = await itemHref("invoices", "INV-1002");
  await expect
    .poll(
      async () => {
        await page.goto(href);
        return (
          (await page
            .getByTestId("remote-status-badge")
            .textContent({ timeout: 1000 })
            .catch(() => "")) ?? ""
        );
      },
      { timeout: 180_000, intervals: [5_000] },
    )
    .toBe("Declined in Intacct");

  const pm = await browser.newPage();
  await signIn(pm, READBACK_TENANT.pm);
  await expect(pm.getByTestId("unread-notices")).toContainText("1");
  await pm.getByTestId("notices-link").click();
  const notice = pm.getByTestId("notice").filter({ hasText: "INV-1002" });
  await expect(notice).toHaveAttribute("data-read", "false");
  // In the badge's words: "declined in Intacct".
  await expect(notice).toContainText("was declined in Intacct");
  await expect(notice).not.toContainText("Sage Intacct");
  await notice.getByRole("button", { name: /^Mark read/ }).click();
  await expect(notice).toHaveAttribute("data-read", "true");
  await expect(pm.getByTestId("unread-notices")).toHaveCount(0);
});
