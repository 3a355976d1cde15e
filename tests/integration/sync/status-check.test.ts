// lib/sync's status check against the in-memory provider (a real provider implementation with an accountant who
// approves, declines, pays, changes and deletes documents): what it stores, what it tells people, what it costs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { getContractLineBalances } from "@/lib/financials/contract-balances";
import { saveInvoice } from "@/lib/financials/invoices";
import { createInMemoryProvider, type InMemoryProvider } from "@/lib/integrations/in-memory/provider";
import { describeRemoteStatus } from "@/lib/sync/remote-status";
import {
  listNotices,
  markNoticesRead,
  processStatusCheckJob,
  readStatusCheckState,
  runStatusCheck,
  sendAgainAsNewDocument,
} from "@/lib/sync/status-check";
import { controlIdFor, syncItem } from "@/lib/sync/sync-service";
import { buildBudget, buildCompany, buildContract, type TestCompany } from "../../helpers/builders";
import { createTestDb, type TestDb } from "../../helpers/test-db";

let t: TestDb;
let c: TestCompany;
let provider: InMemoryProvider;

beforeAll(async () => {
  t = await createTestDb();
}, 60_000);
afterAll(async () => t?.drop());
beforeEach(async () => {
  // A company per test: marks and records of one test never leak into the next.
  c = await buildCompany(t.db);
  provider = createInMemoryProvider();
});

async function syncedContract(amounts = [60_000_00, 40_000_00]) {
  const { id } = await buildContract(t.db, c, { amounts });
  await submitItem(t.db, c.pm, "CONTRACT", id);
  await approveItem(t.db, c.pm2, "CONTRACT", id);
  const outcome = await syncItem(t.db, c.pm, "CONTRACT", id, { provider });
  expect(outcome.state).toBe("SYNCED");
  return { id, key: outcome.intacctKey };
}

async function syncedInvoice(amount = 275_000_00) {
  const contract = await syncedContract([amount]);
  const [line] = await getContractLineBalances(t.db, c.pm, contract.id);
  const invoice = await saveInvoice(t.db, c.pm, {
    contractId: contract.id,
    number: "INV-1",
    invoiceDate: new Date("2026-11-01T00:00:00Z"),
    dueDate: new Date("2026-12-01T00:00:00Z"),
    retainagePercent: 0,
    lines: [{ contractLineId: line!.id, description: "All of it", amount }],
  });
  await submitItem(t.db, c.pm, "INVOICE", invoice.id);
  await approveItem(t.db, c.pm2, "INVOICE", invoice.id);
  const outcome = await syncItem(t.db, c.pm, "INVOICE", invoice.id, { provider });
  expect(outcome.state).toBe("SYNCED");
  return { id: invoice.id, key: outcome.intacctKey, contract };
}

const record = (itemId: string) => t.db.syncRecord.findFirstOrThrow({ where: { companyId: c.companyId, itemId } });
const badge = async (itemId: string) => describeRemoteStatus(await record(itemId), "the ledger");
const check = () => runStatusCheck(t.db, c.companyId, { provider });

