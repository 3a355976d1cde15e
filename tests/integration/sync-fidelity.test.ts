// Sync against a mock that answers the way Intacct's own samples do (docs/intacct/corrections.md): apostrophes as
// &#039; in names and messages, any of several answers to a replayed controlid, due dates on every document, and
// invoices that bill what approved contract changes added, converted from the PO Change Order's lines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ItemType } from "@/lib/generated/prisma/enums";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { saveBudgetChange } from "@/lib/financials/budget-changes";
import { listAddedScope } from "@/lib/financials/contract-balances";
import { saveContractChange } from "@/lib/financials/contract-changes";
import { saveContract } from "@/lib/financials/contracts";
import { saveInvoice } from "@/lib/financials/invoices";
import { refreshReferences } from "@/lib/integrations/sage-intacct/references";
import { linkVendor, listVendorLinks, suggestVendorLinks } from "@/lib/integrations/sage-intacct/references/links";
import { getSyncEligibility, listSyncAttempts, syncItem } from "@/lib/sync/sync-service";
import type { FaultPatch } from "@/tools/mock-intacct";
import { type ConnectedDemo, setUpConnectedDemo } from "../helpers/intacct-setup";
import { createTestDb, type TestDb } from "../helpers/test-db";

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

const OBRIEN = "O'Brien & Sons <Concrete>";
const docs = (definition: string) => demo.mock.listDocuments().filter((d) => d.DOCPARID === definition);
const doc = (docId: string) => demo.mock.listDocuments().find((d) => d.DOCID === docId);

async function upsertMockRecord(object: string, record: Record<string, string>): Promise<void> {
  const response = await fetch(`${demo.mock.url}/__mock/records`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ object, record }),
  });
  expect(response.ok).toBe(true);
}

async function approve(itemType: ItemType, id: string) {
  await submitItem(t.db, demo.pm, itemType, id);
  await approveItem(t.db, demo.pm2, itemType, id);
}

async function approvedContract(
  number: string,
  vendorName: string,
  lines: { code: string; amount: number }[],
  dates: { start: string; end: string | null } = { start: "2026-06-01", end: null },
) {
  const project = await t.db.project.findFirstOrThrow({ where: { number: "P-1001" } });
  const vendor = await t.db.accountingCompany.findFirstOrThrow({ where: { name: vendorName } });
  const codes = await t.db.costCode.findMany({ where: { code: { in: lines.map((l) => l.code) } } });
  const { id } = await saveContract(t.db, demo.pm, {
    projectId: project.id,
    accountingCompanyId: vendor.id,
    number,
    title: `Contract ${number}`,
    description: "",
    startDate: new Date(`${dates.start}T00:00:00Z`),
    endDate: dates.end ? new Date(`${dates.end}T00:00:00Z`) : null,
    retainagePercent: 0,
    lines: lines.map((line, i) => ({
      costCodeId: codes.find((c) => c.code === line.code)?.id ?? "",
      description: `Work ${i + 1}`,
      amount: line.amount,
    })),
  });
  await approve("CONTRACT", id);
  return id;
}

