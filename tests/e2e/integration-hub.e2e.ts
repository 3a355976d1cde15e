// Company Settings → Integration Hub → Sage Intacct, against the mock Intacct. Serial: the demo company has
// one connection, and the mock's faults are global.
import { spawnSync } from "node:child_process";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import {
  fillIntacctCredentials as fillCredentials,
  INTACCT_DEMO,
  INTACCT_SANDBOX,
  readE2eInfo,
  resetMockFaults,
  setMockFaults,
  signIn,
  USERS,
} from "./fixtures";

test.describe.configure({ mode: "serial" });

const DEMO: Record<keyof typeof INTACCT_DEMO, string> = { ...INTACCT_DEMO };
const SECRETS = [DEMO.senderPassword, DEMO.userPassword, "wrong-sender-pass", "wrong-user-pass"];
const PAGE = "/settings/integrations/sage-intacct";

// Every server response the page receives is checked for a password.
function watchResponses(page: Page): string[] {
  const leaks: string[] = [];
  page.on("response", async (response) => {
    const body = await response.text().catch(() => "");
    for (const secret of SECRETS) if (body.includes(secret)) leaks.push(`${response.url()} contains ${secret}`);
  });
  return leaks;
}

async function connectionRows(): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: readE2eInfo().databaseUrl });
  await client.connect();
  try {
    // The demo company's only: the linking and sync suites connect their own tenants in parallel.
    return (
      await client.query(
        `select c.* from "IntegrationConnection" c join "Company" co on co.id = c."companyId" where co.name = 'Demo Construction Co'`,
      )
    ).rows;
  } finally {
    await client.end();
  }
}

// The demo company's vendor links; with `link`, first links one vendor so there is something to keep.
async function linkedVendorCount(options: { link: boolean }): Promise<number> {
  const client = new pg.Client({ connectionString: readE2eInfo().databaseUrl });
  await client.connect();
  try {
    if (options.link) {
      await client.query(
        `update "AccountingCompany" a set "intacctVendorId" = 'V-1001' from "Company" c where c.id = a."companyId" and c.name = 'Demo Construction Co' and a.name = 'Apex Concrete Inc.' and a."intacctVendorId" is null`,
      );
    }
    return Number(
      (
        await client.query(
          `select count(*) from "AccountingCompany" a join "Company" c on c.id = a."companyId" where c.name = 'Demo Construction Co' and a."intacctVendorId" is not null`,
        )
      ).rows[0].count,
    );
  } finally {
    await client.end();
  }
}

test.afterEach(async () => resetMockFaults());

test("a project manager gets the 403 page", async ({ page }) => {
  await signIn(page, USERS.pm);
  expect((await page.goto(PAGE))?.status()).toBe(403);
  expect((await page.goto("/settings/integrations"))?.status()).toBe(403);
});

test("each failure class names what is wrong and stores nothing", async ({ page }) => {
  const leaks = watchResponses(page);
  await signIn(page, USERS.admin);
  await page.goto("/settings/integrations");
  await expect(page.getByTestId("connection-badge")).toHaveText("Not connected");
  await page.getByRole("link", { name: "Sage Intacct" }).click();
  await expect(page.getByRole("list", { name: "Prerequisites" })).toContainText("Web Services license");
  await page.getByRole("button", { name: "Start Integration" }).click();

  const cases: {
    name: string;
    values: Partial<typeof DEMO>;
    fault?: Record<string, unknown>;
    title: RegExp;
    message: RegExp;
  }[] = [
    {
      name: "wrong sender password",
      values: { ...DEMO, senderPassword: "wrong-sender-pass" },
      title: /Web Services not activated, or Sender ID \/ Sender Password wrong/,
      message: /contact your Sage Intacct account manager/,
    },
    {
      name: "sender not authorized",
      values: { ...DEMO, companyId: "NO-WEBSERVICES" },
      title: /Sender ID not authorized for this company/,
      message: /Web Services authorizations/,
    },
    {
      name: "wrong user password",
      values: { ...DEMO, userPassword: "wrong-user-pass" },
      title: /User ID, User Password or Company ID is incorrect/,
      message: /check the Company ID/,
    },
    // Faults go to the sandbox company only: other suites sync against the demo company at the same time.
    {
      name: "Intacct unreachable",
      values: { ...DEMO, companyId: INTACCT_SANDBOX },
      fault: { company: INTACCT_SANDBOX, rateReset: 1 },
      title: /could not be reached/,
      message: /Nothing was changed/,
    },
    {
      name: "rate limited",
      values: { ...DEMO, companyId: INTACCT_SANDBOX },
      fault: { company: INTACCT_SANDBOX, rate429: 1 },
      title: /rate limiting/,
      message: /Nothing was changed/,
    },
  ];
  for (const c of cases) {
    if (c.fault) await setMockFaults(c.fault);
    await fillCredentials(page, c.values);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const alert = page.getByRole("alert").filter({ hasText: c.title });
    await expect(alert, c.name).toBeVisible({ timeout: 30_000 });
    await expect(alert, c.name).toContainText(c.message);
    await expect(page.getByLabel("Company ID"), c.name).toHaveValue(c.values.companyId ?? "");
    await expect(page.getByLabel("User ID"), c.name).toHaveValue(c.values.userId ?? "");
    // A passing failure (busy, unreachable) keeps the passwords, so Save can simply be clicked again; a failure
    // that names a credential clears them.
    const kept = c.fault !== undefined;
    await expect(page.getByLabel("Sender Password", { exact: true }), c.name).toHaveValue(
      kept ? (c.values.senderPassword ?? "") : "",
    );
    await expect(page.getByLabel("User Password", { exact: true }), c.name).toHaveValue(
      kept ? (c.values.userPassword ?? "") : "",
    );
    await resetMockFaults();
  }
  expect(await connectionRows()).toHaveLength(0);
  await expect(page.getByTestId("connection-badge")).toHaveText("Not connected");
  await page.reload();
  await expect(page.getByTestId("audit-log")).toContainText("failed");
  expect(leaks).toEqual([]);
});

