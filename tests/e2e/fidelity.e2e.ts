// Intacct writes an apostrophe as &#039; (docs/intacct/corrections.md §1). Through the UI: a vendor named
// O'Brien & Sons <Concrete> is suggested and linked by its real name, a contract with it syncs and shows it, and when
// Intacct refuses the vendor the error shows its fix. Runs on its own tenant connected to the mock's sandbox company.
import { expect, type Page, test } from "@playwright/test";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { saveContractChange } from "@/lib/financials/contract-changes";
import { saveContract } from "@/lib/financials/contracts";
import { createDb } from "@/lib/db/client";
import { linkDemoRecords, sessionUser } from "../helpers/intacct-setup";
import {
  fillIntacctCredentials,
  FIDELITY_TENANT,
  INTACCT_DEMO,
  INTACCT_SANDBOX,
  readE2eInfo,
  signIn,
} from "./fixtures";

test.describe.configure({ mode: "serial" });

const OBRIEN = "O'Brien & Sons <Concrete>";
const contractIds: Record<string, string> = {};
let projectId = "";

async function upsertSandboxVendor(status: "active" | "inactive") {
  const response = await fetch(`${readE2eInfo().mockUrl}/__mock/records`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      companyId: INTACCT_SANDBOX,
      object: "VENDOR",
      record: { VENDORID: "V-OBRIEN", NAME: OBRIEN, STATUS: status },
    }),
  });
  expect(response.ok).toBe(true);
}

test.beforeAll(async ({ browser }) => {
  await upsertSandboxVendor("active");
  const db = createDb(readE2eInfo().databaseUrl);
  const company = await db.company.findFirstOrThrow({ where: { name: FIDELITY_TENANT.company } });
  const vendor = await db.accountingCompany.create({ data: { companyId: company.id, name: OBRIEN } });
  const project = await db.project.findFirstOrThrow({ where: { companyId: company.id, number: "P-1001" } });
  projectId = project.id;
  const code = await db.costCode.findFirstOrThrow({ where: { companyId: company.id, code: "03-3000" } });
  const [pm, pm2] = [await sessionUser(db, FIDELITY_TENANT.pm), await sessionUser(db, FIDELITY_TENANT.pm2)];
  for (const number of ["SC-OB-1", "SC-OB-2", "SC-OB-3"]) {
    const { id } = await saveContract(db, pm, {
      projectId: project.id,
      accountingCompanyId: vendor.id,
      number,
      title: `Foundations ${number}`,
      description: "",
      startDate: new Date("2026-06-01T00:00:00Z"),
      endDate: null,
      retainagePercent: 0,
      lines: [{ costCodeId: code.id, description: "Footings", amount: 12_345_00 }],
    });
    await submitItem(db, pm, "CONTRACT", id);
    await approveItem(db, pm2, "CONTRACT", id);
    contractIds[number] = id;
  }
  // SC-OB-3 gets a canopy that an approved change added: an invoice can bill it.
  const change = await saveContractChange(db, pm, {
    contractId: contractIds["SC-OB-3"] as string,
    number: "CC-1",
    title: "Canopy",
    reason: "",
    lines: [{ contractLineId: "", costCodeId: code.id, description: "Canopy", amount: 3_000_00 }],
  });
  await submitItem(db, pm, "CONTRACT_CHANGE", change.id);
  await approveItem(db, pm2, "CONTRACT_CHANGE", change.id);
  // Projects and cost codes as an admin would leave them; the O'Brien vendor is linked through the UI below.
  await linkDemoRecords(db, company.id);
  await db.$disconnect();

  const page = await browser.newPage();
  await signIn(page, FIDELITY_TENANT.admin);
  await page.goto("/settings/integrations/sage-intacct");
  await page.getByRole("button", { name: "Start Integration" }).click();
  await fillIntacctCredentials(page, { ...INTACCT_DEMO, companyId: INTACCT_SANDBOX });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("connection-badge")).toHaveText("Connected", { timeout: 30_000 });
  await page.getByLabel("Default item for PO and invoice lines").selectOption("SUBCONTRACT");
  await page.getByLabel("Default cost type").selectOption("SUB");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Sync settings saved.")).toBeVisible();
  await page.close();
});

async function openContract(page: Page, number: string) {
  await page.goto(`/projects/${projectId}/contracts/${contractIds[number]}`);
  await expect(page.getByRole("heading", { name: new RegExp(number) })).toBeVisible();
}

