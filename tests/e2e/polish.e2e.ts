// The linking issue's polish list, through the UI on its own copy of the demo company (POLISH_TENANT): the connect
// form flags every empty field at once, a keyboard-only walkthrough (connect, link a vendor, sync a contract),
// pickers that never cover their dialog's buttons, the header's action area after a sync, the ACR's width, and
// times in the company's time zone. Serial: each step builds on the last. The browser is in Denver, so the
// company's zone starts as the admin's browser zone.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { createDb } from "@/lib/db/client";
import { linkDemoRecords } from "../helpers/intacct-setup";
import { INTACCT_DEMO, mockDocuments, POLISH_TENANT, readE2eInfo } from "./fixtures";

test.describe.configure({ mode: "serial" });
test.use({ timezoneId: "America/Denver", viewport: { width: 1400, height: 900 } });

const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };
const VENDORS = "/contacts/accounting-companies";
// The tenant's SC-1001 under its own number, so other suites' "exactly one SC-1001" in the shared mock holds.
const CONTRACT_NO = "SC-8001";
const VENDOR = "Apex Concrete Inc.";

let riversideId = "";
let companyId = "";

/** The zone's short name now, as the app prints it ("MST", "CST"). */
function zoneName(timeZone: string): string {
  return (
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" })
      .formatToParts(new Date())
      .find((p) => p.type === "timeZoneName")?.value ?? timeZone
  );
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement).catch(() => false);
}

/** Presses Tab until `target` has focus: proof that the keyboard reaches it, in the page's own tab order. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < limit; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function signInWithKeyboard(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await page.keyboard.type("demo-password");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/projects$/);
}

/** The element on top at the middle of `locator` is it (or inside it): nothing covers it. */
async function expectOnTop(locator: Locator, what: string): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  const onTop = await locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  });
  expect(onTop, `${what} is covered`).toBe(true);
  // Playwright's own actionability check (visible, stable, enabled, receives the click), without clicking.
  await locator.click({ trial: true, timeout: 3_000 });
}

async function checkA11y(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
}

test.beforeAll(async () => {
  const db = createDb(readE2eInfo().databaseUrl);
  const company = await db.company.findFirstOrThrow({ where: { name: POLISH_TENANT.company } });
  companyId = company.id;
  // As an admin would leave it, except the one vendor the keyboard walkthrough links. The sync settings are
  // already chosen (they outlive a disconnect), so the keyboard connect is all that stands before a sync.
  await linkDemoRecords(db, company.id);
  await db.accountingCompany.updateMany({ where: { companyId, name: VENDOR }, data: { intacctVendorId: null } });
  await db.contract.updateMany({ where: { number: "SC-1001", project: { companyId } }, data: { number: CONTRACT_NO } });
  await db.integrationConnection.create({
    data: {
      companyId,
      provider: "SAGE_INTACCT",
      status: "DISCONNECTED",
      settings: {
        purchaseOrderDefinition: "Purchase Order",
        changeOrderDefinition: "PO Change Order",
        vendorInvoiceDefinition: "Vendor Invoice",
        defaultItemId: "SUBCONTRACT",
        defaultCostTypeId: "SUB",
      },
    },
  });
  riversideId = (await db.project.findFirstOrThrow({ where: { companyId, number: "P-1001" } })).id;
  await db.$disconnect();
});