describe("a vendor named O'Brien & Sons <Concrete>", () => {
  it("is refreshed, suggested and linked by its real name, synced, and shown correctly", async () => {
    await upsertMockRecord("VENDOR", { VENDORID: "V-OBRIEN", NAME: OBRIEN, STATUS: "active" });
    const ours = await t.db.accountingCompany.create({ data: { companyId: demo.companyId, name: OBRIEN } });
    await refreshReferences(t.db, demo.companyId, { types: ["VENDOR"] });
    const cached = await t.db.intacctReference.findFirstOrThrow({
      where: { companyId: demo.companyId, type: "VENDOR", externalId: "V-OBRIEN" },
    });
    // Intacct writes the apostrophe as &#039;: stored decoded, or it would read "O&#039;Brien" everywhere.
    expect(cached.name).toBe(OBRIEN);
    const suggestion = (await suggestVendorLinks(t.db, demo.admin)).find((s) => s.accountingCompanyId === ours.id);
    expect(suggestion).toMatchObject({ externalId: "V-OBRIEN", name: OBRIEN });
    expect(
      await linkVendor(t.db, demo.admin, {
        accountingCompanyId: ours.id,
        intacctVendorId: "V-OBRIEN",
        confirmDuplicate: false,
      }),
    ).toMatchObject({ status: "linked", vendor: { name: OBRIEN } });
    const links = await listVendorLinks(t.db, demo.admin, { query: "Brien" });
    expect(links.rows.map((row) => [row.name, row.vendor?.name])).toEqual([[OBRIEN, OBRIEN]]);

    const id = await approvedContract("SC-OBRIEN", OBRIEN, [{ code: "03-3000", amount: 12_345_00 }]);
    expect((await getSyncEligibility(t.db, demo.pm, "CONTRACT", id)).plan?.vendor).toEqual({
      id: "V-OBRIEN",
      name: OBRIEN,
    });
    const outcome = await syncItem(t.db, demo.pm, "CONTRACT", id);
    expect(outcome).toMatchObject({ state: "SYNCED", message: "Successfully Synced: Purchase Order SC-OBRIEN" });
    expect(doc("Purchase Order-SC-OBRIEN")).toMatchObject({ VENDORID: "V-OBRIEN", VENDORNAME: OBRIEN });
    // The history holds the exchange as Intacct wrote it; what people read is decoded.
    const [attempt] = await listSyncAttempts(t.db, demo.admin, "CONTRACT", id, { withXml: true });
    expect(attempt?.responseXml).toContain("O&#039;Brien &amp; Sons &lt;Concrete&gt;");
  });

  it("an inactive vendor fails with Intacct's &#039;-quoted words turned into the fix", async () => {
    await upsertMockRecord("VENDOR", { VENDORID: "V-OBRIEN", NAME: OBRIEN, STATUS: "inactive" });
    const id = await approvedContract("SC-OBRIEN-2", OBRIEN, [{ code: "03-3000", amount: 1_000_00 }]);
    const outcome = await syncItem(t.db, demo.pm, "CONTRACT", id);
    expect(outcome.state).toBe("FAILED");
    expect(outcome.message).toBe(
      "Vendor 'V-OBRIEN' is missing or inactive in Sage Intacct — reactivate it there or relink the vendor in the app. Nothing was posted to Sage Intacct.",
    );
    const record = await t.db.syncRecord.findFirstOrThrow({ where: { itemId: id } });
    expect(record).toMatchObject({ state: "FAILED", lastErrorCode: "invalid-vendor" });
    expect(record.lastError).not.toContain("&#");
    const [attempt] = await listSyncAttempts(t.db, demo.admin, "CONTRACT", id, { withXml: true });
    expect(attempt?.responseXml).toContain("Invalid Vendor &#039;V-OBRIEN&#039; specified.");
    expect(docs("Purchase Order").filter((d) => d.DOCNO === "SC-OBRIEN-2")).toHaveLength(0);
    // A retry before the fix resends the same controlids: the refusal is taken as final only after a lookup finds
    // nothing, so it fails again with the fix instead of hanging as unconfirmed.
    const again = await syncItem(t.db, demo.pm, "CONTRACT", id);
    expect(again).toMatchObject({ state: "FAILED", message: outcome.message });
    // Reactivated in Intacct, the retry looks first, finds nothing, and posts once.
    await upsertMockRecord("VENDOR", { VENDORID: "V-OBRIEN", NAME: OBRIEN, STATUS: "active" });
    expect((await syncItem(t.db, demo.pm, "CONTRACT", id)).state).toBe("SYNCED");
    expect(docs("Purchase Order").filter((d) => d.DOCNO === "SC-OBRIEN-2")).toHaveLength(1);
  });
});

// What Intacct answers to a controlid that already ran is undocumented: each of these must still end with exactly
// one document, found by looking it up rather than by reading the answer.
const REPLAY_ANSWERS = ["control-id", "other-errorno", "other-wording", "success-no-data"] as const;
const dropOnce: FaultPatch = { commitThenDrop: 1, dropMode: "reset" };

