// The status check end to end against the mock Intacct playing the accountant (POST /__mock/accountant): one probe
// request (PODOCUMENT, APBILL, AUDITHISTORY, PJESTIMATEENTRY), batched reads of what changed, and what we store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { getContractLineBalances } from "@/lib/financials/contract-balances";
import { saveContract } from "@/lib/financials/contracts";
import { saveInvoice } from "@/lib/financials/invoices";
import type { ItemType } from "@/lib/generated/prisma/enums";
import { describeRemoteStatus } from "@/lib/sync/remote-status";
import { formatGenericTimestamp } from "@/lib/intacct";
import { runStatusCheck, sendAgainAsNewDocument } from "@/lib/sync/status-check";
import { controlIdFor, syncItem } from "@/lib/sync/sync-service";
import type { AccountantAction } from "@/tools/mock-intacct";
import { type ConnectedDemo, setUpConnectedDemo } from "../../helpers/intacct-setup";
import { createTestDb, type TestDb } from "../../helpers/test-db";

let t: TestDb;
let demo: ConnectedDemo;

beforeAll(async () => {
  t = await createTestDb();
  demo = await setUpConnectedDemo(t.db);
}, 60_000);
afterAll(async () => {
  await demo?.mock.close();
  await t?.drop();
});

async function approve(itemType: ItemType, id: string) {
  await submitItem(t.db, demo.pm, itemType, id);
  await approveItem(t.db, demo.pm2, itemType, id);
}

let sequence = 0;
async function syncedContract(amounts: number[]) {
  const project = await t.db.project.findFirstOrThrow({ where: { companyId: demo.companyId, number: "P-1001" } });
  const vendor = await t.db.accountingCompany.findFirstOrThrow({
    where: { companyId: demo.companyId, intacctVendorId: { not: null } },
    orderBy: { name: "asc" },
  });
  const code = await t.db.costCode.findFirstOrThrow({ where: { companyId: demo.companyId, code: "03-3000" } });
  const { id } = await saveContract(t.db, demo.pm, {
    projectId: project.id,
    accountingCompanyId: vendor.id,
    number: `SC-RB-${++sequence}`,
    title: "Read-back",
    description: "",
    startDate: new Date("2026-06-01T00:00:00Z"),
    endDate: null,
    retainagePercent: 0,
    lines: amounts.map((amount, i) => ({ costCodeId: code.id, description: `Work ${i + 1}`, amount })),
  });
  await approve("CONTRACT", id);
  const outcome = await syncItem(t.db, demo.pm, "CONTRACT", id);
  expect(outcome.state).toBe("SYNCED");
  return { id, key: outcome.intacctKey, vendorId: vendor.intacctVendorId };
}

async function syncedInvoice(amount: number) {
  const contract = await syncedContract([amount]);
  const [line] = await getContractLineBalances(t.db, demo.pm, contract.id);
  const invoice = await saveInvoice(t.db, demo.pm, {
    contractId: contract.id,
    number: `INV-RB-${++sequence}`,
    invoiceDate: new Date("2026-11-01T00:00:00Z"),
    dueDate: new Date("2026-12-01T00:00:00Z"),
    retainagePercent: 0,
    lines: [{ contractLineId: line!.id, description: "All of it", amount }],
  });
  await approve("INVOICE", invoice.id);
  const outcome = await syncItem(t.db, demo.pm, "INVOICE", invoice.id);
  expect(outcome.state).toBe("SYNCED");
  return { id: invoice.id, key: outcome.intacctKey };
}

const accountant = (action: AccountantAction) => demo.mock.accountant(action);
const record = (itemId: string) => t.db.syncRecord.findFirstOrThrow({ where: { companyId: demo.companyId, itemId } });
const badge = async (itemId: string) => describeRemoteStatus(await record(itemId), "Intacct");
/** A check, and the gateway requests it sent (the mock's request log). */
async function check() {
  demo.mock.clearRequests();
  const outcome = await runStatusCheck(t.db, demo.companyId);
  return { ...outcome, gatewayRequests: demo.mock.listRequests().requests.length };
}