test("Save flags every empty required field of the connect form at once", async ({ page }) => {
  await signInWithKeyboard(page, POLISH_TENANT.admin);
  await page.goto("/settings/integrations/sage-intacct");
  await page.getByRole("button", { name: "Start Integration" }).click();
  const fields = ["Company ID", "Sender ID", "Sender Password", "User ID", "User Password"];
  await page.getByRole("button", { name: "Save", exact: true }).click();
  for (const label of fields) {
    await expect(page.getByLabel(label, { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(`${label} is required`)).toBeVisible();
  }
  // The first empty field has focus; one filled field loses its mark as it is typed, the rest keep theirs.
  await expect(page.getByLabel("Company ID", { exact: true })).toBeFocused();
  await page.getByLabel("Company ID", { exact: true }).fill(INTACCT_DEMO.companyId);
  await expect(page.getByLabel("Company ID", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  for (const label of fields.slice(1))
    await expect(page.getByLabel(label, { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("connection-badge")).not.toHaveText("Connected");
});

test("keyboard only: connect, link a vendor with the picker, sync a contract", async ({ page }) => {
  test.setTimeout(120_000);
  await signInWithKeyboard(page, POLISH_TENANT.admin);

  // Connect: Start Integration puts the keyboard in the form; Enter in the last field saves.
  await page.goto("/settings/integrations/sage-intacct");
  await tabTo(page, page.getByRole("button", { name: "Start Integration" }));
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Company ID", { exact: true })).toBeFocused();
  for (const value of [
    INTACCT_DEMO.companyId,
    INTACCT_DEMO.senderId,
    INTACCT_DEMO.senderPassword,
    INTACCT_DEMO.userId,
    INTACCT_DEMO.userPassword,
  ]) {
    await page.keyboard.type(value);
    await page.keyboard.press("Tab");
  }
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("connection-badge")).toHaveText("Connected", { timeout: 30_000 });

  // Editing with blank passwords keeps the saved ones: Save flags no password.
  await tabTo(page, page.getByRole("button", { name: "Edit credentials" }));
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Company ID", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Sender Password", { exact: true })).toHaveValue("");
  await tabTo(page, page.getByRole("button", { name: "Save", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("The Sage Intacct integration was completed successfully.")).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByLabel("Sender Password", { exact: true })).toHaveCount(0);
  await expect(page.getByTestId("connection-badge")).toHaveText("Connected");

  // The connect loads the vendors in the background; wait until they are in.
  await page.goto(`${VENDORS}?q=${encodeURIComponent("Apex")}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("last-refreshed")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });

  // Link the vendor: the row's Link button, the picker (type, arrow, Enter), Save; focus comes back to the row.
  const linkButton = page.getByRole("button", { name: `Edit link of ${VENDOR}` });
  await tabTo(page, linkButton);
  await page.keyboard.press("Space");
  const dialog = page.getByRole("dialog", { name: "Edit Accounting Company link" });
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole("combobox", { name: "Sage vendor" }));
  await page.keyboard.type("V-1001");
  await expect(dialog.getByRole("listbox").getByRole("option").first()).toContainText("V-1001");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(dialog.getByTestId("link-vendor-selected")).toContainText("V-1001");
  await tabTo(page, dialog.getByRole("button", { name: "Save" }));
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${VENDOR} is linked to Sage vendor V-1001`)).toBeVisible();
  await expect(page.getByRole("button", { name: `Edit link of ${VENDOR}` })).toBeFocused();

  // Sync the contract: the contracts tab, the contract's link, Sync to Accounting.
  await page.goto(`/projects/${riversideId}/contracts`);
  await tabTo(page, page.getByRole("link", { name: CONTRACT_NO, exact: true }), 120);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/contracts\/[0-9a-f-]{36}$/);
  await tabTo(page, page.getByRole("button", { name: "Sync to Accounting" }));
  await page.keyboard.press("Space");
  const success = page.getByTestId("sync-success");
  await expect(success).toBeVisible({ timeout: 30_000 });
  await expect(success).toContainText(`Purchase Order ${CONTRACT_NO}`);
  expect((await mockDocuments()).filter((d) => d.DOCNO === CONTRACT_NO)).toHaveLength(1);

  // "Successfully Synced" stays in the header's action area, top right, beside the title, not under it.
  const header = page.getByTestId("page-header").filter({ has: page.getByTestId("item-actions") });
  const title = header.getByRole("heading", { level: 1 });
  const [titleBox, successBox, headerBox] = await Promise.all([
    title.boundingBox(),
    success.boundingBox(),
    header.boundingBox(),
  ]);
  if (!titleBox || !successBox || !headerBox) throw new Error("header not laid out");
  expect(successBox.x, "the box is right of the title").toBeGreaterThanOrEqual(titleBox.x + titleBox.width);
  expect(successBox.y, "the box is on the title's row").toBeLessThan(titleBox.y + titleBox.height);
  expect(Math.abs(successBox.x + successBox.width - (headerBox.x + headerBox.width))).toBeLessThanOrEqual(1);

  // On a phone it may stack, but it stays whole on screen and clear of the title.
  await page.setViewportSize(PHONE);
  const [phoneTitle, phoneSuccess] = await Promise.all([title.boundingBox(), success.boundingBox()]);
  if (!phoneTitle || !phoneSuccess) throw new Error("header not laid out");
  const overlaps =
    phoneSuccess.x < phoneTitle.x + phoneTitle.width &&
    phoneTitle.x < phoneSuccess.x + phoneSuccess.width &&
    phoneSuccess.y < phoneTitle.y + phoneTitle.height &&
    phoneTitle.y < phoneSuccess.y + phoneSuccess.height;
  expect(overlaps, "the box overlaps the title").toBe(false);
  expect(phoneSuccess.x).toBeGreaterThanOrEqual(0);
  expect(phoneSuccess.x + phoneSuccess.width).toBeLessThanOrEqual(PHONE.width);
  await page.setViewportSize(DESKTOP);

  // The company took the admin's browser zone at the first connect: the sync history's time is in it.
  await page.reload();
  await expect(page.getByTestId("sync-history")).toContainText(zoneName("America/Denver"));
  await checkA11y(page, "synced contract");
});

test("pickers in link dialogs never cover the dialog's buttons, on a laptop and a phone", async ({ page }) => {
  await signInWithKeyboard(page, POLISH_TENANT.pm);
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    // The vendor picker in "Edit Accounting Company link".
    await page.goto(`${VENDORS}?q=${encodeURIComponent("Blue Ridge")}`);
    await page.getByRole("button", { name: /^Edit link of Blue Ridge/ }).click();
    const vendorDialog = page.getByRole("dialog", { name: "Edit Accounting Company link" });
    await vendorDialog.getByRole("combobox", { name: "Sage vendor" }).focus();
    await expect(vendorDialog.getByRole("listbox").getByRole("option").nth(2)).toBeVisible();
    await expectOnTop(vendorDialog.getByRole("button", { name: "Save" }), `Save (${size.width})`);
    await expectOnTop(vendorDialog.getByRole("button", { name: "Cancel" }), `Cancel (${size.width})`);
    await page.keyboard.press("Escape"); // closes the list
    await page.keyboard.press("Escape"); // closes the dialog
    await expect(vendorDialog).toBeHidden();

    // The cost code picker in the ACR's ••• Edit.
    await page.goto(`/projects/${riversideId}/acr`);
    await page.getByRole("button", { name: "Actions for cost code 03-3000" }).click();
    await page.getByRole("menuitem", { name: "Edit" }).click();
    const codeDialog = page.getByRole("dialog", { name: "Edit cost code 03-3000" });
    await codeDialog.getByRole("combobox").focus();
    await expect(codeDialog.getByRole("listbox").getByRole("option").nth(2)).toBeVisible();
    await expectOnTop(codeDialog.getByRole("button", { name: "Save" }), `cost code Save (${size.width})`);
    await expectOnTop(codeDialog.getByRole("button", { name: "Cancel" }), `cost code Cancel (${size.width})`);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    // Closing hands focus back to the ••• button that opened it.
    await expect(page.getByRole("button", { name: "Actions for cost code 03-3000" })).toBeFocused();
  }
});

test("the ACR fits 1400×900 with Variance in view; on a phone the cost code column stays put", async ({ page }) => {
  await signInWithKeyboard(page, POLISH_TENANT.viewer);
  await page.goto(`/projects/${riversideId}/acr`);
  const scroller = page.getByTestId("acr-table").locator("div.overflow-x-auto");
  const fits = await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
  expect(fits, "the ACR scrolls sideways at 1400×900").toBe(true);
  const variance = page.getByRole("columnheader", { name: "Variance" });
  const box = await variance.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(DESKTOP.width);

  await page.setViewportSize(PHONE);
  await page.reload();
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  const firstCode = page.getByTestId("acr-cost-code").first();
  const [codeBox, scrollerBox] = await Promise.all([firstCode.boundingBox(), scroller.boundingBox()]);
  if (!codeBox || !scrollerBox) throw new Error("ACR not laid out");
  expect(codeBox.x).toBeGreaterThanOrEqual(scrollerBox.x - 1);
  expect(codeBox.x).toBeLessThan(scrollerBox.x + 24);
  await expectOnTop(firstCode, "the sticky cost code");
  await expect(page.getByTestId("acr-row").filter({ hasText: "03-3000" })).toContainText("$1,250,000");
});

test("an admin sets the company's time zone: times follow it, calendar dates do not move", async ({ page }) => {
  await signInWithKeyboard(page, POLISH_TENANT.admin);
  await page.goto("/settings/company");
  await checkA11y(page, "company settings");
  const zone = page.getByLabel("Company time zone");
  await expect(zone).toHaveValue("America/Denver");
  await zone.selectOption("Pacific/Honolulu");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("Time zone saved.")).toBeVisible();

  await page.goto("/settings/integrations/sage-intacct");
  await expect(page.getByTestId("audit-log")).toContainText("set the company's time zone");
  await expect(page.getByTestId("audit-log")).toContainText("America/Denver → Pacific/Honolulu");
  await expect(page.getByTestId("audit-log")).toContainText(zoneName("Pacific/Honolulu"));

  await page.goto(`/projects/${riversideId}/contracts`);
  await page.getByRole("link", { name: CONTRACT_NO, exact: true }).click();
  await expect(page.getByTestId("sync-history")).toContainText(zoneName("Pacific/Honolulu"));
  await expect(page.getByTestId("history")).toContainText(zoneName("Pacific/Honolulu"));
  // The contract's start is a calendar date (UTC midnight of Feb 16): still Feb 16 where it is Feb 15 afternoon.
  const start = page.locator("dl > div").filter({ has: page.locator("dt", { hasText: /^Start$/ }) });
  await expect(start.locator("dd")).toHaveText("Feb 16, 2026");

  // Back to the browser's zone for the screens that follow.
  await page.goto("/settings/company");
  await page.getByLabel("Company time zone").selectOption("America/Denver");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("Time zone saved.")).toBeVisible();
});