describe.each(REPLAY_ANSWERS)("replay answer %s", (replayAnswer) => {
  it("a contract whose answer was lost lands once", async () => {
    const number = `SC-RP-${replayAnswer}`;
    const id = await approvedContract(number, "Sunrise Landscaping", [{ code: "32-9000", amount: 2_000_00 }]);
    demo.mock.setFaults({ replayAnswer, ...dropOnce });
    try {
      const outcome = await syncItem(t.db, demo.pm, "CONTRACT", id);
      expect(outcome).toMatchObject({ state: "SYNCED", intacctKey: `Purchase Order-${number}` });
    } finally {
      demo.mock.setFaults({ clear: true });
    }
    expect(docs("Purchase Order").filter((d) => d.DOCNO === number)).toHaveLength(1);
    // The write ran, its answer was lost, and the client's retry of the same controlid got the replay answer.
    const writes = demo.mock
      .listRequests()
      .requests.filter((r) =>
        r.functions.some((f) => f.function === "create_potransaction" && f.object === "Purchase Order"),
      )
      .slice(-2);
    expect(writes.map((r) => r.fault ?? "")).toEqual(["drop", ""]);
    expect(writes[1]?.functions[0]?.controlId).toBe(writes[0]?.functions[0]?.controlId);
    expect(writes[1]?.functions[0]?.status).toBe(replayAnswer === "success-no-data" ? "success" : "failure");
    const record = await t.db.syncRecord.findFirstOrThrow({ where: { itemId: id } });
    expect((record.intacctDetails as { lineKeys: Record<string, string> }).lineKeys).not.toEqual({});
  });

  it("a budget change whose answer was lost adds its entries once, found by the change number in their memo", async () => {
    const budget = await t.db.budget.findFirstOrThrow({ where: { project: { number: "P-1001" } } });
    const budgetSync = await t.db.syncRecord.findFirst({ where: { itemId: budget.id, state: "SYNCED" } });
    if (!budgetSync) expect((await syncItem(t.db, demo.pm, "BUDGET", budget.id)).state).toBe("SYNCED");
    const code = await t.db.costCode.findFirstOrThrow({ where: { code: "03-3000" } });
    const number = `BC-RP-${replayAnswer}`;
    const change = await saveBudgetChange(t.db, demo.pm, {
      projectId: budget.projectId,
      number,
      title: "Replay",
      reason: "",
      lines: [
        { costCodeId: code.id, description: "More concrete", amount: 1_111_00 },
        { costCodeId: code.id, description: "Pump", amount: 222_00 },
      ],
    });
    await approve("BUDGET_CHANGE", change.id);
    demo.mock.setFaults({ replayAnswer, ...dropOnce });
    try {
      expect((await syncItem(t.db, demo.pm, "BUDGET_CHANGE", change.id)).state).toBe("SYNCED");
    } finally {
      demo.mock.setFaults({ clear: true });
    }
    const updates = demo.mock
      .listRequests()
      .requests.filter((r) => r.functions.some((f) => f.function === "update"))
      .slice(-2);
    expect(updates.map((r) => r.fault ?? "")).toEqual(["drop", ""]);
    expect(updates[1]?.functions[0]?.status).toBe(replayAnswer === "success-no-data" ? "success" : "failure");
    const entries = demo.mock.listEstimates()[0]?.entries.filter((e) => String(e.MEMO).startsWith(`${number} · `));
    expect(entries?.map((e) => Number(e.AMOUNT))).toEqual([1_111, 222]);
  });
});

