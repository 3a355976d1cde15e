// Linking accounting records through the UI against the mock Intacct: refresh, vendors (add, edit,
// duplicate confirmation, unlink, suggestions one by one and in bulk), project settings, cost codes from the catalog
// and from the Budget/ACR ••• menu, as admin, project manager and viewer. Runs on its own copy of the demo company
// (LINKS_TENANT) so other suites' connect/disconnect never race it; serial because each step builds on the last.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { connectIntacctThroughUi, LINKS_TENANT, openProject, signIn } from "./fixtures";

test.describe.configure({ mode: "serial" });

const VENDORS = "/contacts/accounting-companies";

function vendorRow(page: Page, name: string): Locator {
  return page.getByTestId("vendor-link-row").filter({ has: page.getByRole("cell", { name, exact: true }) });
}

async function pick(scope: Page | Locator, label: string, search: string, option: string | RegExp) {
  await scope.getByLabel(label, { exact: true }).fill(search);
  await scope.getByRole("option", { name: option }).click();
}

// Other suites set global mock faults for a moment (429, resets): a refresh that met one is simply run again.
async function refreshFromIntacct(page: Page) {
  await expect(async () => {
    await page.getByRole("button", { name: "Refresh from Intacct" }).click();
    await expect(page.getByTestId("refresh-panel")).toContainText(
      /Refreshing from Intacct…|Refresh from Intacct finished\./,
    );
    await expect(page.getByTestId("refresh-panel")).toContainText("Refresh from Intacct finished.", {
      timeout: 30_000,
    });
  }).toPass({ timeout: 90_000 });
}

test("connecting loads the Intacct records by itself; a refresh shows its progress and the time of the last refresh", async ({
  page,
}) => {
  await signIn(page, LINKS_TENANT.admin);
  await connectIntacctThroughUi(page);
  await page.goto(VENDORS);
  // No "Refresh from Intacct" needed first: the connect started loading every list in the background.
  await expect(page.getByTestId("refresh-panel")).not.toContainText("Intacct records have not been loaded yet");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("last-refreshed")).toContainText("UTC", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(vendorRow(page, "Apex Concrete Inc.")).toContainText("Not linked");
  await refreshFromIntacct(page);
  await expect(page.getByText("24 suggested matches by name or tax ID.")).toBeVisible();
  await expect(vendorRow(page, "Apex Concrete Inc.").getByTestId("vendor-suggestion")).toContainText(
    "V-1001 · Apex Concrete, Inc",
  );
  // One refresh fills every list: the cost code catalog is there too.
  await page.goto("/lists/cost-codes");
  await expect(page.getByTestId("last-refreshed")).toBeVisible();
  // A second refresh is incremental and keeps the page usable.
  await refreshFromIntacct(page);
});

test("an admin adds, edits and unlinks vendor links; inactive vendors are not offered; a second link needs confirmation", async ({
  page,
}) => {
  await signIn(page, LINKS_TENANT.admin);
  await page.goto(VENDORS);

  await page.getByRole("button", { name: "Add Accounting Company" }).click();
  let dialog = page.getByRole("dialog", { name: "Add Accounting Company" });
  await dialog.getByLabel("Accounting company", { exact: true }).selectOption({ label: "Apex Concrete Inc." });
  await pick(dialog, "Sage vendor", "apex", "V-1001 · Apex Concrete, Inc");
  await expect(dialog.getByTestId("link-vendor-selected")).toContainText("V-1001 · Apex Concrete, Inc");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "Apex Concrete Inc. is linked to Sage vendor V-1001 · Apex Concrete, Inc." }),
  ).toBeVisible();
  await expect(vendorRow(page, "Apex Concrete Inc.")).toContainText("V-1001 · Apex Concrete, Inc");

  // V-1022 Peak Demolition is inactive in Intacct: never offered for a new link.
  await page.getByRole("button", { name: "Add Accounting Company" }).click();
  dialog = page.getByRole("dialog", { name: "Add Accounting Company" });
  await dialog.getByLabel("Accounting company", { exact: true }).selectOption({ label: "Peak Demolition" });
  await dialog.getByLabel("Sage vendor", { exact: true }).fill("peak");
  await expect(dialog.getByRole("listbox")).toContainText("No active Intacct records match");
  // Linking the vendor Apex already uses asks first.
  await pick(dialog, "Sage vendor", "V-1001", "V-1001 · Apex Concrete, Inc");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("is already linked to Apex Concrete Inc.")).toBeVisible();
  await expect(vendorRow(page, "Peak Demolition")).toContainText("Not linked");
  await dialog.getByRole("button", { name: "Link anyway" }).click();
  await expect(dialog).toBeHidden();
  await expect(vendorRow(page, "Peak Demolition")).toContainText("Also linked to another accounting company");

  await page.getByRole("button", { name: "Edit link of Peak Demolition" }).click();
  dialog = page.getByRole("dialog", { name: "Edit Accounting Company link" });
  await expect(dialog.getByLabel("Accounting company", { exact: true })).toBeDisabled();
  await pick(dialog, "Sage vendor", "xcel", "V-1026 · Xcel Energy");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(vendorRow(page, "Peak Demolition")).toContainText("V-1026 · Xcel Energy");

  await page.getByRole("button", { name: "Unlink Peak Demolition" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Peak Demolition is no longer linked" })).toBeVisible();
  await expect(vendorRow(page, "Peak Demolition")).toContainText("Not linked");
});

