import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

export const PASSWORD = "demo-password";
export const USERS = {
  admin: "admin@demo.build",
  pm: "pm@demo.build",
  pm2: "pm2@demo.build",
  viewer: "viewer@demo.build",
  accountant: "accountant@demo.build",
} as const;
export const OTHER_TENANT = { company: "Northwind Builders", admin: "admin@northwind.test" } as const;
export const SYNC_TENANT = {
  company: "Sync Test Construction",
  domain: "sync.build",
  admin: "admin@sync.build",
  pm: "pm@sync.build",
  viewer: "viewer@sync.build",
} as const;
export const LINKS_TENANT = {
  company: "Links Test Construction",
  domain: "links.build",
  admin: "admin@links.build",
  pm: "pm@links.build",
  viewer: "viewer@links.build",
} as const;
// The "linking that finishes the job" suite's copy (linking-finish.e2e.ts): imports, creates in Intacct, adds tasks.
export const FINISH_TENANT = {
  company: "Finish Test Construction",
  domain: "finish.build",
  admin: "admin@finish.build",
  pm: "pm@finish.build",
  viewer: "viewer@finish.build",
} as const;
// The Intacct fidelity suite's copy (fidelity.e2e.ts), connected to the mock's sandbox company, whose data it may
// change (a vendor named O'Brien) without touching what the other suites read.
export const FIDELITY_TENANT = {
  company: "Fidelity Test Construction",
  domain: "fidelity.build",
  admin: "admin@fidelity.build",
  pm: "pm@fidelity.build",
  pm2: "pm2@fidelity.build",
} as const;
// The Accounting sync suite's copy (accounting-sync.e2e.ts): it sends to the mock's sandbox company, so its
// documents never meet the sync suite's in the demo company.
export const BULK_TENANT = {
  company: "Bulk Sync Construction",
  domain: "bulk.build",
  admin: "admin@bulk.build",
  pm: "pm@bulk.build",
  pm2: "pm2@bulk.build",
  viewer: "viewer@bulk.build",
} as const;
// The accounting review suite's copy (accounting-review.e2e.ts): it turns "Accounting reviews before sync" on, so
// no other suite's project manager meets the gate. It sends only contracts of its own numbers to the demo company.
export const REVIEW_TENANT = {
  company: "Review Test Construction",
  domain: "review.build",
  admin: "admin@review.build",
  pm: "pm@review.build",
  pm2: "pm2@review.build",
  accountant: "accountant@review.build",
} as const;
// The polish suite's copy (polish.e2e.ts): connects with the keyboard only, links, syncs and checks layouts.
export const POLISH_TENANT = {
  company: "Polish Test Construction",
  domain: "polish.build",
  admin: "admin@polish.build",
  pm: "pm@polish.build",
  viewer: "viewer@polish.build",
} as const;
// The read-back suite's copy (readback.e2e.ts): connected to a mock company of its own (READBACK_MOCK_COMPANY, a copy
// of the sandbox the e2e server adds), where it plays the accountant (approve, pay, change, delete) without touching
// what the other suites read.
export const READBACK_TENANT = {
  company: "Readback Test Construction",
  domain: "readback.build",
  admin: "admin@readback.build",
  pm: "pm@readback.build",
  viewer: "viewer@readback.build",
} as const;
export const READBACK_MOCK_COMPANY = "READBACK-CONSTRUCTION";
export const INTACCT_DEMO = {
  companyId: "DEMO-CONSTRUCTION",
  senderId: "ingenious_build",
  senderPassword: "demo-sender-pass",
  userId: "xml_gateway",
  userPassword: "demo-user-pass",
} as const;

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects$/);
}

export async function openProject(page: Page, name = "Riverside Medical Office Building"): Promise<string> {
  await page.goto("/projects");
  await page.getByRole("link", { name }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  const match = /\/projects\/([0-9a-f-]{36})/.exec(page.url());
  if (!match?.[1]) throw new Error(`no project id in ${page.url()}`);
  return match[1];
}

/** `appLog`: the app's log (JSON lines); `sessionIdsFile`: every Intacct session id the mock issued, as JSON. */
export type E2eInfo = {
  databaseUrl: string;
  dataDir: string | null;
  mockUrl: string;
  appLog: string;
  sessionIdsFile: string;
};

export function e2eInfoFile(port: number): string {
  return path.join(tmpdir(), `ib-e2e-${port}.json`);
}

/** What the e2e server saw go wrong in the app's output (one line each); the global teardown fails the run on it. */
export function e2eServerProblemsFile(port: number): string {
  return path.join(tmpdir(), `ib-e2e-${port}-problems.txt`);
}

export function readE2eInfo(): E2eInfo {
  return JSON.parse(readFileSync(e2eInfoFile(Number(process.env.E2E_PORT ?? 3100)), "utf8")) as E2eInfo;
}

export async function setMockFaults(patch: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${readE2eInfo().mockUrl}/__mock/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(patch),
  });
  if (!response.ok) throw new Error(`mock faults: ${response.status} ${await response.text()}`);
}

/**
 * The demo company's sandbox in the mock: tests that inject faults scope them to it ({ company: INTACCT_SANDBOX, … }),
 * so the suites syncing against the demo company at the same time never meet them.
 */
export const INTACCT_SANDBOX = "DEMO-CONSTRUCTION-SANDBOX";

export async function resetMockFaults(): Promise<void> {
  await setMockFaults({ company: INTACCT_SANDBOX, clear: true });
}

export async function fillIntacctCredentials(
  page: Page,
  values: Partial<Record<keyof typeof INTACCT_DEMO, string>>,
): Promise<void> {
  const fields = [
    ["Company ID", "companyId"],
    ["Sender ID", "senderId"],
    ["Sender Password", "senderPassword"],
    ["User ID", "userId"],
    ["User Password", "userPassword"],
  ] as const;
  for (const [label, key] of fields) {
    const value = values[key];
    if (value !== undefined) await page.getByLabel(label, { exact: true }).fill(value);
  }
}

// Connects the signed-in admin's company to the mock Intacct through the UI, if it is not connected yet.
export async function connectIntacctThroughUi(page: Page, companyId: string = INTACCT_DEMO.companyId): Promise<void> {
  await page.goto("/settings/integrations/sage-intacct");
  if ((await page.getByTestId("connection-badge").textContent()) === "Connected") return;
  await page.getByRole("button", { name: "Start Integration" }).click();
  await fillIntacctCredentials(page, { ...INTACCT_DEMO, companyId });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("connection-badge")).toHaveText("Connected", { timeout: 30_000 });
}

export async function mockDocuments(company: string = INTACCT_DEMO.companyId): Promise<
  {
    DOCPARID: string;
    DOCNO: string;
    DOCID: string;
    RECORDNO: string;
    VENDORID: string;
    STATE: string;
    CREATEDFROM?: string;
    entries: Record<string, string>[];
  }[]
> {
  const response = await fetch(`${readE2eInfo().mockUrl}/__mock/documents?company=${encodeURIComponent(company)}`);
  return ((await response.json()) as { documents: never[] }).documents;
}

export async function mockEstimates(
  company: string = INTACCT_DEMO.companyId,
): Promise<{ PJESTIMATEID: string; PROJECTID: string; entries: Record<string, string>[] }[]> {
  const response = await fetch(`${readE2eInfo().mockUrl}/__mock/estimates?company=${encodeURIComponent(company)}`);
  return ((await response.json()) as { estimates: never[] }).estimates;
}
