// "Accounting reviews before sync" end to end: an admin turns it on (with sync on approval); a project manager
// approves two contracts, which wait in Ready for accounting and never reach the mock; an accountant returns one with
// a reason, which its project manager then reads on the item; the accountant sends the other, which lands in the mock.
// Runs on its own copy of the demo company (REVIEW_TENANT), sending contracts of its own numbers to the demo company.
import { expect, test } from "@playwright/test";
import { createDb } from "@/lib/db/client";
import { saveContract } from "@/lib/financials/contracts";
import { submitItem } from "@/lib/financials/approval";
import { linkDemoRecords, sessionUser } from "../helpers/intacct-setup";
import { connectIntacctThroughUi, mockDocuments, readE2eInfo, REVIEW_TENANT, signIn } from "./fixtures";

test.describe.configure({ mode: "serial" });

// Numbers no other suite uses in the mock's demo company.
const RETURNED = "RV-7001";
const SENT = "RV-7002";
const REASON = "Wrong cost code on line 2: use 03-3000, then resubmit";
const paths: Record<string, string> = {};

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, REVIEW_TENANT.admin);
  await connectIntacctThroughUi(page);
  await page.getByLabel("Default item for PO and invoice lines").selectOption("SUBCONTRACT");
  await page.getByLabel("Default cost type").selectOption("SUB");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Sync settings saved.")).toBeVisible();
  await page.close();
  // Two contracts like the demo's SC-1001, written and submitted by the project manager.
  const db = createDb(readE2eInfo().databaseUrl);
  try {
    const company = await db.company.findFirstOrThrow({ where: { name: REVIEW_TENANT.company } });
    await linkDemoRecords(db, company.id);
    const pm = await sessionUser(db, REVIEW_TENANT.pm);
    const model = await db.contract.findFirstOrThrow({
      where: { companyId: company.id, number: "SC-1001" },
      include: { lines: { orderBy: { lineNo: "asc" } } },
    });
    for (const number of [RETURNED, SENT]) {
      const { id } = await saveContract(db, pm, {
        projectId: model.projectId,
        accountingCompanyId: model.accountingCompanyId,
        number,
        title: `Reviewed ${number}`,
        description: "",
        startDate: model.startDate,
        endDate: model.endDate,
        retainagePercent: model.retainageBps,
        lines: model.lines.map((l) => ({
          costCodeId: l.costCodeId,
          description: l.description,
          amount: Number(l.amountCents),
        })),
      });
      await submitItem(db, pm, "CONTRACT", id);
      paths[number] = `/projects/${model.projectId}/contracts/${id}`;
    }
  } finally {
    await db.$disconnect();
  }
});

const docsNumbered = async (number: string) => (await mockDocuments()).filter((d) => d.DOCNO === number);

test("an admin turns on Accounting reviews before sync, beside sync on approval", async ({ page }) => {
  await signIn(page, REVIEW_TENANT.admin);
  await page.goto("/settings/integrations");
  await page.getByLabel("Send items to Intacct when they are approved").check();
  await page.getByLabel("Accounting reviews before sync").check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Company sync settings saved.")).toBeVisible();
});

test("a project manager's approvals wait in Ready for accounting and reach nobody", async ({ page }) => {
  await signIn(page, REVIEW_TENANT.pm2);
  for (const number of [RETURNED, SENT]) {
    await page.goto(paths[number]!);
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByTestId("waits-for-accounting")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sync to Accounting" })).toHaveCount(0);
  }
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounting sync" }).click();
  await expect(page.getByRole("link", { name: /^Ready for accounting \(\d+\)$/ })).toBeVisible();
  await expect(page.getByTestId("review-note")).toContainText("until an accountant or an admin sends them");
  for (const number of [RETURNED, SENT]) await expect(page.getByTestId(`candidate-${number}`)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Send selected/ })).toBeDisabled();
  await expect(page.getByRole("button", { name: /^Send all ready/ })).toBeDisabled();
  // Sync on approval is on, yet nothing was queued or sent.
  await page.waitForTimeout(1500);
  expect(await docsNumbered(RETURNED)).toHaveLength(0);
  expect(await docsNumbered(SENT)).toHaveLength(0);
});

test("the accountant returns one with a reason; its project manager reads it on the item", async ({ browser }) => {
  const accountant = await browser.newPage();
  await signIn(accountant, REVIEW_TENANT.accountant);
  await accountant.goto("/accounting-sync");
  const row = accountant.getByTestId(`candidate-${RETURNED}`);
  // The reviewer weighs its preflight first.
  await expect(row.getByText(/Preflight: ready to send|✕|⚠/).first()).toBeVisible();
  await expect(row.getByRole("button", { name: `Send Contract ${RETURNED}` })).toBeEnabled();
  await row.getByRole("button", { name: "Return to project manager" }).click();
  await row.getByLabel(/goes back/).fill(REASON);
  await row.getByRole("button", { name: "Return", exact: true }).click();
  await expect(accountant.getByTestId(`candidate-${RETURNED}`)).toHaveCount(0);
  await accountant.getByRole("link", { name: /^Returned to project manager \(1\)$/ }).click();
  await expect(accountant.getByTestId(`candidate-${RETURNED}`)).toContainText(REASON);

  const pm = await browser.newPage();
  await signIn(pm, REVIEW_TENANT.pm);
  await pm.goto(paths[RETURNED]!);
  const note = pm.getByTestId("returned-by-accounting");
  await expect(note).toContainText(REASON);
  await expect(note).toContainText("Ada Accountant");
  await expect(pm.getByRole("button", { name: "Resubmit to accounting" })).toBeVisible();
  await expect(pm.getByTestId("history")).toContainText("returned it to the project manager");
  await pm.goto(paths[RETURNED]!.replace(/\/[0-9a-f-]{36}$/, ""));
  await expect(pm.getByTestId("item-row").filter({ hasText: RETURNED })).toContainText(
    `Returned by accounting: “${REASON}”`,
  );
  expect(await docsNumbered(RETURNED)).toHaveLength(0);
});

test("the accountant sends the other: it lands in the mock, once", async ({ page }) => {
  await signIn(page, REVIEW_TENANT.accountant);
  await page.goto("/accounting-sync");
  await page.getByRole("checkbox", { name: `Select Contract ${SENT}`, exact: true }).check();
  await page.getByRole("button", { name: "Send selected (1)" }).click();
  await expect(page).toHaveURL(/\/accounting-sync\?run=[0-9a-f-]{36}$/);
  await expect(page.getByTestId("run-counts")).toContainText("1 of 1", { timeout: 60_000 });
  await expect(page.getByTestId("run-counts")).toContainText("1 synced · 0 failed");
  const docs = await docsNumbered(SENT);
  expect(docs).toHaveLength(1);
  expect(docs[0]).toMatchObject({ DOCPARID: "Purchase Order", VENDORID: "V-1001" });
  expect(await docsNumbered(RETURNED)).toHaveLength(0);
  // An accountant reads items but never edits or approves them.
  await page.goto(paths[SENT]!);
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  expect((await page.goto(`${paths[SENT]!}/edit`))?.status()).toBe(403);
});