test("a project manager accepts one suggestion, then links all suggested with a summary", async ({ page }) => {
  await signIn(page, LINKS_TENANT.pm);
  await page.goto(VENDORS);
  await expect(page.getByText("23 suggested matches")).toBeVisible();
  await page.getByRole("button", { name: "Accept suggestion for Front Range Plumbing & Heating" }).click();
  await expect(vendorRow(page, "Front Range Plumbing & Heating")).toContainText(
    "V-1004 · Front Range Plumbing and Heating",
  );
  await expect(page.getByText("22 suggested matches")).toBeVisible();
  await page.getByRole("button", { name: "Link all suggested" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Linked 22 accounting companies to Sage vendors. 1 not linked." }),
  ).toBeVisible();
  await expect(vendorRow(page, "Metro Flooring Inc")).toContainText("V-1017 · METRO FLOORING INC");
  await expect(vendorRow(page, "Peak Demolition")).toContainText("Not linked");
  await expect(page.getByRole("button", { name: "Link all suggested" })).toHaveCount(0);
});

test("a project manager links the project, entity and GL account, warned when the project belongs to another entity", async ({
  page,
}) => {
  await signIn(page, LINKS_TENANT.pm);
  const projectId = await openProject(page);
  await page.goto(`/projects/${projectId}/settings`);
  const form = page.locator("form").filter({ has: page.getByLabel("External Project", { exact: true }) });
  await pick(form, "External Project", "P-1001", /^P-1001 · /);
  await pick(form, "External Accounting Entity", "E200", /^E200 · /);
  await expect(
    form.getByRole("status").filter({ hasText: "Intacct project P-1001 belongs to entity E100, not E200." }),
  ).toBeVisible();
  await form.getByRole("button", { name: "Clear External Accounting Entity" }).click();
  await pick(form, "External Accounting Entity", "E100", /^E100 · /);
  await expect(form.getByText("belongs to entity")).toHaveCount(0);
  await pick(form, "GL Account", "5000", /^5000 · /);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status").filter({ hasText: "Integration settings saved." })).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("intacct-project-selected")).toContainText("P-1001");
  await expect(page.getByTestId("intacct-entity-selected")).toContainText("E100");
  await expect(page.getByTestId("intacct-gl-account-selected")).toContainText("5000 · Cost of Goods Sold");
});

test("a project manager sets a Connected Accounting Cost Code from the budget's ••• menu; the catalog and the ACR show the same link", async ({
  page,
}) => {
  await signIn(page, LINKS_TENANT.pm);
  const projectId = await openProject(page);
  await page.goto(`/projects/${projectId}/budget`);
  await page.getByRole("button", { name: "Actions for cost code 01-3100" }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit cost code 01-3100" });
  await expect(dialog.getByText("Suggested: 01-3100 · ")).toBeVisible();
  await pick(dialog, "Connected Accounting Cost Code", "allowances", "01-9200 · Allowances");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(
    dialog.getByRole("status").filter({ hasText: "01-3100 is connected to 01-9200 · Allowances." }),
  ).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  await page.goto("/lists/cost-codes?q=01-3100");
  await expect(page.getByTestId("cost-code-row").filter({ hasText: "01-3100" })).toContainText("01-9200 · Allowances");

  await page.goto(`/projects/${projectId}/acr`);
  await page.getByRole("button", { name: "Actions for cost code 01-3100" }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  await expect(
    page.getByRole("dialog", { name: "Edit cost code 01-3100" }).getByText("01-9200 · Allowances"),
  ).toBeVisible();
});

test("an admin links cost codes in the catalog: one suggestion, one ••• Edit of a code absent from Intacct, then all suggestions", async ({
  page,
}) => {
  await signIn(page, LINKS_TENANT.admin);
  await page.goto("/lists/cost-codes");
  await expect(
    page.getByRole("status").filter({ hasText: "5 cost codes have no Connected Accounting Cost Code" }),
  ).toContainText("will sync to Intacct without a cost code");
  await page.getByRole("button", { name: "Accept suggestion for 01-1000" }).click();
  await expect(page.getByTestId("cost-code-row").filter({ hasText: "01-1000" })).toContainText(
    "01-1000 · General Requirements",
  );

  await page.goto("/lists/cost-codes?q=32-9000");
  const row = page.getByTestId("cost-code-row").filter({ hasText: "32-9000" });
  await expect(row).toContainText("Not in Intacct — syncs without a cost code");
  // The guide's tip: Lists & Templates → Project Cost Codes, then the same ••• → Edit as on a budget.
  await row.getByRole("button", { name: "Actions for cost code 32-9000" }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit cost code 32-9000" });
  await pick(dialog, "Connected Accounting Cost Code", "contingency", "01-9100 · Contingency");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(
    dialog.getByRole("status").filter({ hasText: "32-9000 is connected to 01-9100 · Contingency." }),
  ).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(row).toContainText("01-9100 · Contingency");

  await page.goto("/lists/cost-codes");
  await expect(page.getByText("53 suggested matches by code or name.")).toBeVisible();
  await page.getByRole("button", { name: "Accept all suggestions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connected 53 cost codes to Intacct." })).toContainText(
    "4 not connected.",
  );
  await expect(
    page.getByRole("status").filter({ hasText: "4 cost codes have no Connected Accounting Cost Code" }),
  ).toBeVisible();
  await expect(page.getByTestId("cost-code-row").filter({ hasText: "03-3000" })).toContainText(
    "03-3000 · Cast-In-Place Concrete",
  );
});

test("a viewer sees every link read-only", async ({ page }) => {
  await signIn(page, LINKS_TENANT.viewer);
  await page.goto(VENDORS);
  await expect(vendorRow(page, "Apex Concrete Inc.")).toContainText("V-1001 · Apex Concrete, Inc");
  await expect(vendorRow(page, "Peak Demolition")).toContainText("Not linked");
  for (const name of [
    "Add Accounting Company",
    "Link all suggested",
    "Refresh from Intacct",
    "Unlink Apex Concrete Inc.",
  ])
    await expect(page.getByRole("button", { name })).toHaveCount(0);

  const projectId = await openProject(page);
  await page.goto(`/projects/${projectId}/settings`);
  await expect(page.getByTestId("intacct-project-selected")).toContainText("P-1001");
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByRole("combobox")).toHaveCount(0);

  await page.goto("/lists/cost-codes?q=01-3100");
  await expect(page.getByTestId("cost-code-row")).toContainText("01-9200 · Allowances");
  await expect(page.getByRole("button", { name: /^Edit|^Accept/ })).toHaveCount(0);

  await page.goto(`/projects/${projectId}/budget`);
  await page.getByRole("button", { name: "Actions for cost code 01-3100" }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit cost code 01-3100" });
  await expect(dialog.getByText("01-9200 · Allowances")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(dialog.getByText("Your role can view links but not change them.")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
});