describe("due dates and change-order lines billed", () => {
  it("every purchasing document carries a due date; a change order's follows its contract", async () => {
    const id = await approvedContract("SC-DUE", "Timberline Framing", [{ code: "06-1000", amount: 5_000_00 }], {
      start: "2026-06-01",
      end: "2026-12-31",
    });
    expect((await syncItem(t.db, demo.pm, "CONTRACT", id)).state).toBe("SYNCED");
    const line = await t.db.contractLine.findFirstOrThrow({ where: { contractId: id } });
    const change = await saveContractChange(t.db, demo.pm, {
      contractId: id,
      number: "CC-DUE",
      title: "More framing",
      reason: "",
      lines: [{ contractLineId: line.id, description: "More", amount: 500_00 }],
    });
    await approve("CONTRACT_CHANGE", change.id);
    expect((await syncItem(t.db, demo.pm, "CONTRACT_CHANGE", change.id)).state).toBe("SYNCED");
    expect(doc("Purchase Order-SC-DUE")?.WHENDUE).toBe("12/31/2026");
    expect(doc("PO Change Order-SC-DUE-CC-DUE")?.WHENDUE).toBe("12/31/2026");
    // Without an end date, a purchase order is due on its own date.
    const open = await approvedContract("SC-DUE-OPEN", "Timberline Framing", [{ code: "06-1000", amount: 1_00 }]);
    expect((await syncItem(t.db, demo.pm, "CONTRACT", open)).state).toBe("SYNCED");
    expect(doc("Purchase Order-SC-DUE-OPEN")?.WHENDUE).toBe("06/01/2026");
  });

  it("an invoice bills a PO line and a line a change added, converting both documents line by line", async () => {
    const id = await approvedContract("SC-CO", "Alpine Fire Protection", [{ code: "21-1300", amount: 10_000_00 }]);
    expect((await syncItem(t.db, demo.pm, "CONTRACT", id)).state).toBe("SYNCED");
    const ownLine = await t.db.contractLine.findFirstOrThrow({ where: { contractId: id } });
    const sprinklers = await t.db.costCode.findFirstOrThrow({ where: { code: "21-1300" } });
    const change = await saveContractChange(t.db, demo.pm, {
      contractId: id,
      number: "CC-1",
      title: "Added heads and more piping",
      reason: "",
      lines: [
        { contractLineId: ownLine.id, description: "More piping", amount: 2_000_00 },
        { contractLineId: "", costCodeId: sprinklers.id, description: "Added heads", amount: 3_000_00 },
      ],
    });
    await approve("CONTRACT_CHANGE", change.id);
    const [added] = await listAddedScope(t.db, demo.pm, id);
    if (!added) throw new Error("no added line");

    const invoiceOf = async (number: string, lines: { contractLineId: string; amount: number }[]) => {
      const { id: invoiceId } = await saveInvoice(t.db, demo.pm, {
        contractId: id,
        number,
        invoiceDate: new Date("2026-07-31T00:00:00Z"),
        dueDate: new Date("2026-08-30T00:00:00Z"),
        retainagePercent: 0,
        lines: lines.map((line) => ({ ...line, description: "" })),
      });
      await approve("INVOICE", invoiceId);
      return invoiceId;
    };
    const both = await invoiceOf("INV-CO-1", [
      { contractLineId: ownLine.id, amount: 12_000_00 },
      { contractLineId: added.id, amount: 1_000_00 },
    ]);
    // The change order must be in Intacct first: it holds the added line.
    const blocked = await getSyncEligibility(t.db, demo.pm, "INVOICE", both);
    expect(blocked.eligible ? [] : blocked.blockers.map((b) => b.message)).toContain(
      "Contract change CC-1 must be synced first: this invoice bills a line it added, which Intacct holds on its PO Change Order.",
    );
    expect((await syncItem(t.db, demo.pm, "CONTRACT_CHANGE", change.id)).state).toBe("SYNCED");

    expect(await syncItem(t.db, demo.pm, "INVOICE", both)).toMatchObject({ state: "SYNCED" });
    const po = doc("Purchase Order-SC-CO");
    const co = doc("PO Change Order-SC-CO-CC-1");
    const vi = doc("Vendor Invoice-SC-CO-INV-CO-1");
    expect(vi).toMatchObject({ CREATEDFROM: "", WHENDUE: "08/30/2026" });
    expect(vi?.entries.map((e) => [e.SOURCEDOCID, e.SOURCEDOCLINEID, e.SOURCELINEKEY, Number(e.TOTAL)])).toEqual([
      [po?.DOCID, po?.entries[0]?.RECORDNO, "", 12_000],
      [co?.DOCID, co?.entries[1]?.RECORDNO, "", 1_000],
    ]);
    // The PO line, raised by the change, is billed in full; the added line has 2,000.00 left.
    expect(doc("Purchase Order-SC-CO")?.STATE).toBe("Converted");
    expect(doc("PO Change Order-SC-CO-CC-1")?.STATE).toBe("Partially Converted");

    // Lines from the change order alone: one source, so createdfrom and sourcelinekey.
    const rest = await invoiceOf("INV-CO-2", [{ contractLineId: added.id, amount: 2_000_00 }]);
    expect(await syncItem(t.db, demo.pm, "INVOICE", rest)).toMatchObject({ state: "SYNCED" });
    const second = doc("Vendor Invoice-SC-CO-INV-CO-2");
    expect(second?.CREATEDFROM).toBe(co?.DOCID);
    expect(second?.entries.map((e) => [e.SOURCELINEKEY, e.SOURCEDOCID, Number(e.TOTAL)])).toEqual([
      [co?.entries[1]?.RECORDNO, "", 2_000],
    ]);
    expect(doc("PO Change Order-SC-CO-CC-1")?.STATE).toBe("Converted");
  });
});
