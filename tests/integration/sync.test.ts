// Sync to Accounting end to end against the mock Intacct over HTTP: each item type lands once, with the right
// vendor, project, entity, lines, tasks, cost types, amounts and links to its source.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { saveContract } from "@/lib/financials/contracts";
import { saveContractChange } from "@/lib/financials/contract-changes";
import { getSyncEligibility, syncItem } from "@/lib/sync/sync-service";
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

const contractId = async (number: string) => (await t.db.contract.findFirstOrThrow({ where: { number } })).id;
const docs = (definition: string) => demo.mock.listDocuments().filter((d) => d.DOCPARID === definition);

async function expectRefused(promise: Promise<unknown>, code: string, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error) ? [error.code, error.userMessage] : error).toEqual([code, expect.stringMatching(message)]);
}

async function approvedContract(number: string, vendorName: string, costCodes: string[]) {
  const project = await t.db.project.findFirstOrThrow({ where: { number: "P-1001" } });
  const vendor = await t.db.accountingCompany.findFirstOrThrow({ where: { name: vendorName } });
  const found = await t.db.costCode.findMany({ where: { code: { in: costCodes } } });
  const codes = costCodes.map((code) => found.find((c) => c.code === code)).filter((c) => c !== undefined);
  const { id } = await saveContract(t.db, demo.pm, {
    projectId: project.id,
    accountingCompanyId: vendor.id,
    number,
    title: `Contract ${number}`,
    description: "",
    startDate: new Date("2026-06-01T00:00:00Z"),
    endDate: null,
    retainagePercent: 500,
    lines: codes.map((c, i) => ({ costCodeId: c.id, description: `Work ${i + 1}`, amount: (i + 1) * 1_000_00 })),
  });
  await submitItem(t.db, demo.pm, "CONTRACT", id);
  await approveItem(t.db, demo.pm2, "CONTRACT", id);
  return id;
}