// The screenshot review (SCREENSHOTS=1): every screen this work touched and the guide's path, at 1400×900 and
// 390×844, saved under test-results/screenshots (git-ignored) to be looked at.
test("screenshots for review", async ({ page }) => {
  test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 to save the review's screenshots");
  test.setTimeout(240_000);
  const db = createDb(readE2eInfo().databaseUrl);
  const contract = await db.contract.findFirstOrThrow({ where: { number: CONTRACT_NO, project: { companyId } } });
  await db.$disconnect();
  const screens: [string, string, ((page: Page) => Promise<void>)?][] = [
    ["projects", "/projects"],
    ["budget", `/projects/${riversideId}/budget`],
    ["acr", `/projects/${riversideId}/acr`],
    ["contracts", `/projects/${riversideId}/contracts`],
    ["contract-synced", `/projects/${riversideId}/contracts/${contract.id}`],
    ["project-settings", `/projects/${riversideId}/settings`],
    ["accounting-sync", "/accounting-sync"],
    ["vendors", VENDORS],
    [
      "vendor-link-dialog",
      `${VENDORS}?q=Blue`,
      async (p) => {
        await p.getByRole("button", { name: /^Edit link of Blue Ridge/ }).click();
        await p.getByRole("combobox", { name: "Sage vendor" }).focus();
        await expect(p.getByRole("listbox").getByRole("option").nth(2)).toBeVisible();
      },
    ],
    ["cost-codes", "/lists/cost-codes"],
    ["integration-hub", "/settings/integrations"],
    ["sage-intacct", "/settings/integrations/sage-intacct"],
    [
      "connect-form-empty-save",
      "/settings/integrations/sage-intacct",
      async (p) => {
        await p.getByRole("button", { name: "Edit credentials" }).click();
        await p.getByLabel("Company ID", { exact: true }).fill("");
        await p.getByRole("button", { name: "Save", exact: true }).click();
      },
    ],
    ["company-settings", "/settings/company"],
  ];
  await signInWithKeyboard(page, POLISH_TENANT.admin);
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    for (const [name, path, prepare] of screens) {
      await page.goto(path);
      if (prepare) await prepare(page);
      await page.screenshot({ path: `test-results/screenshots/${size.width}/${name}.png`, fullPage: true });
    }
  }
});