describe("the status check against the mock Intacct", () => {
  it("approve → Approved; pay half → Partially paid; pay the rest → Paid", async () => {
    const invoice = await syncedInvoice(275_000_00);
    await check();
    expect((await record(invoice.id)).intacctState).toBe("Submitted");

    accountant({ action: "approve", docid: invoice.key });
    await check();
    expect((await badge(invoice.id))?.label).toBe("Approved in Intacct");
    expect((await record(invoice.id)).billKey).not.toBe("");

    accountant({ action: "pay", docid: invoice.key, amount: "100000.00", date: "11/20/2026" });
    await check();
    expect((await badge(invoice.id))?.label).toBe("Partially paid $100,000.00 of $275,000.00");

    accountant({ action: "pay", docid: invoice.key, amount: "175000.00", date: "12/01/2026" });
    await check();
    expect((await badge(invoice.id))?.label).toBe("Paid Dec 1, 2026");
    expect(await record(invoice.id)).toMatchObject({
      billState: "Paid",
      paidCents: BigInt(275_000_00),
      dueCents: BigInt(0),
      paidAt: new Date("2026-12-01T00:00:00Z"),
    });
  });

  it("a decline tells the submitter in the badge's words: declined in Intacct", async () => {
    const invoice = await syncedInvoice(12_000_00);
    await check();
    accountant({ action: "decline", docid: invoice.key, comment: "Wrong amount" });
    expect((await check()).declined).toBe(1);
    expect((await badge(invoice.id))?.label).toBe("Declined in Intacct");
    const notice = await t.db.notice.findFirstOrThrow({
      where: { companyId: demo.companyId, userId: demo.pm.id, kind: "remote-declined" },
      orderBy: { createdAt: "desc" },
    });
    expect(notice.title).toMatch(/^Your invoice INV-RB-\d+ was declined in Intacct$/i);
    expect(notice.body).toMatch(/was declined in Intacct\./);
    expect(`${notice.title} ${notice.body}`).not.toContain("Sage Intacct");
  });

  it("a changed document is CHANGED with the difference; a deleted one DELETED", async () => {
    const contract = await syncedContract([60_000_00, 40_000_00]);
    const other = await syncedContract([10_000_00]);
    await check();
    accountant({ action: "change", docid: contract.key, line: 2, amount: "45000.00" });
    const changed = await check();
    expect(changed.drifted).toBe(1);
    expect(await badge(contract.id)).toMatchObject({
      label: "Changed in Intacct",
      differences: [
        { field: "Total", ours: "$100,000.00", theirs: "$105,000.00" },
        { field: "Line 2 amount", ours: "$40,000.00", theirs: "$45,000.00" },
      ],
    });

    accountant({ action: "delete", docid: other.key });
    const deleted = await check();
    expect(deleted.deleted).toBe(1);
    expect((await badge(other.id))?.label).toBe("Deleted in Intacct");
    // The changed one stays changed: a deletion elsewhere says nothing about it.
    expect((await record(contract.id)).drift).toBe("CHANGED");
  });

  it("nothing changed: exactly one request", async () => {
    await syncedContract([5_000_00]);
    await check();
    // A document read in the second it was stamped is read once more (its stamp could hide a second edit within
    // that second); from then on a check that finds nothing new costs one request.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await check();
    const outcome = await check();
    expect(outcome).toMatchObject({ changed: 0, requests: 1, gatewayRequests: 1 });
  });

  it("send again as a new document: old control ids never reused; one live and one deleted document", async () => {
    const contract = await syncedContract([7_000_00]);
    await check();
    accountant({ action: "delete", docid: contract.key });
    await check();
    const before = await record(contract.id);
    expect(before.drift).toBe("DELETED");
    demo.mock.clearRequests();
    await sendAgainAsNewDocument(t.db, demo.companyId, { itemType: "CONTRACT", itemId: contract.id }, demo.pm, {
      startSync: (user) => syncItem(t.db, user, "CONTRACT", contract.id).then(() => ({ runId: "direct" })),
    });
    const after = await record(contract.id);
    expect(after).toMatchObject({ state: "SYNCED", drift: "", generation: before.generation + 1 });
    const sent = demo.mock
      .listRequests()
      .requests.map((r) => JSON.stringify(r))
      .join("\n");
    expect(sent).toContain(controlIdFor("CONTRACT", after));
    expect(sent).not.toContain(controlIdFor("CONTRACT", before));
    const documents = demo.mock
      .listDocuments(undefined, { includeDeleted: true })
      .filter((d) => d.DOCID === contract.key);
    expect(documents.map((d) => Boolean((d as { deleted?: boolean }).deleted)).sort()).toEqual([false, true]);
  });
});