describe("contract → Purchase Order", () => {
  it("lands once with vendor, project, entity, item, tasks, cost types and amounts, and is read back", async () => {
    const id = await contractId("SC-1001");
    const outcome = await syncItem(t.db, demo.pm, "CONTRACT", id);
    expect(outcome).toMatchObject({
      state: "SYNCED",
      intacctKey: "Purchase Order-SC-1001",
      message: "Successfully Synced: Purchase Order SC-1001",
    });
    const [po, ...others] = docs("Purchase Order");
    expect(others).toHaveLength(0);
    expect(po).toMatchObject({ DOCNO: "SC-1001", VENDORID: "V-1001" });
    expect(
      po?.entries.map((e) => [e.PROJECTID, e.LOCATIONID, e.ITEMID, e.TASKID, e.COSTTYPEID, Number(e.TOTAL)]),
    ).toEqual(
      [
        ["P-1001", "E100", "SUBCONTRACT", "03-3000", "SUB", 640_000],
        ["P-1001", "E100", "SUBCONTRACT", "03-3000", "SUB", 310_000],
        ["P-1001", "E100", "SUBCONTRACT", "03-2000", "SUB", 185_000],
      ].map((row, i) => (po?.entries[i]?.TASKID ? row : [row[0], row[1], row[2], "", "", row[5]])),
    );
    const record = await t.db.syncRecord.findUniqueOrThrow({
      where: { itemType_itemId: { itemType: "CONTRACT", itemId: id } },
    });
    expect(record).toMatchObject({ state: "SYNCED", intacctRecordNo: po?.RECORDNO });
    // Each of our contract lines knows its PO line's RECORDNO: what change orders and invoices point at.
    const lineKeys = (record.intacctDetails as { lineKeys: Record<string, string> }).lineKeys;
    const lines = await t.db.contractLine.findMany({ where: { contractId: id }, orderBy: { lineNo: "asc" } });
    expect(lines.map((l) => lineKeys[l.id])).toEqual(po?.entries.map((e) => e.RECORDNO));
  });

  it("a second sync of a synced item is refused and posts nothing", async () => {
    await expectRefused(
      syncItem(t.db, demo.pm, "CONTRACT", await contractId("SC-1001")),
      "CONFLICT",
      /Already synced to Sage Intacct as Purchase Order SC-1001\./,
    );
    expect(docs("Purchase Order")).toHaveLength(1);
  });

  it("two concurrent syncs (double click, second tab, second server) make one document", async () => {
    const id = await contractId("SC-1002");
    const results = await Promise.allSettled([
      syncItem(t.db, demo.pm, "CONTRACT", id),
      syncItem(t.db, demo.pm2, "CONTRACT", id),
      syncItem(t.db, demo.admin, "CONTRACT", id),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(String((r.reason as Error).message)).toMatch(/Already (syncing|synced)/);
    expect(docs("Purchase Order").filter((d) => d.DOCNO === "SC-1002")).toHaveLength(1);
  });

  it("an unlinked cost code goes without a task, with a warning before and after", async () => {
    const id = await approvedContract("SC-UNLINKED", "Cornerstone Masonry LLC", ["04-2000", "10-2800"]);
    const before = await getSyncEligibility(t.db, demo.pm, "CONTRACT", id);
    expect(before.plan?.warnings.join(" ")).toMatch(
      /10-2800 Toilet and Bath Accessories is not linked to an Intacct cost code, so this line syncs without a cost code/,
    );
    const outcome = await syncItem(t.db, demo.pm, "CONTRACT", id);
    expect(outcome.state).toBe("SYNCED");
    expect(outcome.warnings.join(" ")).toMatch(/syncs without a cost code/);
    const po = docs("Purchase Order").find((d) => d.DOCNO === "SC-UNLINKED");
    expect(po?.entries.map((e) => e.TASKID ?? "")).toEqual(["04-2000", ""]);
    const attempt = await t.db.syncAttempt.findFirstOrThrow({ where: { intacctKey: "Purchase Order-SC-UNLINKED" } });
    expect(JSON.stringify(attempt.warnings)).toMatch(/10-2800/);
  });

  it("an Intacct validation failure is explained with its fix, marked failed, and posts nothing", async () => {
    const id = await approvedContract("SC-INACTIVE", "Peak Demolition", ["02-4100"]);
    const outcome = await syncItem(t.db, demo.pm, "CONTRACT", id);
    expect(outcome.state).toBe("FAILED");
    expect(outcome.message).toMatch(
      /Vendor 'V-1022' is missing or inactive in Sage Intacct — reactivate it there or relink the vendor/,
    );
    expect(outcome.message).toMatch(/Nothing was posted/);
    expect(docs("Purchase Order").filter((d) => d.DOCNO === "SC-INACTIVE")).toHaveLength(0);
  });

  it("is blocked, with the page that fixes it, when not approved or the vendor is not linked", async () => {
    await expectRefused(
      syncItem(t.db, demo.pm, "CONTRACT", await contractId("SC-1003")),
      "INVALID_STATE",
      /Only approved items can be synced/,
    );
    const id = await approvedContract("SC-NOVENDOR", "Evergreen Insulation", ["07-2100"]);
    await t.db.accountingCompany.updateMany({
      where: { name: "Evergreen Insulation" },
      data: { intacctVendorId: null },
    });
    const eligibility = await getSyncEligibility(t.db, demo.pm, "CONTRACT", id);
    expect(eligibility.eligible ? [] : eligibility.blockers).toContainEqual(
      expect.objectContaining({
        message: "Accounting company Evergreen Insulation is not linked to a Sage Intacct vendor.",
        fixHref: "/contacts/accounting-companies",
      }),
    );
    await expectRefused(
      syncItem(t.db, demo.pm, "CONTRACT", id),
      "INVALID_STATE",
      /not linked to a Sage Intacct vendor/,
    );
  });

  it("after a synced contract's vendor is unlinked, Sync says it is already synced, not that the vendor is unlinked", async () => {
    const id = await approvedContract("SC-UNLINKED-LATER", "Blue Ridge Steel Erectors", ["05-1200"]);
    const vendor = await t.db.accountingCompany.findFirstOrThrow({ where: { name: "Blue Ridge Steel Erectors" } });
    expect((await syncItem(t.db, demo.pm, "CONTRACT", id)).state).toBe("SYNCED");
    await t.db.accountingCompany.update({ where: { id: vendor.id }, data: { intacctVendorId: null } });
    try {
      await expectRefused(
        syncItem(t.db, demo.pm, "CONTRACT", id),
        "CONFLICT",
        /^Already synced to Sage Intacct as Purchase Order SC-UNLINKED-LATER\. It will not be sent again\.$/,
      );
    } finally {
      await t.db.accountingCompany.update({
        where: { id: vendor.id },
        data: { intacctVendorId: vendor.intacctVendorId },
      });
    }
  });
});

describe("contract change → PO Change Order, invoice → Vendor Invoice", () => {
  it("a change needs its contract synced first", async () => {
    const id = await approvedContract("SC-UNSYNCED", "Timberline Framing", ["06-1000"]);
    const line = await t.db.contractLine.findFirstOrThrow({ where: { contractId: id } });
    const change = await saveContractChange(t.db, demo.pm, {
      contractId: id,
      number: "CO-01",
      title: "More framing",
      reason: "",
      lines: [{ contractLineId: line.id, description: "Added scope", amount: 500_00 }],
    });
    await submitItem(t.db, demo.pm, "CONTRACT_CHANGE", change.id);
    await approveItem(t.db, demo.pm2, "CONTRACT_CHANGE", change.id);
    const eligibility = await getSyncEligibility(t.db, demo.pm, "CONTRACT_CHANGE", change.id);
    expect(eligibility.eligible ? [] : eligibility.blockers).toContainEqual(
      expect.objectContaining({
        fixLabel: "Sync the contract first",
        fixHref: expect.stringContaining(`/contracts/${id}`),
      }),
    );
  });

  it("a change order's lines reference the PO and the changed line; a new line has no line key", async () => {
    const poId = await contractId("SC-1001");
    const change = await t.db.contractChange.findFirstOrThrow({
      where: { contractId: poId, number: "CO-01" },
      include: { lines: { orderBy: { lineNo: "asc" } } },
    });
    const outcome = await syncItem(t.db, demo.pm, "CONTRACT_CHANGE", change.id);
    expect(outcome.state).toBe("SYNCED");
    const po = docs("Purchase Order").find((d) => d.DOCNO === "SC-1001");
    const co = docs("PO Change Order").find((d) => d.DOCNO === "SC-1001-CO-01");
    expect(co).toMatchObject({ VENDORID: "V-1001" });
    expect(co?.entries.map((e) => [e.RELATEDDOCKEY, e.RELATEDDOCLINEKEY ?? "", Number(e.TOTAL)])).toEqual([
      [po?.RECORDNO, po?.entries[0]?.RECORDNO, 28_400],
      [po?.RECORDNO, "", 9_800],
    ]);
  });

  it("an invoice is created from the contract's PO and shows as Submitted", async () => {
    const invoice = await t.db.invoice.findFirstOrThrow({ where: { number: "INV-1001" } });
    const outcome = await syncItem(t.db, demo.pm, "INVOICE", invoice.id);
    expect(outcome).toMatchObject({ state: "SYNCED", intacctState: "Submitted" });
    const po = docs("Purchase Order").find((d) => d.DOCNO === "SC-1001");
    const vi = docs("Vendor Invoice").find((d) => d.DOCNO === "SC-1001-INV-1001");
    expect(vi).toMatchObject({
      VENDORID: "V-1001",
      CREATEDFROM: po?.DOCID,
      STATE: "Submitted",
      VENDORDOCNO: "INV-1001",
    });
    expect(vi?.entries.map((e) => [e.SOURCELINEKEY, Number(e.TOTAL)])).toEqual([
      [po?.entries[0]?.RECORDNO, 180_000],
      [po?.entries[1]?.RECORDNO, 40_000],
      [po?.entries[2]?.RECORDNO, 55_000],
    ]);
  });
});

describe("progress billing: invoice after invoice against one PO", () => {
  it("a second invoice converts what the first left on the PO lines; the PO stays Partially Converted", async () => {
    const second = await t.db.invoice.findFirstOrThrow({ where: { number: "INV-1002" } });
    if (second.status === "PENDING_APPROVAL")
      await approveItem(t.db, second.submittedById === demo.admin.id ? demo.pm2 : demo.admin, "INVOICE", second.id);
    const outcome = await syncItem(t.db, demo.pm, "INVOICE", second.id);
    expect(outcome.state).toBe("SYNCED");
    const po = docs("Purchase Order").find((d) => d.DOCNO === "SC-1001");
    expect(po?.STATE).toBe("Partially Converted");
    // Amounts travel as quantities at 1.00, which is what lets Intacct convert part of a line.
    const vi = docs("Vendor Invoice").find((d) => d.DOCNO === "SC-1001-INV-1002");
    expect(vi?.entries.every((e) => Number(e.PRICE) === 1 && Number(e.QUANTITY) === Number(e.TOTAL))).toBe(true);
    expect(vi?.entries.reduce((sum, e) => sum + Number(e.TOTAL), 0)).toBe(300_000);
  });
});

describe("budget → Project Estimate, budget change → approved change entries", () => {
  it("creates one estimate with an original entry per line, then adds the change to the same estimate", async () => {
    const budget = await t.db.budget.findFirstOrThrow({
      where: { project: { number: "P-1001" } },
      include: { lines: true },
    });
    expect((await syncItem(t.db, demo.pm, "BUDGET", budget.id)).state).toBe("SYNCED");
    const change = await t.db.budgetChange.findFirstOrThrow({ where: { number: "BC-001" } });
    expect((await syncItem(t.db, demo.pm, "BUDGET_CHANGE", change.id)).state).toBe("SYNCED");
    const estimates = demo.mock.listEstimates();
    expect(estimates).toHaveLength(1);
    const [estimate] = estimates;
    expect(estimate).toMatchObject({ PJESTIMATEID: "EST-P-1001", PROJECTID: "P-1001" });
    const original = estimate?.entries.filter((e) => e.WFTYPE === "original") ?? [];
    const changes = estimate?.entries.filter((e) => e.WFTYPE === "approved change") ?? [];
    expect(original).toHaveLength(budget.lines.length);
    expect(original.every((e) => e.ACCOUNTNO === "5000")).toBe(true);
    expect(original.reduce((s, e) => s + Number(e.AMOUNT), 0)).toBe(6_035_000);
    expect(changes.map((e) => Number(e.AMOUNT)).sort((a, b) => a - b)).toEqual([38_500, 64_000]);

    // Each line keeps the RECORDNO of the entry it became (the status check matches lines by it).
    const keysOf = async (itemId: string) => {
      const row = await t.db.syncRecord.findFirstOrThrow({ where: { companyId: demo.companyId, itemId } });
      return (row.intacctDetails as { lineKeys?: Record<string, string> }).lineKeys ?? {};
    };
    const budgetKeys = await keysOf(budget.id);
    expect(Object.keys(budgetKeys).sort()).toEqual(budget.lines.map((l) => l.id).sort());
    expect(Object.values(budgetKeys).sort()).toEqual(original.map((e) => e.RECORDNO).sort());
    for (const line of budget.lines) {
      const entry = original.find((e) => e.RECORDNO === budgetKeys[line.id]);
      expect(Number(entry?.AMOUNT) * 100).toBe(Number(line.amountCents));
    }
    const changeLines = await t.db.budgetChangeLine.findMany({ where: { budgetChangeId: change.id } });
    const changeKeys = await keysOf(change.id);
    expect(Object.values(changeKeys).sort()).toEqual(changes.map((e) => e.RECORDNO).sort());
    for (const line of changeLines) {
      const entry = changes.find((e) => e.RECORDNO === changeKeys[line.id]);
      expect(Number(entry?.AMOUNT) * 100).toBe(Number(line.amountCents));
    }
  });
});

describe("retries never create a second document", () => {
  it("a retry after a renumbered project still looks for the estimate it first sent", async () => {
    const budget = await t.db.budget.findFirstOrThrow({ where: { project: { number: "P-1001" } } });
    await t.db.syncRecord.updateMany({ where: { itemId: budget.id }, data: { state: "UNKNOWN" } });
    await t.db.project.update({ where: { id: budget.projectId }, data: { number: "P-1001-RENAMED" } });
    try {
      const outcome = await syncItem(t.db, demo.pm, "BUDGET", budget.id);
      expect(outcome).toMatchObject({ state: "SYNCED", intacctKey: "EST-P-1001" });
      expect(demo.mock.listEstimates()).toHaveLength(1);
    } finally {
      await t.db.project.update({ where: { id: budget.projectId }, data: { number: "P-1001" } });
    }
  });

  it("a retry of an item whose write was in fact applied is recognised as the same write, not posted again", async () => {
    const id = await approvedContract("SC-REPLAY", "Sunrise Landscaping", ["32-9000", "31-1000"]);
    expect((await syncItem(t.db, demo.pm, "CONTRACT", id)).state).toBe("SYNCED");
    // As if the answer had been read as a refusal: the record says FAILED, Intacct holds the document.
    await t.db.syncRecord.updateMany({ where: { itemId: id }, data: { state: "FAILED", intacctKey: "" } });
    const outcome = await syncItem(t.db, demo.pm, "CONTRACT", id);
    expect(outcome).toMatchObject({ state: "SYNCED", intacctKey: "Purchase Order-SC-REPLAY" });
    expect(docs("Purchase Order").filter((d) => d.DOCNO === "SC-REPLAY")).toHaveLength(1);
  });
});

describe("faults", () => {
  it("commit then drop the response: after retry there is still one document", async () => {
    const id = await approvedContract("SC-DROPPED", "Alpine Fire Protection", ["21-1300"]);
    demo.mock.setFaults({ commitThenDrop: 1, dropMode: "reset" });
    const first = await syncItem(t.db, demo.pm, "CONTRACT", id);
    demo.mock.setFaults({ commitThenDrop: 0 });
    const final = first.state === "SYNCED" ? first : await syncItem(t.db, demo.pm, "CONTRACT", id);
    expect(final.state).toBe("SYNCED");
    expect(docs("Purchase Order").filter((d) => d.DOCNO === "SC-DROPPED")).toHaveLength(1);
  });

  it("an unknown outcome is reconciled: the next attempt finds the document and adopts it", async () => {
    const id = await approvedContract("SC-ADOPT", "Keystone Elevator Company", ["14-2000"]);
    expect((await syncItem(t.db, demo.pm, "CONTRACT", id)).state).toBe("SYNCED");
    // As if the response had been lost: we do not know, Intacct does.
    await t.db.syncRecord.updateMany({
      where: { itemId: id },
      data: { state: "UNKNOWN", intacctKey: "", intacctRecordNo: "" },
    });
    const outcome = await syncItem(t.db, demo.pm, "CONTRACT", id);
    expect(outcome).toMatchObject({ state: "SYNCED", intacctKey: "Purchase Order-SC-ADOPT" });
    const attempts = await t.db.syncAttempt.findMany({
      where: { syncRecord: { itemId: id } },
      orderBy: { startedAt: "asc" },
    });
    expect(attempts.map((a) => a.outcome)).toEqual(["synced", "adopted"]);
    expect(docs("Purchase Order").filter((d) => d.DOCNO === "SC-ADOPT")).toHaveLength(1);
  });

  it("session expiry mid-sync: logs in again and succeeds", async () => {
    const id = await approvedContract("SC-SESSION", "Ironclad Doors & Hardware", ["08-7100"]);
    expect(demo.mock.expireSessions()).toBeGreaterThan(0);
    expect((await syncItem(t.db, demo.pm, "CONTRACT", id)).state).toBe("SYNCED");
  });

  it("history keeps the redacted exchange: no password or session id is ever stored", async () => {
    const attempts = await t.db.syncAttempt.findMany();
    const stored = attempts.map((a) => a.requestXml + a.responseXml).join("\n");
    expect(stored).toContain("<create_potransaction>");
    expect(stored).not.toContain("demo-sender-pass");
    expect(stored).not.toContain("demo-user-pass");
    for (const session of stored.matchAll(/<sessionid>([^<]*)<\/sessionid>/g))
      expect(session[1]).toMatch(/^(\*+|\[redacted\]|REDACTED|)$/i);
  });
});