describe("the status check", () => {
  it("approve → Approved; pay half → Partially paid; pay the rest → Paid", async () => {
    const invoice = await syncedInvoice();
    await check();
    provider.accountant.approve(invoice.key);
    const approved = await check();
    expect(approved.changed).toBe(1);
    expect((await badge(invoice.id))?.label).toBe("Approved in the ledger");

    provider.accountant.pay(invoice.key, 100_000_00);
    await check();
    expect(await badge(invoice.id)).toMatchObject({
      label: "Partially paid $100,000.00 of $275,000.00",
      differences: [],
    });

    provider.accountant.pay(invoice.key, 175_000_00, new Date("2026-12-01T15:00:00Z"));
    await check();
    expect((await badge(invoice.id))?.label).toBe("Paid Dec 1, 2026");
    const stored = await record(invoice.id);
    expect([stored.paidCents, stored.dueCents, stored.billTotalCents]).toEqual([
      BigInt(275_000_00),
      BigInt(0),
      BigInt(275_000_00),
    ]);
  });

  it("a changed document is CHANGED with each difference; changing it back clears the drift", async () => {
    const contract = await syncedContract([60_000_00, 40_000_00]);
    await check();
    provider.accountant.changeLine(contract.key, 1, 45_000_00);
    provider.accountant.changeVendor(contract.key, "Someone Else LLC");
    const outcome = await check();
    expect(outcome.drifted).toBe(1);
    const status = await badge(contract.id);
    expect(status).toMatchObject({ label: "Changed in the ledger", tone: "warn" });
    expect(status?.differences).toEqual([
      { field: "Vendor", ours: "Acme Concrete Inc.", theirs: "Someone Else LLC" },
      { field: "Total", ours: "$100,000.00", theirs: "$105,000.00" },
      { field: "Line 2 amount", ours: "$40,000.00", theirs: "$45,000.00" },
    ]);

    provider.accountant.changeLine(contract.key, 1, 40_000_00);
    provider.accountant.changeVendor(contract.key, "Acme Concrete Inc.");
    await check();
    expect((await record(contract.id)).drift).toBe("");
  });

  it("drifted counts only new or different drift: a save that only moves the stamp, or an approval, is not drift", async () => {
    const contract = await syncedContract([60_000_00, 40_000_00]);
    await check();
    provider.accountant.changeLine(contract.key, 1, 45_000_00);
    expect(await check()).toMatchObject({ drifted: 1, changed: 1 });

    // Saved again in the ledger with the same amount: a new stamp, the same differences.
    provider.accountant.changeLine(contract.key, 1, 45_000_00);
    expect(await check()).toMatchObject({ drifted: 0, changed: 0 });
    // Approved there: the state moves (a change people see), the drift is the one already known.
    provider.accountant.approve(contract.key);
    expect(await check()).toMatchObject({ drifted: 0, changed: 1 });
    expect((await record(contract.id)).drift).toBe("CHANGED");

    // Changed further: different differences are drift again.
    provider.accountant.changeLine(contract.key, 0, 61_000_00);
    expect(await check()).toMatchObject({ drifted: 1, changed: 1 });
  });

  it("a deleted document is DELETED", async () => {
    const contract = await syncedContract();
    await check();
    provider.accountant.remove(contract.key);
    const outcome = await check();
    expect(outcome.deleted).toBe(1);
    expect(await badge(contract.id)).toMatchObject({ label: "Deleted in the ledger", tone: "bad" });
  });

  it("a budget: a changed line is CHANGED by amount, a deleted line is deleted there (the budget is not DELETED)", async () => {
    const { id } = await buildBudget(t.db, c, [100_000_00, 50_000_00, 25_000_00]);
    await submitItem(t.db, c.pm, "BUDGET", id);
    await approveItem(t.db, c.pm2, "BUDGET", id);
    const synced = await syncItem(t.db, c.pm, "BUDGET", id, { provider });
    expect(synced.state).toBe("SYNCED");
    await check();
    expect((await record(id)).drift).toBe("");

    provider.accountant.changeLine(synced.intacctKey, 1, 60_000_00);
    expect((await check()).drifted).toBe(1);
    // Part of a larger document (an estimate holds other items' entries): our lines only, no vendor or total.
    expect((await badge(id))?.differences).toEqual([
      { field: "Line 2 amount", ours: "$50,000.00", theirs: "$60,000.00" },
    ]);

    provider.accountant.changeLine(synced.intacctKey, 1, 50_000_00);
    provider.accountant.removeLine(synced.intacctKey, 2);
    const outcome = await check();
    expect(outcome).toMatchObject({ deleted: 0, drifted: 1, changed: 1 });
    const status = await badge(id);
    expect(status).toMatchObject({ label: "Changed in the ledger", tone: "warn" });
    expect(status?.differences).toEqual([
      { field: "Line 3", ours: "$25,000.00", theirs: "deleted in the in-memory ledger" },
    ]);
    expect((await record(id)).drift).toBe("CHANGED");
  });

  it("nothing changed: exactly one request, nothing written", async () => {
    await syncedContract();
    await syncedContract();
    await check();
    const before = provider.requests().length;
    const outcome = await check();
    expect(outcome).toMatchObject({ changed: 0, requests: 1 });
    expect(provider.requests().slice(before)).toEqual(["status"]);
  });

  it("a decline tells the item's submitter, once", async () => {
    const invoice = await syncedInvoice();
    await check();
    provider.accountant.decline(invoice.key);
    expect((await check()).declined).toBe(1);
    await check();
    expect((await badge(invoice.id))?.label).toBe("Declined in the ledger");
    const notices = await listNotices(t.db, c.companyId, c.pm.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: "remote-declined",
      title: "Your Invoice INV-1 was declined in the in-memory ledger",
      href: `/projects/${c.projectId}/invoices/${invoice.id}`,
      readAt: null,
    });
    // Another user (or another company) cannot mark them read; the submitter can.
    expect((await markNoticesRead(t.db, c.companyId, c.pm2.id)).count).toBe(0);
    expect((await markNoticesRead(t.db, c.companyId, c.pm.id, [notices[0]!.id])).count).toBe(1);
    expect((await listNotices(t.db, c.companyId, c.pm.id))[0]?.readAt).not.toBeNull();
  });

  it("the marks move only once the changes are saved: a failed save reads the same changes again", async () => {
    const contract = await syncedContract();
    await check();
    provider.accountant.approve(contract.key);
    const failing = {
      ...provider,
      checkStatus: async (...args: Parameters<InMemoryProvider["checkStatus"]>) => {
        const result = await provider.checkStatus(...args);
        throw Object.assign(new Error("database went away"), { result });
      },
    };
    await expect(runStatusCheck(t.db, c.companyId, { provider: failing })).rejects.toThrow("database went away");
    expect((await record(contract.id)).intacctState).not.toBe("Approved");
    await check();
    expect((await record(contract.id)).intacctState).toBe("Approved");
  });

  it("the job records its outcome, its failure and when the next check is due", async () => {
    await syncedContract();
    // The first check reads the new document whole (never read back before); the second finds nothing.
    await processStatusCheckJob(t.db, c.companyId, { provider });
    await processStatusCheckJob(t.db, c.companyId, { provider });
    const state = await readStatusCheckState(t.db, c.companyId);
    expect(state).toMatchObject({ running: false, lastError: "", requests: 1, intervalMinutes: 15 });
    expect(state.nextDueAt!.getTime() - state.lastCheckedAt!.getTime()).toBe(15 * 60_000);
    provider.queueFault("down");
    await expect(processStatusCheckJob(t.db, c.companyId, { provider })).rejects.toThrow();
    expect((await readStatusCheckState(t.db, c.companyId)).lastError).toBe("The ledger is down.");
  });
});