describe("budgets and budget changes: their estimate entries read back", () => {
  it("a changed entry is a CHANGED line amount; a deleted one a line deleted in Intacct, not a deleted item", async () => {
    const budget = await t.db.budget.findFirstOrThrow({
      where: { companyId: demo.companyId, project: { number: "P-1001" } },
      include: { lines: { orderBy: { lineNo: "asc" } } },
    });
    expect((await syncItem(t.db, demo.pm, "BUDGET", budget.id)).state).toBe("SYNCED");
    const change = await t.db.budgetChange.findFirstOrThrow({
      where: { companyId: demo.companyId, number: "BC-001" },
      include: { lines: { orderBy: { lineNo: "asc" } } },
    });
    expect((await syncItem(t.db, demo.pm, "BUDGET_CHANGE", change.id)).state).toBe("SYNCED");
    await check();
    expect((await record(budget.id)).drift).toBe("");
    expect((await record(change.id)).drift).toBe("");

    const keysOf = async (itemId: string) =>
      (((await record(itemId)).intacctDetails as { lineKeys?: Record<string, string> }).lineKeys ?? {}) as Record<
        string,
        string
      >;
    const secondLine = budget.lines[1]!;
    accountant({
      action: "change-estimate-entry",
      recordno: (await keysOf(budget.id))[secondLine.id]!,
      amount: "12.34",
    });
    const changed = await check();
    expect(changed.drifted).toBe(1);
    const ours = Number(secondLine.amountCents);
    expect(await badge(budget.id)).toMatchObject({
      label: "Changed in Intacct",
      differences: [
        {
          field: "Line 2 amount",
          ours: `$${(ours / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`,
          theirs: "$12.34",
        },
      ],
    });
    expect((await record(change.id)).drift).toBe("");

    // As if the entries had last changed long ago: the entry probe returns none of them, only the audit trail tells.
    const later = formatGenericTimestamp(new Date(Date.now() + 60 * 60_000));
    const moved = await t.db.remoteStatusMark.updateMany({
      where: { companyId: demo.companyId, object: "PJESTIMATEENTRY" },
      data: { highWaterMark: later },
    });
    expect(moved.count).toBe(1);
    const firstChangeLine = change.lines[0]!;
    accountant({ action: "delete-estimate-entry", recordno: (await keysOf(change.id))[firstChangeLine.id]! });
    const deleted = await check();
    // Not DELETED: the estimate is still there. One visible change, the budget change's: the budget, compared again
    // with the same differences, is not counted (nor rewritten).
    expect(deleted.deleted).toBe(0);
    expect(deleted.changed).toBe(1);
    const status = await badge(change.id);
    expect(status?.label).toBe("Changed in Intacct");
    expect(status?.differences).toEqual([
      {
        field: "Line 1",
        ours: `$${(Number(firstChangeLine.amountCents) / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`,
        theirs: "deleted in Intacct",
      },
    ]);
    expect((await record(change.id)).drift).toBe("CHANGED");
    // The budget's own drift is untouched by the change's deleted entry.
    expect((await record(budget.id)).drift).toBe("CHANGED");
  });
});