test("the demo credentials connect: green banner, Connected badge, probes, and no plaintext secret anywhere", async ({
  page,
}) => {
  const leaks = watchResponses(page);
  await signIn(page, USERS.admin);
  await page.goto(PAGE);
  await page.getByRole("button", { name: "Start Integration" }).click();
  await fillCredentials(page, DEMO);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "The Sage Intacct integration was completed successfully." }),
  ).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("connection-badge")).toHaveText("Connected");
  await expect(page.getByTestId("probes")).toContainText("Vendors");
  await expect(page.getByTestId("probes")).toContainText("Transaction definition 'Vendor Invoice'");
  await expect(page.getByText("Endpoint")).toBeVisible();
  const html = await page.content();
  for (const secret of SECRETS) expect(html).not.toContain(secret);

  const rows = await connectionRows();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    status: "CONNECTED",
    externalCompanyId: DEMO.companyId,
    senderId: DEMO.senderId,
    userId: DEMO.userId,
  });
  const serialized = JSON.stringify(rows);
  for (const secret of SECRETS) expect(serialized).not.toContain(secret);
  expect(String(rows[0]?.encryptedSecrets)).toMatch(/^v1:/);

  // The database's files on disk hold no plaintext password either (embedded server only).
  const { dataDir, databaseUrl } = readE2eInfo();
  if (dataDir) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query("checkpoint");
    await client.end();
    for (const secret of [DEMO.senderPassword, DEMO.userPassword]) {
      // grep exits 1 when nothing matches, 0 when a file holds the text.
      const grep = spawnSync("grep", ["-rl", "--binary-files=text", secret, dataDir], { encoding: "utf8" });
      expect(grep.status, `plaintext ${secret} in ${grep.stdout}`).toBe(1);
    }
  }
  await page.goto("/settings/integrations");
  await expect(page.getByTestId("connection-badge")).toHaveText("Connected");
  expect(leaks).toEqual([]);
});

test("sync settings, edit with blank passwords, test, disconnect and reconnect", async ({ page }) => {
  const leaks = watchResponses(page);
  await signIn(page, USERS.admin);
  await page.goto(PAGE);
  await expect(page.getByLabel("Contracts sync as")).toHaveValue("Purchase Order");
  // Until the default item is chosen, the page says it is the one step left before purchasing documents sync.
  const nextStep = page
    .getByRole("status")
    .filter({ hasText: "One more step before contracts, contract changes and invoices can sync" });
  await expect(nextStep).toBeVisible();
  await page.getByLabel("Default item for PO and invoice lines").selectOption({ index: 1 });
  const item = await page.getByLabel("Default item for PO and invoice lines").inputValue();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sync settings saved." })).toBeVisible();
  await expect(nextStep).toBeHidden();

  await page.getByRole("button", { name: "Edit credentials" }).click();
  await expect(page.getByLabel("Sender Password", { exact: true })).toHaveValue("");
  await expect(page.getByText("Leave blank to keep the saved password").first()).toBeVisible();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "completed successfully" })).toBeVisible({ timeout: 30_000 });

  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The connection to Sage Intacct works." })).toBeVisible({
    timeout: 30_000,
  });

  // A link made before disconnecting must survive it.
  const linkedBefore = await linkedVendorCount({ link: true });
  await page.getByRole("button", { name: "Disconnect" }).click();
  await page.getByRole("button", { name: "Yes, disconnect" }).click();
  await expect(page.getByRole("status").filter({ hasText: "disconnected" })).toBeVisible();
  await expect(page.getByTestId("connection-badge")).toHaveText("Not connected");
  const [row] = await connectionRows();
  expect(row?.encryptedSecrets).toBeNull();

  await page.getByRole("button", { name: "Start Integration" }).click();
  await expect(page.getByLabel("Company ID")).toHaveValue(DEMO.companyId);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Sender Password is required")).toBeVisible();
  await fillCredentials(page, { senderPassword: DEMO.senderPassword, userPassword: DEMO.userPassword });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "completed successfully" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel("Default item for PO and invoice lines")).toHaveValue(item);
  await expect(page.getByTestId("audit-log")).toContainText("disconnected Sage Intacct");
  expect(await linkedVendorCount({ link: false })).toBe(linkedBefore);
  expect(leaks).toEqual([]);
});