describe("send again as a new document", () => {
  it("only for a deleted document; new control ids; one live and one deleted document in the ledger", async () => {
    const contract = await syncedContract();
    const before = await record(contract.id);
    const startSync = (actor: { id: string; name: string; companyId: string }) =>
      syncItem(t.db, actor, "CONTRACT", contract.id, { provider }).then(() => ({ runId: "direct" }));
    await expect(
      sendAgainAsNewDocument(t.db, c.companyId, { itemType: "CONTRACT", itemId: contract.id }, c.pm, { startSync }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });

    await check();
    provider.accountant.remove(contract.key);
    await check();
    const again = await sendAgainAsNewDocument(t.db, c.companyId, { itemType: "CONTRACT", itemId: contract.id }, c.pm, {
      startSync,
    });
    expect(again.generation).toBe(before.generation + 1);
    const after = await record(contract.id);
    expect(after).toMatchObject({ state: "SYNCED", drift: "", generation: before.generation + 1 });
    const oldControlId = controlIdFor("CONTRACT", before);
    expect(provider.requests()).toContain(`send ${controlIdFor("CONTRACT", after)}`);
    expect(provider.requests().filter((r) => r === `send ${oldControlId}`)).toHaveLength(1);
    expect(provider.documents()).toHaveLength(1);
    expect(provider.deletedDocuments()).toHaveLength(1);
    const audit = await t.db.auditLog.findFirst({ where: { companyId: c.companyId, action: "sync.send-again" } });
    expect(audit?.actorId).toBe(c.pm.id);
    // A second click finds nothing deleted any more.
    await expect(
      sendAgainAsNewDocument(t.db, c.companyId, { itemType: "CONTRACT", itemId: contract.id }, c.pm, { startSync }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
  });
});