test("the vendor is suggested and linked by its real name, and the contract syncs showing it", async ({ page }) => {
  await signIn(page, FIDELITY_TENANT.admin);
  await page.goto("/contacts/accounting-companies");
  // Connecting loads the vendors in the background.
  const row = page
    .getByTestId("vendor-link-row")
    .filter({ has: page.getByRole("cell", { name: OBRIEN, exact: true }) });
  await expect(async () => {
    await page.reload();
    await expect(row.getByTestId("vendor-suggestion")).toContainText(`V-OBRIEN · ${OBRIEN}`, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByRole("button", { name: `Accept suggestion for ${OBRIEN}` }).click();
  await expect(row).toContainText(`V-OBRIEN · ${OBRIEN}`);
  await expect(page.locator("body")).not.toContainText("&#039;");

  await openContract(page, "SC-OB-1");
  await expect(page.getByTestId("preflight")).toContainText("V-OBRIEN");
  await expect(page.getByTestId("preflight")).toContainText(OBRIEN);
  await page.getByRole("button", { name: "Sync to Accounting" }).click();
  const confirmation = page.getByRole("status").filter({ hasText: "Successfully Synced" });
  await expect(confirmation).toBeVisible({ timeout: 30_000 });
  await expect(confirmation).toContainText("Purchase Order SC-OB-1");
  await expect(confirmation).not.toContainText("&#039;");
  // The contract shows the name as it is; only the admin's raw request/response XML shows Intacct's &#039;.
  await expect(page.getByText(OBRIEN, { exact: true }).first()).toBeVisible();
  const documents = (await (
    await fetch(`${readE2eInfo().mockUrl}/__mock/documents?company=${INTACCT_SANDBOX}`)
  ).json()) as {
    documents: { DOCNO: string; VENDORNAME: string }[];
  };
  expect(documents.documents.filter((d) => d.DOCNO === "SC-OB-1").map((d) => d.VENDORNAME)).toEqual([OBRIEN]);
});

test("an inactive vendor fails the sync with its fix, in plain words", async ({ page }) => {
  await upsertSandboxVendor("inactive");
  await signIn(page, FIDELITY_TENANT.pm);
  await openContract(page, "SC-OB-2");
  await page.getByRole("button", { name: "Sync to Accounting" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "V-OBRIEN" }).first();
  await expect(alert).toContainText(
    "Vendor 'V-OBRIEN' is missing or inactive in Sage Intacct — reactivate it there or relink the vendor in the app.",
    { timeout: 30_000 },
  );
  await expect(alert).toContainText("Nothing was posted to Sage Intacct.");
  await expect(alert).not.toContainText("&#039;");
  await upsertSandboxVendor("active");
});

test("a new invoice's due date follows its date and the payment terms, and it bills a line a change added", async ({
  page,
}) => {
  await signIn(page, FIDELITY_TENANT.pm);
  await page.goto(`/projects/${projectId}/invoices/new?contractId=${contractIds["SC-OB-3"]}`);
  await expect(page.getByText("Net 30 from the invoice date")).toBeVisible();
  await page.getByLabel("Invoice number").fill("INV-CANOPY");
  await page.getByLabel("Invoice date").fill("2026-07-31");
  await expect(page.getByLabel("Due date")).toHaveValue("2026-08-30");
  const options = page.getByLabel("Line 1 contract line").locator("option");
  await expect(options).toContainText([
    "1. 03-3000 Footings ($12,345.00 remaining)",
    "2. CC-1: 03-3000 Canopy ($3,000.00 remaining)",
  ]);
  await page
    .getByLabel("Line 1 contract line")
    .selectOption({ label: "2. CC-1: 03-3000 Canopy ($3,000.00 remaining)" });
  await page.getByLabel("Line 1 amount").fill("1200");
  // A due date set by hand stays when the invoice date changes.
  await page.getByLabel("Due date").fill("2026-08-15");
  await page.getByLabel("Invoice date").fill("2026-08-01");
  await expect(page.getByLabel("Due date")).toHaveValue("2026-08-15");
  await expect(page.getByText("Payment terms: Net 30")).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
  await expect(page.getByText("CC-1 line 1")).toBeVisible();
  await expect(page.getByText("Aug 15, 2026")).toBeVisible();
});
